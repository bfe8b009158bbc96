import * as backendCpu from '@mindts/backend-cpu';
import * as backendGpujs from '@mindts/backend-gpujs';
import * as backendWasm from '@mindts/backend-wasm';
import * as cell from '@mindts/cell';
import * as checkpoint from '@mindts/checkpoint';
import * as train from '@mindts/train';
import * as initializer from '@mindts/initializer';
import * as jit from '@mindts/jit';
import * as onnx from '@mindts/onnx';
import * as ops from '@mindts/ops';
import * as parameter from '@mindts/parameter';
import * as tensor from '@mindts/tensor';
import { describe, expect, it } from 'vitest';
import * as ms from './index.js';

/** Every runtime export of `pkg` is on `ms` under the same name and is the same object. */
function missingOrDifferent(pkg: Record<string, unknown>, renames: Record<string, string> = {}): string[] {
  return Object.keys(pkg).filter((name) => (ms as Record<string, unknown>)[renames[name] ?? name] !== pkg[name]);
}

describe('mindts umbrella', () => {
  it("has every name of MindSpore's Parameter tutorial, camelCase", () => {
    // import mindspore as ms; from mindspore import nn, ops, Parameter, Tensor, ParameterTuple;
    // from mindspore.common.initializer import initializer, One
    for (const name of ['Tensor', 'tensor', 'Parameter', 'ParameterTuple', 'initializer', 'One', 'Normal', 'Cell', 'jit', 'nn', 'ops']) {
      expect(ms, name).toHaveProperty(name);
    }
    expect(ms.float32).toBe('float32');
    expect(ms.int32).toBe('int32');
    for (const op of ['matmul', 'add', 'assign', 'assignAdd', 'assignSub', 'reshape', 'valueAndGrad', 'grad']) {
      expect(typeof (ms.ops as Record<string, unknown>)[op], `ms.ops.${op}`).toBe('function');
    }
    for (const layer of ['Dense', 'Conv2d', 'BatchNorm1d', 'BatchNorm2d', 'SGD', 'Momentum', 'Adam', 'MSELoss', 'CrossEntropyLoss']) {
      expect(typeof (ms.nn as Record<string, unknown>)[layer], `ms.nn.${layer}`).toBe('function');
    }
    for (const fn of ['valueAndGrad', 'grad', 'saveCheckpoint', 'loadCheckpoint', 'loadParamIntoNet', 'cpu', 'wasm', 'gpujs']) {
      expect(typeof (ms as Record<string, unknown>)[fn], `ms.${fn}`).toBe('function');
    }
    expect(ms.valueAndGrad).toBe(ops.valueAndGrad);
    expect(ms.grad).toBe(ops.grad);
  });

  it('re-exports every runtime export of tensor, initializer, parameter and checkpoint at the top level', () => {
    // `export *` drops a name two packages both export, silently at run time: this catches it.
    expect(missingOrDifferent(tensor)).toEqual([]);
    expect(missingOrDifferent(initializer)).toEqual([]);
    expect(missingOrDifferent(parameter)).toEqual([]);
    expect(missingOrDifferent(checkpoint)).toEqual([]);
  });

  it('keeps ops, nn and train as namespaces, and cell and jit complete', () => {
    expect(Object.keys(ms.ops).sort()).toEqual(Object.keys(ops).sort());
    for (const name of Object.keys(ops)) expect((ms.ops as Record<string, unknown>)[name]).toBe((ops as Record<string, unknown>)[name]);
    expect(ms.nn).toBe(cell.nn);
    expect(Object.keys(ms.train).sort()).toEqual(Object.keys(train).sort());
    expect(ms.train.Model).toBe(train.Model);
    expect(missingOrDifferent(cell)).toEqual([]);
    expect(missingOrDifferent(jit)).toEqual([]);
  });

  it("has every export of onnx, and MindSpore's ms.export as exportOnnx", () => {
    expect(missingOrDifferent(onnx)).toEqual([]);
    expect(ms.export).toBe(onnx.exportOnnx);
  });

  it('resolves clashes deliberately: ms.slice is the index helper, ms.ops.slice the op', () => {
    expect(ms.slice).toBe(tensor.slice);
    expect(ms.ops.slice).toBe(ops.slice);
    expect(ms.slice).not.toBe(ms.ops.slice);
    expect(ms.Constant).toBe(initializer.Constant); // jit's IR type Constant is JitConstant
  });

  it('offers the backend factories and classes, not their kernel tables', () => {
    expect(ms.cpu).toBe(backendCpu.cpu);
    expect(ms.CpuBackend).toBe(backendCpu.CpuBackend);
    expect(ms.wasm).toBe(backendWasm.wasm);
    expect(ms.WasmBackend).toBe(backendWasm.WasmBackend);
    expect(ms.gpujs).toBe(backendGpujs.gpujs);
    expect(ms.GpujsBackend).toBe(backendGpujs.GpujsBackend);
    expect(ms).not.toHaveProperty('cpuKernels');
    expect(ms).not.toHaveProperty('gpujsKernels');
  });

  it('registers nothing on import', () => {
    expect(ms.listBackends()).toEqual([]);
    expect(ms.getBackendName()).toBeUndefined();
  });
});
