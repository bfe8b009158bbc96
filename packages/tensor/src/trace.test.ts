import { describe, expect, it } from 'vitest';
import { onEngineEvent } from './events.js';
import { setTraceHooks, traceHooks } from './trace.js';

describe('process-wide hooks are checked when installed, not when the engine calls them', () => {
  it('setTraceHooks refuses what is not a full set of hook functions and keeps the old hooks', () => {
    expect(() => setTraceHooks('abc' as never)).toThrow(
      'setTraceHooks: hooks must be undefined or an object with the functions created, kernel, adopt, read, randomKey, but got "abc".',
    );
    expect(() => setTraceHooks({ created() {} } as never)).toThrow(/but got Object without kernel, adopt, read, randomKey\./);
    expect(() => setTraceHooks(null as never)).toThrow(/but got null\./);
    expect(traceHooks()).toBeUndefined();
  });

  it('onEngineEvent refuses a listener that is not a function', () => {
    expect(() => onEngineEvent(42 as never)).toThrow('onEngineEvent: listener must be a function, but got 42.');
  });
});
