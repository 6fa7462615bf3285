import type { Lang } from '@/utils/settings';
import { popupMessages as t } from './messages';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** "刚刚 / 5 分钟前 / 3 小时前 / 昨天 / 4 天前", then a date: how Weibo itself labels times. */
export function relativeTime(ts: number, now: number, lang: Lang): string {
  const d = Math.max(0, now - ts);
  if (d < MIN) return t(lang, 'relNow');
  if (d < HOUR) return t(lang, 'relMin', { n: Math.floor(d / MIN) });
  if (d < DAY) return t(lang, 'relHour', { n: Math.floor(d / HOUR) });
  if (d < 2 * DAY) return t(lang, 'relYesterday');
  if (d < 30 * DAY) return t(lang, 'relDay', { n: Math.floor(d / DAY) });
  return shortDate(ts, lang);
}

export function shortDate(ts: number, lang: Lang): string {
  const dt = new Date(ts);
  const y = dt.getFullYear();
  const m = dt.getMonth() + 1;
  const d = dt.getDate();
  return lang === 'en' ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : `${y}年${m}月${d}日`;
}

export function dateTime(ts: number, lang: Lang): string {
  const dt = new Date(ts);
  const hm = `${String(dt.getHours()).padStart(2, '0')}:${String(dt.getMinutes()).padStart(2, '0')}`;
  return `${shortDate(ts, lang)} ${hm}`;
}

/** 1234 bp → "12.3%". */
export function formatBp(bp: number): string {
  const pct = bp / 100;
  return `${pct >= 10 ? Math.round(pct) : Math.round(pct * 10) / 10}%`;
}

/** Counts as Weibo prints them: 12345 → 1.2万 (zh), 12.3k (en). */
export function formatCount(n: number, lang: Lang): string {
  if (lang === 'en') return n >= 10_000 ? `${Math.round(n / 100) / 10}k` : n.toLocaleString('en-US');
  return n >= 10_000 ? `${Math.round(n / 1000) / 10}万` : String(n);
}

/** Link back to the post: weibo.com/<uid>/<id> is the permalink form the V7 site uses. */
export function postUrl(postId: string, authorId: string | null): string {
  const p = encodeURIComponent(postId);
  return authorId ? `https://weibo.com/${encodeURIComponent(authorId)}/${p}` : `https://m.weibo.cn/detail/${p}`;
}
