import type { CatalogueItem, Sku } from '@/utils/catalogue/schema';
import { formatFen } from './fen';
import { orderMessages } from './messages';
import { findSku, isCouponExpired, MAX_QUANTITY, type OrderQuote, quoteOrder } from './quote';
import type { OrderErrorCode, PlaceOrderRequest } from './schema';

export interface OrderError {
  code: OrderErrorCode;
  /** Placeholders for `orderMessages`. */
  vars: Record<string, string | number>;
  /** zh-CN text, for logs and callers that cannot localise. */
  message: string;
}

export type OrderValidation = { ok: true; sku: Sku; quote: OrderQuote } | { ok: false; error: OrderError };

function refuse(code: OrderErrorCode, vars: Record<string, string | number> = {}): OrderValidation {
  return { ok: false, error: { code, vars, message: orderMessages('zh-CN', code, vars) } };
}

/**
 * Decides whether an order may be written, against the catalogue as it is *now*. The client sends the total it
 * showed; any difference is refused rather than silently charged, and an expired coupon gets its own message
 * because it is the common way a shown total goes stale.
 */
export function validateOrderRequest(
  req: Pick<PlaceOrderRequest, 'itemId' | 'skuId' | 'quantity' | 'expectedTotalFen'>,
  item: CatalogueItem | undefined,
  now: number,
): OrderValidation {
  if (!item || item.item_id !== req.itemId) return refuse('unknown-item');
  const sku = findSku(item, req.skuId);
  if (!sku) return refuse('unknown-sku');
  if (!Number.isInteger(req.quantity) || req.quantity < 1 || req.quantity > MAX_QUANTITY)
    return refuse('bad-quantity', { max: MAX_QUANTITY });
  if (sku.stock < req.quantity) return refuse('out-of-stock', { stock: sku.stock });
  const quote = quoteOrder(item, sku.sku_id, req.quantity, now);
  if (quote.totalFen !== req.expectedTotalFen) {
    const c = quote.coupon;
    const wouldHaveApplied =
      c.status === 'expired' &&
      isCouponExpired(c.terms, now) &&
      c.shortfallFen === 0 &&
      quote.subtotalFen - Math.min(c.terms.amountFen, quote.subtotalFen) === req.expectedTotalFen;
    return refuse(wouldHaveApplied ? 'coupon-expired' : 'price-changed', { total: formatFen(quote.totalFen) });
  }
  return { ok: true, sku, quote };
}
