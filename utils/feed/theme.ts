import type { HostTheme } from '@/utils/overlay/placement';
import type { Lifecycle } from './types';

/**
 * weibo.com's dark theme is a class on `body` (sometimes `html`): `woo-theme-dark` / `woo-theme-light`; some builds
 * and userscripts use `data-theme` on `html`. Whatever the page says wins; when it says nothing the card stylesheet
 * follows `prefers-color-scheme` (m.weibo.cn follows the system that way).
 */
export function pageTheme(doc: Document): HostTheme {
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    if (el.classList.contains('woo-theme-dark')) return 'dark';
    if (el.classList.contains('woo-theme-light')) return 'light';
    const attr = el.getAttribute('data-theme');
    if (attr === 'dark' || attr === 'light') return attr;
  }
  return null;
}

/** Calls `onChange` now and whenever the page switches theme (class / data-theme on html or body). */
export function watchPageTheme(ctx: Lifecycle, doc: Document, onChange: (theme: HostTheme) => void): void {
  let last: HostTheme | undefined;
  const check = () => {
    const now = pageTheme(doc);
    if (now !== last) {
      last = now;
      onChange(now);
    }
  };
  const mo = new MutationObserver(check);
  const opts = { attributes: true, attributeFilter: ['class', 'data-theme'] };
  mo.observe(doc.documentElement, opts);
  if (doc.body) mo.observe(doc.body, opts);
  ctx.onInvalidated(() => mo.disconnect());
  check();
}
