/** Kept apart from schema.ts so content scripts can stamp and label events without bundling Zod. */
export const SCHEMA_VERSION = 2 as const;
/**
 * Versions the background and the research import still accept. Version 2 added `post_exposure`; a version 1 row is a
 * valid version 2 row, so old content scripts and old exports keep working.
 */
export const ACCEPTED_SCHEMA_VERSIONS = [1, 2] as const;

/**
 * Most events per `logEvents` message from the feed's outbox (it also flushes on a 1 s timer and when the page
 * hides, so a feed's usual message holds a few). A delivery costs ~4–5 ms of round trip and commit whatever its
 * size, plus ~0.04 ms per event, so a tab catching up on a backlog delivers faster in larger messages. Issue 9's
 * write bench, one tab, three runs each: 50 → 6.0–7.8k, 100 → 9.8–13.2k, 200 → 12.1–15.4k events/s. Well below
 * the background's cap (MAX_BATCH, 500).
 */
export const OUTBOX_BATCH = 200;

export const CLICK_TARGETS = [
  'card',
  'link',
  'buy',
  'save',
  'reasons',
  'view-item',
  'sku',
  'coupon',
  'collapse',
  'mute',
  'other',
] as const;

export const INTERACTION_ACTIONS = ['like', 'repost', 'comment'] as const;

/** The detector's kinds of explicit shopping reference in a post (utils/match/references.ts). */
export const REFERENCE_KINDS = ['item', 'short', 'affiliate', 'coupon', 'shop', 'tpwd'] as const;
