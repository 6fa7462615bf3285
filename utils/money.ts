/**
 * Money helpers. Amounts live as integer fen (1 yuan = 100 fen) everywhere in code; Taobao Union sends yuan as
 * decimal strings, so conversion parses the digits instead of multiplying a float (0.29 * 100 = 28.999…).
 */

const YUAN_PATTERN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "129" / "129.9" / "129.90" → 12990. Throws on anything else (signs, commas, currency symbols, blanks). */
export function yuanToFen(yuan: string): number {
  if (typeof yuan !== 'string') throw new Error(`yuanToFen: expected a string, got ${typeof yuan}`);
  const match = YUAN_PATTERN.exec(yuan);
  if (!match) throw new Error(`yuanToFen: not a yuan amount: ${JSON.stringify(yuan)}`);
  const whole = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  const fen = whole * 100 + cents;
  if (!Number.isSafeInteger(fen)) throw new Error(`yuanToFen: amount too large: ${yuan}`);
  return fen;
}

function assertFen(fen: number, fn: string): void {
  if (!Number.isSafeInteger(fen)) throw new Error(`${fn}: fen must be a safe integer, got ${fen}`);
}

/** 12990 → "129.90" (the API's own format, always two decimals). */
export function fenToYuan(fen: number): string {
  assertFen(fen, 'fenToYuan');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Display form: 12900 → "¥129", 12990 → "¥129.90", -500 → "-¥5". */
export function formatFen(fen: number): string {
  assertFen(fen, 'formatFen');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return cents === 0 ? `${sign}¥${whole}` : `${sign}¥${whole}.${String(cents).padStart(2, '0')}`;
}

export interface Coupon {
  /** Minimum spend in fen; 0 for a no-threshold coupon. */
  thresholdFen: number;
  discountFen: number;
}

const AMOUNT = String.raw`(\d{1,7}(?:\.\d{1,2})?)`;
const THRESHOLD_COUPON = new RegExp(`^满${AMOUNT}元?减${AMOUNT}元?$`);
const FLAT_COUPON = new RegExp(`^${AMOUNT}元?无(?:门槛|条件)券?$`);

/**
 * Reads Taobao Union's `coupon_info`: "满199元减20元" → { thresholdFen: 19900, discountFen: 2000 },
 * "20元无条件券" / "20元无门槛" → threshold 0. Null for no coupon or text it cannot read with certainty.
 */
export function parseCoupon(info: string | null): Coupon | null {
  if (info == null) return null;
  const text = info.replace(/\s+/g, '');
  const threshold = THRESHOLD_COUPON.exec(text);
  if (threshold) {
    const thresholdFen = yuanToFen(threshold[1] ?? '');
    const discountFen = yuanToFen(threshold[2] ?? '');
    // A discount above its own threshold is not a coupon Taobao issues; treat as unreadable, not as free money.
    if (discountFen === 0 || discountFen > thresholdFen) return null;
    return { thresholdFen, discountFen };
  }
  const flat = FLAT_COUPON.exec(text);
  if (flat) {
    const discountFen = yuanToFen(flat[1] ?? '');
    return discountFen === 0 ? null : { thresholdFen: 0, discountFen };
  }
  return null;
}
