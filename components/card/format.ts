import type { Lang } from '@/utils/settings';

/** 30-day sales the way Taobao prints them: 9999, 1.2万, 3.4亿 (en: 9,999, 12k, 340M). */
export function formatSales(n: number, lang: Lang): string {
  const trim = (x: number) => (Math.floor(x * 10) / 10).toFixed(1).replace(/\.0$/, '');
  if (lang === 'en') {
    if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
    if (n >= 10_000) return `${trim(n / 1000)}k`;
    return n.toLocaleString('en-US');
  }
  if (n >= 100_000_000) return `${trim(n / 100_000_000)}亿`;
  if (n >= 10_000) return `${trim(n / 10_000)}万`;
  return String(n);
}

/** Only http(s) links from a post become hrefs: a `javascript:` or `data:` "link" in page text must never be clickable. */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** `"2025-06-30"` → `{ m: 6, d: 30 }`. */
export function monthDay(day: string): { m: number; d: number } {
  const [, m, d] = day.split('-').map(Number);
  return { m: m ?? 0, d: d ?? 0 };
}
