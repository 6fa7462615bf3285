/**
 * Integer-fen helpers for the order path. The catalogue speaks the Alimama API's yuan strings ("19.90"); parsing
 * them digit by digit keeps every amount an exact integer (19.9 * 100 in floating point is 1989.9999…).
 */
const YUAN = /^(\d+)(?:\.(\d{1,2}))?$/;

export function yuanToFen(yuan: string): number {
  const m = YUAN.exec(yuan.trim());
  if (!m) throw new RangeError(`not a yuan amount: ${JSON.stringify(yuan)}`);
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(2, '0'));
  return whole * 100 + frac;
}

/** `1990` → `"19.90"` (no currency sign). */
export function fenToYuanString(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `1990` → `"¥19.90"`: totals and receipts, where every fen shows. */
export function formatFen(fen: number): string {
  return `¥${fenToYuanString(fen)}`;
}

/** `12900` → `"129"`, `1990` → `"19.9"`: Taobao's compact price style for cards and coupon labels. */
export function formatFenShort(fen: number): string {
  return fenToYuanString(fen).replace(/\.?0+$/, '');
}
