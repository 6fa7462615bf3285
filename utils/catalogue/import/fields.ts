import { findTpwds } from '../../detect/tpwd';

/**
 * Field readers shared by the import formats. Each takes one untrusted cell and answers a value or a reason; none
 * throws. Money is integer fen, rates basis points, times ISO 8601 at +08:00 (the exports' times are Beijing time).
 */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (reason: string): Read<never> => ({ ok: false, reason });

/** A price above this is a typo or hostile (the dearest Tmall listings stay below ¥1,000,000). */
export const MAX_PRICE_FEN = 100_000_000;

/** "129", "129.9", "¥129.90", 129.9 → fen. Negative, absurd and unreadable amounts are reasons. */
export function readYuan(raw: unknown, max = MAX_PRICE_FEN): Read<number> {
  let s: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return bad('不是金额 not an amount');
    s = raw.toFixed(2);
  } else if (typeof raw === 'string')
    s = raw
      .trim()
      .replace(/^[¥￥]/, '')
      .replace(/元$/, '')
      .replace(/,/g, '');
  else return bad('不是金额 not an amount');
  if (/^-/.test(s)) return bad('金额为负 negative amount');
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(s);
  if (!m) return bad(`不是金额 not an amount: ${clip(s)}`);
  // Amounts with more than two decimals (API floats like 12.345) round half up to the fen.
  const frac = m[2] ?? '';
  let fen = Number(m[1]) * 100 + Number(frac.slice(0, 2).padEnd(2, '0'));
  if (frac.length > 2 && Number(frac[2]) >= 5) fen += 1;
  if (!Number.isSafeInteger(fen) || fen > max) return bad(`金额过大 absurd amount: ${clip(s)}`);
  return ok(fen);
}

/** "20.00" (percent, 选品库 收入比率(%)) → 2000 basis points. */
export function readPercent(raw: unknown): Read<number> {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/%$/, '') : '';
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(s);
  if (!m) return bad(`不是比率 not a rate: ${clip(s)}`);
  const bps = Math.round(Number(`${m[1]}.${m[2] ?? '0'}`) * 100);
  return bps > 10_000 ? bad(`比率超过 100% rate above 100%: ${clip(s)}`) : ok(bps);
}

/**
 * The API's `commission_rate`: basis points as an integer string ("1550" = 15.5 %) in the material search, a percent
 * with decimals ("15.50") in older answers.
 */
export function readApiRate(raw: unknown): Read<number> {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (/^\d{1,5}$/.test(s)) {
    const bps = Number(s);
    return bps > 10_000 ? bad(`比率超过 100% rate above 100%: ${s}`) : ok(bps);
  }
  return readPercent(s);
}

