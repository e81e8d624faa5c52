/** An action started by a button: busy while it runs, its error kept, and what runs after it. */
import { describe, expect, it } from 'vitest';
import { runAction } from '../../web/shared/action.js';

function recorder() {
  const events: string[] = [];
  return {
    events,
    state: {
      setBusy: (b: boolean) => events.push(`busy ${b}`),
      setError: (e: unknown) => events.push(`error ${e === null ? 'none' : (e as Error).message}`),
    },
  };
}

describe('runAction', () => {
  it('is busy with no error while it runs, then idle; after runs last', async () => {
    const r = recorder();
    const ok = await runAction(
      r.state,
      async () => r.events.push('run'),
      async () => {
        r.events.push('after');
      },
    );
    expect(ok).toBe(true);
    expect(r.events).toEqual(['busy true', 'error none', 'run', 'busy false', 'after']);
  });

  it('keeps the error of a refused action, resolves false, and still runs after', async () => {
    const r = recorder();
    const ok = await runAction(
      r.state,
      () => Promise.reject(new Error('refused')),
      async () => {
        r.events.push('after');
      },
    );
    expect(ok).toBe(false);
    expect(r.events).toEqual(['busy true', 'error none', 'error refused', 'busy false', 'after']);
  });

  it('runs without an after', async () => {
    const r = recorder();
    expect(await runAction(r.state, () => Promise.reject(new Error('x')))).toBe(false);
    expect(r.events).toEqual(['busy true', 'error none', 'error x', 'busy false']);
  });
});
