import { fenToYuan } from '@/utils/money';

/**
 * Fen helpers the order path adds to `@/utils/money` (which owns parsing and the display format): the compact
 * Taobao style used inside coupon labels and big card prices.
 */
export { formatFen, yuanToFen } from '@/utils/money';

/** `12900` → `"129"`, `1990` → `"19.9"`: no currency sign, no trailing zeros ("满50减5", a card's big price). */
export function formatFenShort(fen: number): string {
  return fenToYuan(fen).replace(/\.?0+$/, '');
}
