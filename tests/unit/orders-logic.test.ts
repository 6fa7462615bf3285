import { describe, expect, it } from 'vitest';
import {
  couponLabelZh,
  formatFen,
  formatFenShort,
  makeOrderId,
  ORDER_ID_PATTERN,
  orderMessages,
  priceAfterCouponFen,
  quoteOrder,
  validateOrderRequest,
  yuanToFen,
} from '@/utils/orders';
import { JUNE_1, lipstick } from './orders.fixture';

const SKU = '700000000001';

describe('fen arithmetic', () => {
  it('parses yuan strings exactly, with no floating-point drift', () => {
    expect(yuanToFen('19.90')).toBe(1990);
    expect(yuanToFen('19.9')).toBe(1990);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('129')).toBe(12900);
    expect(yuanToFen('1.15')).toBe(115); // 1.15 * 100 === 114.99999999999999 in floats
    expect(() => yuanToFen('1.999')).toThrow();
    expect(() => yuanToFen('-1')).toThrow();
  });

  it('formats fen for receipts and for compact card prices', () => {
    expect(formatFen(5470)).toBe('¥54.70');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFenShort(12900)).toBe('129');
    expect(formatFenShort(1990)).toBe('19.9');
    expect(formatFenShort(10000)).toBe('100');
  });
});

describe('quoteOrder', () => {
  it('3 × ¥19.90 with 满50减5 comes to 5470 fen', () => {
    const q = quoteOrder(lipstick(), SKU, 3, JUNE_1);
    expect(q).toMatchObject({ unitFen: 1990, subtotalFen: 5970, couponFen: 500, totalFen: 5470 });
    expect(q.coupon.status).toBe('applied');
  });

  it('does not apply the coupon below its threshold and says how much is missing', () => {
    const q = quoteOrder(lipstick(), SKU, 2, JUNE_1);
    expect(q.totalFen).toBe(3980);
    expect(q.couponFen).toBe(0);
    expect(q.coupon).toMatchObject({ status: 'below-threshold', shortfallFen: 1020 });
  });

  it('applies the coupon exactly at the threshold', () => {
    const item = lipstick({ skus: [{ sku_id: SKU, props: { 规格: '50元' }, price: '50.00', stock: 3 }] });
    expect(quoteOrder(item, SKU, 1, JUNE_1).totalFen).toBe(4500);
  });

  it('drops the coupon after the end day in Beijing time', () => {
    const lastMinute = Date.UTC(2025, 5, 30, 15, 59, 0); // 23:59 on 30 June in Beijing
    const nextDay = Date.UTC(2025, 5, 30, 16, 0, 0); // 00:00 on 1 July in Beijing
    expect(quoteOrder(lipstick(), SKU, 3, lastMinute).totalFen).toBe(5470);
    const late = quoteOrder(lipstick(), SKU, 3, nextDay);
    expect(late.totalFen).toBe(5970);
    expect(late.coupon.status).toBe('expired');
  });

  it('never lets a coupon push the total below zero', () => {
    const item = lipstick({ coupon_amount: '10.00', coupon_start_fee: '0.00' });
    const cheap = { ...item, skus: [{ sku_id: SKU, props: { 规格: '小样' }, price: '3.00', stock: 9 }] };
    expect(quoteOrder(cheap, SKU, 1, JUNE_1)).toMatchObject({ couponFen: 300, totalFen: 0 });
  });

  it('items without a coupon quote the plain subtotal', () => {
    const item = lipstick({ coupon_amount: '0', coupon_info: null, coupon_end_time: null });
    const q = quoteOrder(item, '700000000003', 2, JUNE_1);
    expect(q).toMatchObject({ subtotalFen: 11800, couponFen: 0, totalFen: 11800, coupon: { status: 'none' } });
  });

  it('labels coupons the Taobao way and prices one unit after coupon only when it unlocks it', () => {
    const terms = quoteOrder(lipstick(), SKU, 3, JUNE_1).coupon;
    expect(terms.status === 'applied' && couponLabelZh(terms.terms)).toBe('满50减5');
    expect(priceAfterCouponFen(lipstick(), JUNE_1)).toBeNull(); // ¥19.90 < ¥50
    expect(priceAfterCouponFen(lipstick({ zk_final_price: '59.00' }), JUNE_1)).toBe(5400);
  });
});

describe('validateOrderRequest', () => {
  const ok = { itemId: '600000000001', skuId: SKU, quantity: 3, expectedTotalFen: 5470 };

  it('accepts an order whose shown total still matches the catalogue', () => {
    const v = validateOrderRequest(ok, lipstick(), JUNE_1);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.quote.totalFen).toBe(5470);
  });

  it.each([
    ['unknown-item', { itemId: '600000000009' }, undefined],
    ['unknown-sku', { skuId: '799999999999' }, lipstick()],
    ['bad-quantity', { quantity: 0 }, lipstick()],
    ['bad-quantity', { quantity: 100 }, lipstick()],
    ['bad-quantity', { quantity: 1.5 }, lipstick()],
    ['out-of-stock', { skuId: '700000000002', quantity: 1, expectedTotalFen: 1990 }, lipstick()],
    ['out-of-stock', { quantity: 6 }, lipstick()],
    ['price-changed', { expectedTotalFen: 5400 }, lipstick()],
    ['price-changed', {}, lipstick({ skus: [{ sku_id: SKU, props: { 色号: '#316' }, price: '21.90', stock: 5 }] })],
  ] as const)('refuses with %s', (code, over, item) => {
    const v = validateOrderRequest({ ...ok, ...over }, item, JUNE_1);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.error.code).toBe(code);
      expect(v.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses an order whose coupon expired since the sheet showed it, naming the new total', () => {
    const v = validateOrderRequest(ok, lipstick(), Date.UTC(2025, 6, 2));
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.error.code).toBe('coupon-expired');
      expect(v.error.message).toContain('¥59.70');
      expect(orderMessages('en', v.error.code, v.error.vars)).toBe(
        'The coupon has expired (new total ¥59.70). The order was not placed.',
      );
    }
  });
});

describe('makeOrderId', () => {
  it('is ZC + Beijing yyyymmddHHMMSS + 6 digits', () => {
    const id = makeOrderId(Date.UTC(2025, 5, 1, 16, 30, 5), () => 0.0421);
    expect(id).toBe('ZC20250602003005042100');
    expect(id).toMatch(ORDER_ID_PATTERN);
    expect(makeOrderId(JUNE_1, () => 0.9999999)).toMatch(/999999$/);
    expect(makeOrderId(JUNE_1, () => 0)).toMatch(/000000$/);
  });
});
