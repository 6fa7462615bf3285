/**
 * Weibo's two spellings of one post id: `mid` (decimal, m.weibo.cn's `/detail/<mid>` and JSON `mid`/`id`) and the
 * base62 `bid` (m.weibo.cn's `/status/<bid>`, weibo.com's `mblogid`). The bid is the mid cut into 7-digit groups from
 * the right, each written in base62 (4 characters, padded, except the leading group).
 */
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

const MID = /^\d{1,20}$/;
const BID = /^[0-9A-Za-z]{1,14}$/;

function toBase62(n: number): string {
  let out = '';
  do {
    out = (ALPHABET[n % 62] as string) + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out;
}

function fromBase62(s: string): number {
  let n = 0;
  for (const c of s) n = n * 62 + ALPHABET.indexOf(c);
  return n;
}

/** `4645748019299849` → `Kjc77D1jz`; null for anything that is not a decimal mid. */
export function midToBid(mid: string): string | null {
  if (!MID.test(mid)) return null;
  const groups: string[] = [];
  for (let end = mid.length; end > 0; end -= 7) {
    const start = Math.max(0, end - 7);
    const b = toBase62(Number.parseInt(mid.slice(start, end), 10));
    groups.unshift(start > 0 ? b.padStart(4, '0') : b);
  }
  return groups.join('');
}

/** `Kjc77D1jz` → `4645748019299849`; null for anything that is not a bid. */
export function bidToMid(bid: string): string | null {
  if (!BID.test(bid)) return null;
  const groups: string[] = [];
  for (let end = bid.length; end > 0; end -= 4) {
    const start = Math.max(0, end - 4);
    const n = fromBase62(bid.slice(start, end));
    if (n >= 1e7) return null;
    groups.unshift(start > 0 ? String(n).padStart(7, '0') : String(n));
  }
  const mid = groups.join('').replace(/^0+(?=\d)/, '');
  return MID.test(mid) ? mid : null;
}

/** A decimal mid, or a bid turned into one; null for neither. */
export function asMid(id: string): string | null {
  if (MID.test(id)) return id;
  return /[A-Za-z]/.test(id) ? bidToMid(id) : null;
}
