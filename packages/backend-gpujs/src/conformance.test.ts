import { cpu } from '@mindts/backend-cpu';
import { describeConformance } from '@mindts/ops/testing';
import { gpujs } from './index.js';

// Every case on gpu.js's WebAssembly mode (what Node runs without headless-gl) and on its JS
// `cpu` mode (the generated sources interpreted), against the CPU oracle. cpuThreshold 0 keeps
// the small case tensors on gpu.js instead of forwarding them to the CPU.
describeConformance({ backend: gpujs({ name: 'gpujs-webasm', mode: 'webasm', cpuThreshold: 0 }), reference: cpu() });
describeConformance({ backend: gpujs({ name: 'gpujs-cpu', mode: 'cpu', cpuThreshold: 0 }), reference: cpu() });
