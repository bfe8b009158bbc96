import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, setBackend, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(async () => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
});

const values = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

describe('nn.GroupNorm', () => {
  it('normalises each group of channels per sample, then scales and shifts per channel', () => {
    const gn = new nn.GroupNorm(2, 4, { gammaInit: tensor([1, 1, 2, 2], 'float32'), betaInit: tensor([0, 0, 0, 1], 'float32') });
    expect([...gn.parametersAndNames()].map(([n]) => n)).toEqual(['gamma', 'beta']);
    // Group 0: channels 0-1 = [0, 2]; group 1: channels 2-3 = [5, 5] (variance 0).
    const out = values(gn.call(tensor([[[0], [2], [5], [5]]], 'float32')));
    const s = Math.sqrt(1 + 1e-5);
    for (const [i, v] of [-1 / s, 1 / s, 0, 1].entries()) expect(out[i]).toBeCloseTo(v, 5);
  });

  it('with affine false holds gamma and beta as plain Tensors, not Parameters', () => {
    const gn = tidy(() => new nn.GroupNorm(1, 2, { affine: false }));
    expect([...gn.parametersAndNames()]).toEqual([]);
    expect(
      gn.call(
        tensor(
          [
            [
              [1, 3],
              [5, 7],
            ],
          ],
          'float32',
        ),
      ).shape,
    ).toEqual([1, 2, 2]);
    gn.dispose();
  });

  it('refuses bad arguments and inputs, naming them', () => {
    expect(() => new nn.GroupNorm(3, 4)).toThrow(
      "For 'GroupNorm', the 'numChannels' should be divided by 'numGroups', but got 'numChannels': 4, 'numGroups': 3.",
    );
    expect(() => new nn.GroupNorm(2, 4, { epsilon: 1 } as never)).toThrow("unknown option 'epsilon' for GroupNorm");
    expect(() => new nn.GroupNorm(2, 4).call(tensor([[1, 2, 3]], 'float32'))).toThrow(
      "For 'GroupNorm', the input must be [N, 4, *] ('numChannels' 4), but got shape [1, 3].",
    );
    expect(() => new nn.GroupNorm(2, 4, { betaInit: tensor([1, 2], 'float32') })).toThrow(
      "For 'GroupNorm', the 'betaInit' Tensor must have shape [4], but got [2].",
    );
    expect(String(new nn.GroupNorm(2, 4))).toBe('GroupNorm(num_groups=2, num_channels=4)');
  });
});