/** Counts: 1234, "1234", "1.2万". */
export function readCount(raw: unknown): Read<number> {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? ok(raw) : bad('不是数量 not a count');
  const s = typeof raw === 'string' ? raw.trim().replace(/,/g, '').replace(/\+$/, '') : '';
  const wan = /^(\d{1,8}(?:\.\d{1,2})?)万$/.exec(s);
  if (wan) return ok(Math.round(Number(wan[1]) * 10_000));
  if (/^\d{1,12}$/.test(s)) return ok(Number(s));
  if (/^\d{1,12}\.0+$/.test(s)) return ok(Number.parseInt(s, 10));
  return bad(`不是数量 not a count: ${clip(s)}`);
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoAt(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  if (y < 2000 || y > 2100 || h > 23 || mi > 59 || s > 59) return null;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`;
}

function isoFromEpochMs(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  // Beijing has no daylight saving time: a fixed +8 h shift gives its wall clock.
  const t = new Date(ms + 8 * 3600_000);
  return isoAt(
    t.getUTCFullYear(),
    t.getUTCMonth() + 1,
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  );
}

/**
 * Times as the exports write them: "2026-12-01", "2026/12/1 10:00", "2026-12-01 10:00:00", epoch milliseconds (API),
 * or an Excel date serial (a date cell read from .xlsx). A date without a time is the start of that day, or its last
 * second when `endOfDay` (a coupon that ends on the 31st is good all day).
 */
export function readTime(raw: unknown, endOfDay = false): Read<string> {
  if (typeof raw === 'number') return fromNumber(raw, endOfDay);
  const s = typeof raw === 'string' ? raw.trim() : '';
  if (/^\d{12,13}$/.test(s)) return fromNumber(Number(s), endOfDay);
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return fromNumber(Number(s), endOfDay);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return bad(`不是日期 not a date: ${clip(s)}`);
  const timed = m[4] !== undefined;
  const [h, mi, sec] = timed ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : endOfDay ? [23, 59, 59] : [0, 0, 0];
  const iso = isoAt(Number(m[1]), Number(m[2]), Number(m[3]), h, mi, sec);
  return iso ? ok(iso) : bad(`不是日期 not a date: ${clip(s)}`);
}

function fromNumber(n: number, endOfDay: boolean): Read<string> {
  let iso: string | null = null;
  if (n > 1e11) iso = isoFromEpochMs(n);
  else if (n > 20_000 && n < 80_000) {
    // Excel's 1900 date system: serial 25569 is 1970-01-01; the fraction is the time of day, in local (Beijing) time.
    const whole = Math.floor(n);
    const seconds = Math.round((n - whole) * 86_400);
    const day = new Date((whole - 25_569) * 86_400_000);
    const secs = seconds === 0 && endOfDay ? 86_399 : seconds;
    iso = isoAt(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      Math.floor(secs / 3600),
      Math.floor((secs % 3600) / 60),
      secs % 60,
    );
  }
  return iso ? ok(iso) : bad(`不是日期 not a date: ${n}`);
}

/** Hosts a catalogue URL may point at: Taobao, Tmall, their short-link and CDN domains. */
const ALIBABA_HOSTS = [
  'taobao.com',
  'tmall.com',
  'tmall.hk',
  'tb.cn',
  'alicdn.com',
  'taobaocdn.com',
  'liangxinyao.com',
];

export function isAlibabaHost(host: string): boolean {
  return ALIBABA_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

/**
 * An https URL on an Alibaba host. Exports write `http://item.taobao.com/…` and the API writes `//s.click.taobao.com/…`;
 * both are Alibaba's own https services, so they are upgraded. Any other scheme (`javascript:`, `data:`) or host is a
 * reason.
 */
export function readUrl(raw: unknown): Read<string> {
  if (typeof raw !== 'string') return bad('不是链接 not a URL');
  let s = raw.trim();
  if (s.length > 2048) return bad('链接过长 URL too long');
  if (s.startsWith('//')) s = `https:${s}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return bad(`不是链接 not a URL: ${clip(s)}`);
  }
  if (u.protocol === 'http:') u.protocol = 'https:';
  if (u.protocol !== 'https:') return bad(`不允许的协议 scheme not allowed: ${u.protocol}`);
  if (u.username || u.password || u.port) return bad(`不允许的链接 URL not allowed: ${clip(s)}`);
  const host = u.hostname.toLowerCase();
  if (!isAlibabaHost(host)) return bad(`非阿里巴巴域名 not an Alibaba host: ${host}`);
  return ok(u.href);
}

/** 淘口令 core from "￥AbCd1234XyZ￥", "AbCd1234XyZ" or a whole share text. */
export function readTpwd(raw: unknown): Read<string> {
  if (typeof raw !== 'string') return bad('不是淘口令 not a Taobao password');
  const s = raw.trim();
  if (/^[A-Za-z0-9]{8,20}$/.test(s)) return ok(s);
  const hit = findTpwds(s.slice(0, 500))[0];
  return hit ? ok(hit.core) : bad(`不是淘口令 not a Taobao password: ${clip(s)}`);
}

export interface CouponValue {
  thresholdFen: number;
  amountFen: number;
}

const AMOUNT = String.raw`(\d{1,7}(?:\.\d{1,2})?)`;
const THRESHOLD = new RegExp(`^满${AMOUNT}元?减${AMOUNT}元?$`);
const FLAT = [new RegExp(`^无(?:门槛|条件)(?:券)?${AMOUNT}元?$`), new RegExp(`^${AMOUNT}元?无(?:门槛|条件)券?$`)];

/** 优惠券面额 / coupon_info: 满299元减20元, 无门槛20元, 20元无条件券. */
export function readCouponInfo(raw: unknown): Read<CouponValue> {
  const s = typeof raw === 'string' ? raw.replace(/\s+/g, '') : '';
  const t = THRESHOLD.exec(s);
  if (t) {
    const threshold = readYuan(t[1] ?? '');
    const amount = readYuan(t[2] ?? '');
    if (threshold.ok && amount.ok && amount.value > 0 && amount.value <= threshold.value)
      return ok({ thresholdFen: threshold.value, amountFen: amount.value });
    return bad(`优惠券面额不合理 coupon does not add up: ${clip(s)}`);
  }
  for (const re of FLAT) {
    const f = re.exec(s);
    const amount = f ? readYuan(f[1] ?? '') : null;
    if (amount?.ok && amount.value > 0) return ok({ thresholdFen: 0, amountFen: amount.value });
  }
  return bad(`读不懂的优惠券面额 unreadable coupon: ${clip(s)}`);
}

/** Text a spreadsheet would run as a formula (CSV injection): =, @, and + or - not followed by a number. */
export function looksLikeFormula(s: string): boolean {
  return /^[=@]/.test(s) || /^[+-](?![\d.])/.test(s);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\x00-\x1f\x7f]+/g;

/** Plain text: control characters removed, white space collapsed, at most `max` characters. */
export function readText(raw: unknown, max: number): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (!s) return null;
  return s.length > max ? s.slice(0, max) : s;
}

export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
