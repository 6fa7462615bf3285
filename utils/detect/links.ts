/**
 * Classifies a URL as a Taobao/Tmall shopping reference. Only hosts Alibaba actually serves items, short links,
 * affiliate redirects, coupons and shops from are recognised; everything else is `none`. Never throws.
 */
export type LinkKind = 'item' | 'short' | 'affiliate' | 'coupon' | 'shop' | 'none';

export interface LinkClass {
  kind: LinkKind;
  /** Numeric item id (item pages, and coupon links that carry `itemId`). */
  itemId?: string;
  /** `m.tb.cn/h.<token>` / `e.tb.cn/h.<token>` token. */
  token?: string;
  /** The 淘口令 a 2023+ share link carries as `?tk=` (`e.tb.cn/h.…?tk=ZxplTi8oakt`). */
  tk?: string;
  /** `s.click.taobao.com/<code>` code. */
  code?: string;
  /** Lower-case host name, when the URL parsed. */
  host?: string;
}

const NONE: LinkClass = { kind: 'none' };

// Hosts that serve one item per page; the id is in `id` (or `itemId`) or in the a.m.taobao.com path.
const ITEM_HOSTS = new Set([
  'item.taobao.com',
  'item.m.taobao.com',
  'detail.tmall.com',
  'detail.m.tmall.com',
  'chaoshi.detail.tmall.com',
  'detail.tmall.hk',
  'detail.m.tmall.hk',
  'h5.m.taobao.com',
  'main.m.taobao.com',
  'market.m.taobao.com',
  'm.intl.taobao.com',
  'world.taobao.com',
  'a.m.taobao.com',
  'detail.liangxinyao.com',
]);

const SHORT_HOSTS = new Set(['m.tb.cn', 'e.tb.cn', 'tb.cn']);
// Tmall sub-domains that are not shops.
const TMALL_NON_SHOP = new Set([
  'www',
  'detail',
  'list',
  'pages',
  'login',
  'chaoshi',
  'm',
  'jx',
  'bk',
  'vip',
  'service',
]);

const DIGITS = /^\d{5,20}$/;

function parse(raw: string): URL | null {
  let s = raw.trim();
  if (!s || s.length > 4096) return null;
  if (s.startsWith('//')) s = `https:${s}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) s = `https://${s}`;
  try {
    const u = new URL(s);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u;
  } catch {
    return null;
  }
}

function idParam(u: URL): string | undefined {
  for (const key of ['id', 'itemId', 'item_id', 'itemid', 'num_iid']) {
    const v = u.searchParams.get(key);
    if (v && DIGITS.test(v)) return v;
  }
  return undefined;
}

export function classifyLink(url: string): LinkClass {
  if (typeof url !== 'string') return NONE;
  const u = parse(url);
  if (!u) return NONE;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  const path = u.pathname;

  if (SHORT_HOSTS.has(host)) {
    const m = /^\/h\.([A-Za-z0-9]{3,20})\/?$/.exec(path);
    if (!m) return { kind: 'none', host };
    const tk = u.searchParams.get('tk');
    return tk && /^[A-Za-z0-9]{8,20}$/.test(tk)
      ? { kind: 'short', token: m[1], tk, host }
      : { kind: 'short', token: m[1], host };
  }
  if (host === 's.click.taobao.com') {
    const m = /^\/([A-Za-z0-9]{4,20})\/?$/.exec(path);
    // `/t?e=…` is the long affiliate form: still a shopping link, but it names no code we can resolve.
    return m ? { kind: 'affiliate', code: m[1], host } : { kind: 'affiliate', host };
  }
  if (host === 'uland.taobao.com' || host === 'uland.tmall.com') {
    if (/\/coupon\/|\/quan\//.test(path)) {
      const itemId = idParam(u);
      return itemId ? { kind: 'coupon', itemId, host } : { kind: 'coupon', host };
    }
    return { kind: 'none', host };
  }
  if (ITEM_HOSTS.has(host)) {
    if (host === 'a.m.taobao.com') {
      const m = /^\/i(\d{5,20})\.htm$/.exec(path);
      return m ? { kind: 'item', itemId: m[1], host } : { kind: 'none', host };
    }
    if (host === 'world.taobao.com') {
      const m = /^\/item\/(\d{5,20})\.htm$/.exec(path);
      if (m) return { kind: 'item', itemId: m[1], host };
    }
    const itemId = /detail|item|awp|app/i.test(path) ? idParam(u) : undefined;
    return itemId ? { kind: 'item', itemId, host } : { kind: 'none', host };
  }
  if (/^shop\d{1,12}\.(?:m\.)?taobao\.com$/.test(host) || host === 'shop.sc.weibo.com') {
    return { kind: 'shop', host };
  }
  if (host === 'shop.m.taobao.com' && /shop_index/.test(path)) return { kind: 'shop', host };
  const tmall = /^([a-z0-9-]+)\.(?:m\.)?tmall\.com$/.exec(host);
  if (tmall?.[1] && !TMALL_NON_SHOP.has(tmall[1])) return { kind: 'shop', host };
  return { kind: 'none', host };
}

