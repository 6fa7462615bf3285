import { z } from 'zod';
import type { OrderRow } from '@/utils/db';
import { displayName } from '@/utils/display-name';

/**
 * Message payloads of the order and wish-list protocol. These are parsed in the background (the trust boundary);
 * pages and content scripts import the types only, so Zod stays out of the content-script bundle.
 */
const id = z.string().regex(/^\d{6,20}$/);
const postRef = {
  postId: z.string().min(1).max(64).nullable(),
  authorId: z.string().min(1).max(32).nullable(),
  // Page text: stored without bidi controls or invisible characters, so it cannot reorder the popup's lines.
  authorName: z.string().min(1).max(60).transform(displayName).nullable(),
};

export const PlaceOrderRequestSchema = z.object({
  itemId: id,
  skuId: id,
  /** Range-checked by `validateOrderRequest`, which gives the user a precise message. */
  quantity: z.number().int(),
  /** The total (fen) the sheet showed when the user confirmed: the order is refused if the catalogue now disagrees. */
  expectedTotalFen: z.number().int().min(0),
  ...postRef,
});
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequestSchema>;

export const SaveItemRequestSchema = z.object({ itemId: id, ...postRef });
export type SaveItemRequest = z.infer<typeof SaveItemRequestSchema>;

export const UnsaveItemRequestSchema = z.object({ itemId: id });
export type UnsaveItemRequest = z.infer<typeof UnsaveItemRequestSchema>;

export const ORDER_ERROR_CODES = [
  'unknown-item',
  'unknown-sku',
  'bad-quantity',
  'out-of-stock',
  'price-changed',
  'coupon-expired',
  'bad-request',
  'failed',
] as const;
export type OrderErrorCode = (typeof ORDER_ERROR_CODES)[number];

/** `message` is zh-CN; pages show `orderMessages(lang, code, vars)` instead when they know the code. */
export type PlaceOrderResult =
  | { ok: true; order: OrderRow }
  | { ok: false; code: OrderErrorCode; message: string; vars?: Record<string, string | number> };

export type SaveItemResult =
  | { ok: true; savedAt: number }
  | { ok: false; code: 'unknown-item' | 'bad-request'; message: string };
