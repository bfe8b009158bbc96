import { cpu } from '@mindts/backend-cpu';
import { listInitializers, registerInitializer, Zero } from '@mindts/initializer';
import * as ops from '@mindts/ops';
import { listBackends, registerBackend, setBackend } from '@mindts/tensor';
import { getKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerPluginExample } from './index.js';

// Another plugin got there first. Module state is fresh per test file, so this file starts with
// nothing registered; the two cases run in this order on purpose.
beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

describe('registerPluginExample next to another plugin', () => {
  it("says so when another plugin registered a gradient for 'Mish'", () => {
    ops.registerGradient('Mish', (dy) => [dy]);
    expect(() => registerPluginExample()).toThrow(
      "registerPluginExample: another plugin already registered a gradient for 'Mish' (A gradient rule for 'Mish' is already registered.)",
    );
  });

  it("says so when another plugin owns the name 'rademacher', before registering anything", () => {
    registerInitializer('rademacher', () => new Zero());
    expect(() => registerPluginExample({ cpu: ['cpu-fresh'] })).toThrow(
      "registerPluginExample: an initializer named 'rademacher' was already registered by another plugin.",
    );
    expect(getKernel('Mish', 'cpu-fresh')).toBeUndefined();
    expect(listInitializers()).toContain('rademacher');
  });
});