const URL_IN_TEXT =
  /(?:https?:\/\/|\/\/)?(?:[a-z0-9-]{1,63}\.)*(?:taobao\.com|tmall\.com|tmall\.hk|tb\.cn|weibo\.com|weibo\.cn|t\.cn)(?:\/[^\s"'<>，。！？、）)】」]*)?/giu;
const PLAIN_URL = /https?:\/\/[^\s"'<>，。！？、）)】」]+/giu;
/** The domains URL_IN_TEXT ends its host on; found first, so the host pattern only runs next to one. */
const SHOP_SUFFIX = /taobao\.com|tmall\.com|tmall\.hk|tb\.cn|weibo\.com|weibo\.cn|t\.cn/giu;
const PATH_TAIL = /\/[^\s"'<>，。！？、）)】」]*/uy;
const HOST_TAIL = /[a-z0-9.-]{0,253}/iuy;
/** Longest host name DNS allows, plus `https://`: how far before a domain its URL can start. */
const HOST_REACH = 253 + 8;
/** Texts are scanned up to this length (a post's text is at most 20,000 characters). */
export const URL_SCAN_LIMIT = 20_000;

/**
 * URLs written into the text itself (share text pastes `https://m.tb.cn/h.xxx` as plain text; people also drop the
 * scheme). Returned in text order with their offsets, deduplicated. Linear: the host pattern, which backtracks over
 * dotted labels, runs only on the stretch just before each shop domain, and stretches never overlap.
 */
export function findUrlsInText(input: string): { url: string; index: number }[] {
  if (!input) return [];
  const text = input.length > URL_SCAN_LIMIT ? input.slice(0, URL_SCAN_LIMIT) : input;
  const out: { url: string; index: number }[] = [];
  const seen = new Set<string>();
  const add = (url: string, index: number): boolean => {
    if (seen.has(url)) return false;
    seen.add(url);
    out.push({ url, index });
    return true;
  };
  const plain: { start: number; end: number }[] = [];
  PLAIN_URL.lastIndex = 0;
  for (let m = PLAIN_URL.exec(text); m !== null; m = PLAIN_URL.exec(text)) {
    if (add(m[0], m.index)) plain.push({ start: m.index, end: m.index + m[0].length });
  }
  // The scheme-less pattern is only worth running when a shopping or Weibo domain is named at all.
  if (/taobao|tmall|tb\.cn|t\.cn|weibo/i.test(text)) {
    let p = 0;
    let done = 0;
    SHOP_SUFFIX.lastIndex = 0;
    for (let s = SHOP_SUFFIX.exec(text); s !== null; s = SHOP_SUFFIX.exec(text)) {
      const at = s.index;
      if (at < done) continue;
      // The host may go on past this domain (`taobao.com.t.cn`): the pattern takes the longest host, as far as DNS allows.
      HOST_TAIL.lastIndex = at + s[0].length;
      let end = HOST_TAIL.test(text) ? HOST_TAIL.lastIndex : at + s[0].length;
      PATH_TAIL.lastIndex = end;
      if (PATH_TAIL.test(text)) end = PATH_TAIL.lastIndex;
      const from = Math.max(done, at - HOST_REACH);
      URL_IN_TEXT.lastIndex = 0;
      const m = URL_IN_TEXT.exec(text.slice(from, end));
      if (!m) continue;
      const index = from + m.index;
      done = index + m[0].length;
      SHOP_SUFFIX.lastIndex = Math.max(SHOP_SUFFIX.lastIndex, done);
      // A shop-domain match inside an already-found full URL is the same link (both lists run in text order).
      while (p < plain.length && (plain[p]?.end ?? 0) <= index) p++;
      const host = plain[p];
      if (host && index >= host.start && index < host.end) continue;
      add(m[0], index);
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
