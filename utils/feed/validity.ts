import type { ContentScriptContext } from '#imports';

/**
 * How often the content script asks WXT whether the extension is still there. WXT's `isInvalid` reads `runtime.id`
 * through the extension bindings, a call into the browser (~0.08 ms each in a card-feed profile), and the feed asks
 * on every pass, every logged event and every scan of card hosts. An invalidation WXT hears about (a newer copy of the
 * script starting) arrives through `onInvalidated` at once anyway.
 */
export const VALIDITY_CHECK_MS = 1000;

/**
 * Whether the extension is still there: false at once after `onInvalidated`, otherwise WXT's own check, asked at most
 * once per `everyMs` (true in between).
 */
export function throttledValidity(
  ctx: Pick<ContentScriptContext, 'isInvalid' | 'onInvalidated'>,
  everyMs = VALIDITY_CHECK_MS,
  now: () => number = () => performance.now(),
): () => boolean {
  let gone = false;
  let checkedAt = Number.NEGATIVE_INFINITY;
  ctx.onInvalidated(() => {
    gone = true;
  });
  return () => {
    if (gone) return false;
    const t = now();
    if (t - checkedAt < everyMs) return true;
    checkedAt = t;
    gone = ctx.isInvalid;
    return !gone;
  };
}
