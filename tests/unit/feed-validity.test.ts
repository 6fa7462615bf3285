import { describe, expect, it } from 'vitest';
import { throttledValidity, VALIDITY_CHECK_MS } from '@/utils/feed/validity';

function fakeCtx() {
  const listeners: (() => void)[] = [];
  const ctx = {
    gone: false,
    reads: 0,
    get isInvalid() {
      ctx.reads++;
      return ctx.gone;
    },
    onInvalidated(cb: () => void) {
      listeners.push(cb);
      return () => {};
    },
    invalidate() {
      ctx.gone = true;
      for (const cb of listeners) cb();
    },
  };
  return ctx;
}

describe('throttledValidity', () => {
  it('asks WXT at most once per interval, and hears of the extension going away at the next ask', () => {
    const ctx = fakeCtx();
    let now = 0;
    const valid = throttledValidity(ctx, VALIDITY_CHECK_MS, () => now);
    for (let i = 0; i < 50; i++) {
      expect(valid()).toBe(true);
      now += 10;
    }
    expect(ctx.reads).toBe(1);
    ctx.gone = true; // runtime.id is gone, and nothing told the context yet
    now = VALIDITY_CHECK_MS - 1;
    expect(valid()).toBe(true);
    now = VALIDITY_CHECK_MS;
    expect(valid()).toBe(false);
    expect(ctx.reads).toBe(2);
    // Once gone, always gone, without asking again.
    now += 10 * VALIDITY_CHECK_MS;
    expect(valid()).toBe(false);
    expect(ctx.reads).toBe(2);
  });

  it('is false at once when the context is invalidated', () => {
    const ctx = fakeCtx();
    const valid = throttledValidity(ctx, VALIDITY_CHECK_MS, () => 0);
    expect(valid()).toBe(true);
    ctx.invalidate();
    expect(valid()).toBe(false);
    expect(ctx.reads).toBe(1);
  });
});
