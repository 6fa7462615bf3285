import { describe, expect, it } from 'vitest';
import { fenToYuan, formatFen, parseCoupon, yuanToFen } from '@/utils/money';

describe('yuanToFen', () => {
  it('reads the API’s yuan strings exactly, without float drift', () => {
    expect(yuanToFen('129.00')).toBe(12900);
    expect(yuanToFen('129.9')).toBe(12990);
    expect(yuanToFen('129')).toBe(12900);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 === 28.999999999999996 in floats
    expect(yuanToFen('0')).toBe(0);
    expect(yuanToFen('0.01')).toBe(1);
    expect(yuanToFen('007.50')).toBe(750);
  });

  it.each(['', ' 12', '12 ', '-1', '+1', '1.234', '.5', '5.', '1,299.00', '¥129', 'abc', '1e3', 'NaN', '12.3.4'])(
    'rejects %j with a clear error',
    (bad) => {
      expect(() => yuanToFen(bad)).toThrow(/yuanToFen/);
    },
  );

  it('rejects non-strings coming from untyped JSON', () => {
    expect(() => yuanToFen(129 as unknown as string)).toThrow(/expected a string/);
  });

  it('refuses amounts beyond exact integer range', () => {
    expect(() => yuanToFen('99999999999999999')).toThrow();
  });
});

describe('fenToYuan / formatFen', () => {
  it('prints the API format with two decimals', () => {
    expect(fenToYuan(12900)).toBe('129.00');
    expect(fenToYuan(12990)).toBe('129.90');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(-250)).toBe('-2.50');
  });

  it('round-trips every yuan string it prints', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 12345, 99999999]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });

  it('shows prices the way a shopper reads them: no “.00”, but keeps real cents', () => {
    expect(formatFen(12900)).toBe('¥129');
    expect(formatFen(12990)).toBe('¥129.90');
    expect(formatFen(990)).toBe('¥9.90');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0');
    expect(formatFen(-500)).toBe('-¥5');
  });

  it('refuses fractional fen, which would mean a float slipped in', () => {
    expect(() => fenToYuan(12.5)).toThrow();
    expect(() => formatFen(Number.NaN)).toThrow();
  });
});

describe('parseCoupon', () => {
  it('reads threshold coupons', () => {
    expect(parseCoupon('满199元减20元')).toEqual({ thresholdFen: 19900, discountFen: 2000 });
    expect(parseCoupon('满199减20')).toEqual({ thresholdFen: 19900, discountFen: 2000 });
    expect(parseCoupon('满9.9元减3元')).toEqual({ thresholdFen: 990, discountFen: 300 });
    expect(parseCoupon(' 满 59 元减 5 元 ')).toEqual({ thresholdFen: 5900, discountFen: 500 });
  });

  it('reads no-threshold coupons', () => {
    expect(parseCoupon('20元无条件券')).toEqual({ thresholdFen: 0, discountFen: 2000 });
    expect(parseCoupon('5元无门槛')).toEqual({ thresholdFen: 0, discountFen: 500 });
  });

  it('returns null for no coupon and for text it cannot trust', () => {
    expect(parseCoupon(null)).toBeNull();
    expect(parseCoupon('')).toBeNull();
    expect(parseCoupon('限时特惠')).toBeNull();
    expect(parseCoupon('满100元减200元')).toBeNull();
    expect(parseCoupon('满100元减0元')).toBeNull();
    expect(parseCoupon('0元无条件券')).toBeNull();
    expect(parseCoupon('满199元减20元，再送赠品')).toBeNull();
  });
});
