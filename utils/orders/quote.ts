import type { CatalogueItem, Sku } from '@/utils/catalogue/schema';
import { formatFenShort, yuanToFen } from './fen';

/** A single order is capped so a stuck key or a fat-fingered "999" cannot place an absurd mock order. */
export const MAX_QUANTITY = 99;

const CHINA_OFFSET_MS = 8 * 3600_000;

export interface CouponTerms {
  amountFen: number;
  /** Subtotal the order must reach; 0 = no threshold (无门槛). */
  startFeeFen: number;
  /** First instant (ms since epoch) at which the coupon no longer applies; null = no end date. */
  endsAt: number | null;
  /** The `coupon_end_time` day as the catalogue gives it (yyyy-mm-dd), for display. */
  endDay: string | null;
}

export type CouponStatus =
  | { status: 'none' }
  | { status: 'applied' | 'below-threshold' | 'expired'; terms: CouponTerms; shortfallFen: number };

export interface OrderQuote {
  unitFen: number;
  quantity: number;
  subtotalFen: number;
  couponFen: number;
  totalFen: number;
  coupon: CouponStatus;
}

/**
 * Coupon terms of an item, or null when it has none. `coupon_end_time` is a calendar day in China: the coupon holds
 * through 23:59:59 Beijing time of that day, whatever the time zone of the machine running this.
 */
export function couponOf(item: Pick<CatalogueItem, 'coupon_amount' | 'coupon_start_fee' | 'coupon_end_time'>) {
  const amountFen = yuanToFen(item.coupon_amount);
  if (amountFen <= 0) return null;
  let endsAt: number | null = null;
  if (item.coupon_end_time) {
    const [y, m, d] = item.coupon_end_time.split('-').map(Number) as [number, number, number];
    endsAt = Date.UTC(y, m - 1, d + 1) - CHINA_OFFSET_MS;
  }
  const terms: CouponTerms = {
    amountFen,
    startFeeFen: yuanToFen(item.coupon_start_fee),
    endsAt,
    endDay: item.coupon_end_time,
  };
  return terms;
}

export function isCouponExpired(terms: CouponTerms, now: number): boolean {
  return terms.endsAt !== null && now >= terms.endsAt;
}

/** "满50减5" / "立减5": the label shoppers know from Taobao. */
export function couponLabelZh(terms: CouponTerms): string {
  return terms.startFeeFen > 0
    ? `满${formatFenShort(terms.startFeeFen)}减${formatFenShort(terms.amountFen)}`
    : `立减${formatFenShort(terms.amountFen)}`;
}

export function couponLabelEn(terms: CouponTerms): string {
  return terms.startFeeFen > 0
    ? `¥${formatFenShort(terms.amountFen)} off ¥${formatFenShort(terms.startFeeFen)}+`
    : `¥${formatFenShort(terms.amountFen)} off`;
}

export function findSku(item: CatalogueItem, skuId: string): Sku | undefined {
  return item.skus.find((s) => s.sku_id === skuId);
}

/**
 * Prices an order in integer fen. The coupon applies once per order when the subtotal reaches its start fee and it
 * has not expired; it never takes the total below zero. Throws for a SKU the item does not have (callers validate
 * first; see `validateOrderRequest`).
 */
export function quoteOrder(item: CatalogueItem, skuId: string, quantity: number, now: number): OrderQuote {
  const sku = findSku(item, skuId);
  if (!sku) throw new RangeError(`item ${item.item_id} has no SKU ${skuId}`);
  const unitFen = yuanToFen(sku.price);
  const subtotalFen = unitFen * quantity;
  const terms = couponOf(item);
  let coupon: CouponStatus = { status: 'none' };
  let couponFen = 0;
  if (terms) {
    const shortfallFen = Math.max(0, terms.startFeeFen - subtotalFen);
    if (isCouponExpired(terms, now)) coupon = { status: 'expired', terms, shortfallFen };
    else if (shortfallFen > 0) coupon = { status: 'below-threshold', terms, shortfallFen };
    else {
      coupon = { status: 'applied', terms, shortfallFen: 0 };
      couponFen = Math.min(terms.amountFen, subtotalFen);
    }
  }
  return { unitFen, quantity, subtotalFen, couponFen, totalFen: subtotalFen - couponFen, coupon };
}

/** Price of one unit at the item's list price after its coupon, when one unit alone unlocks it ("券后 ¥X"). */
export function priceAfterCouponFen(item: CatalogueItem, now: number): number | null {
  const terms = couponOf(item);
  if (!terms || isCouponExpired(terms, now)) return null;
  const finalFen = yuanToFen(item.zk_final_price);
  if (finalFen < terms.startFeeFen) return null;
  return Math.max(0, finalFen - terms.amountFen);
}
