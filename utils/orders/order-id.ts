const CHINA_OFFSET_MS = 8 * 3600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * `ZC20250601143005` + 6 random digits. The timestamp is Beijing time, as on Taobao receipts, so an order number
 * reads the same whatever the machine's time zone. `rand` returns [0, 1) (injected so tests are deterministic).
 */
export function makeOrderId(now: number, rand: () => number = Math.random): string {
  const t = new Date(now + CHINA_OFFSET_MS);
  const stamp =
    `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}` +
    `${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}`;
  const suffix = Math.min(999_999, Math.max(0, Math.floor(rand() * 1_000_000)));
  return `ZC${stamp}${pad(suffix, 6)}`;
}

export const ORDER_ID_PATTERN = /^ZC\d{14}\d{6}$/;
