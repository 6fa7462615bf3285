import type { DemoUrlStruct } from '../posts';

/** One piece of a post's text as the page renders it. */
export type TextToken =
  | { t: 'text'; text: string }
  | { t: 'br' }
  | { t: 'link'; url: DemoUrlStruct }
  | { t: 'rawlink'; href: string }
  | { t: 'topic'; topic: string }
  | { t: 'mention'; name: string };

const PATTERN = /(http:\/\/t\.cn\/[A-Za-z0-9]+)|#([^#\n]{1,40})#|@([\u4e00-\u9fa5A-Za-z0-9_-]{1,30})|(\n)/g;

/** Splits `text_raw` into text, t.cn links (expanded through `url_struct`), #topics#, @mentions and breaks. */
export function tokenize(text: string, urls: readonly DemoUrlStruct[] = []): TextToken[] {
  const byShort = new Map(urls.map((u) => [u.short_url, u]));
  const out: TextToken[] = [];
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ t: 'text', text: text.slice(last, at) });
    if (m[1]) {
      const url = byShort.get(m[1]);
      out.push(url ? { t: 'link', url } : { t: 'rawlink', href: m[1] });
    } else if (m[2] !== undefined) out.push({ t: 'topic', topic: m[2] });
    else if (m[3] !== undefined) out.push({ t: 'mention', name: m[3] });
    else out.push({ t: 'br' });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ t: 'text', text: text.slice(last) });
  return out;
}

/** Visible length of a token, for the 展开 cut. */
function tokenLength(tok: TextToken): number {
  switch (tok.t) {
    case 'text':
      return tok.text.length;
    case 'br':
      return 1;
    case 'link':
      return tok.url.url_title.length + 1;
    case 'rawlink':
      return tok.href.length;
    case 'topic':
      return tok.topic.length + 2;
    case 'mention':
      return tok.name.length + 1;
  }
}

/** Cuts tokens to about `limit` visible characters without splitting a link, topic or mention. */
export function truncateTokens(tokens: TextToken[], limit: number): TextToken[] {
  const out: TextToken[] = [];
  let used = 0;
  for (const tok of tokens) {
    const len = tokenLength(tok);
    if (used + len <= limit) {
      out.push(tok);
      used += len;
      continue;
    }
    if (tok.t === 'text' && used < limit) out.push({ t: 'text', text: [...tok.text].slice(0, limit - used).join('') });
    break;
  }
  return out;
}

export const TRUNCATE_AT = 140;

/** Weibo's own wrapper for outgoing links. */
export function sinaurl(longUrl: string, host = '//weibo.cn'): string {
  return `${host}/sinaurl?u=${encodeURIComponent(longUrl)}`;
}

export function abbreviateCount(n: number): string {
  if (n >= 1e8) return `${(n / 1e8).toFixed(1).replace(/\.0$/, '')}亿`;
  if (n >= 1e4) return `${(n / 1e4).toFixed(1).replace(/\.0$/, '')}万`;
  return String(n);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Absolute time as weibo.com's permalink title: `2026-11-24 12:00`. */
export function absoluteTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** weibo.com's relative time: 刚刚, N分钟前, 今天 HH:mm, 昨天 HH:mm, MM-DD HH:mm, YY-M-D (Beijing time). */
export function relativeTime(ms: number, now: number): string {
  const diff = now - ms;
  if (diff < 60_000) return '刚刚';
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)}分钟前`;
  const d = new Date(ms + 8 * 3600_000);
  const n = new Date(now + 8 * 3600_000);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const dayOf = (x: Date) => Math.floor(Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), x.getUTCDate()) / 86_400_000);
  const days = dayOf(n) - dayOf(d);
  if (days === 0) return `今天 ${hm}`;
  if (days === 1) return `昨天 ${hm}`;
  if (d.getUTCFullYear() === n.getUTCFullYear()) return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hm}`;
  return `${String(d.getUTCFullYear()).slice(2)}-${d.getUTCMonth() + 1}-${d.getUTCDate()}`;
}
