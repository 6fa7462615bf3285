/** Kept apart from schema.ts so content scripts can stamp and label events without bundling Zod. */
export const SCHEMA_VERSION = 1 as const;

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
