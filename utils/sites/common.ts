import type { PostLink, VerifiedTier } from '../types';

/** Visible text is capped so a 60 KB post costs the same as a 20 KB one. */
export const MAX_TEXT = 20_000;
export const MAX_LINKS = 50;
export const MAX_IMAGES = 18;
const MAX_NAME = 100;

/** 转发 / 评论 / 赞 counts as Weibo abbreviates them: `1.2万`, `3亿`, `100万+`, `1,234`; a bare label is 0. */
export function parseCount(raw: string | null | undefined): number {
  if (!raw) return 0;
  const m = /(\d+(?:\.\d+)?)\s*(万|萬|亿|億|[wW]|[kK])?/.exec(raw.replace(/[,，\s]/g, ''));
  if (!m?.[1]) return 0;
  const n = Number.parseFloat(m[1]);
  const unit = m[2] ?? '';
  const mult = /[万萬wW]/.test(unit) ? 1e4 : /[亿億]/.test(unit) ? 1e8 : /[kK]/.test(unit) ? 1e3 : 1;
  const v = Math.round(n * mult);
  return Number.isFinite(v) ? Math.min(v, Number.MAX_SAFE_INTEGER) : 0;
}

/**
 * Weibo wraps outbound links as `//weibo.cn/sinaurl?u=<percent-encoded>` (older: `?toasturl=`, `?url=`). Returns the
 * real destination, or the input when it is not a wrapper or cannot be decoded.
 */
export function unwrapSinaUrl(href: string): string {
  const h = href.trim();
  if (!/sinaurl/i.test(h)) return h;
  try {
    const u = new URL(h.startsWith('//') ? `https:${h}` : h, 'https://weibo.com/');
    if (!/(^|\.)weibo\.(cn|com)$/i.test(u.hostname) || !/sinaurl/i.test(u.pathname)) return h;
    for (const key of ['u', 'toasturl', 'url']) {
      const v = u.searchParams.get(key);
      if (v) return v.trim();
    }
  } catch {
    // Malformed wrapper: keep what the page showed.
  }
  return h;
}

/** `.../timeline_card_small_taobao_default.png?x=1` → `timeline_card_small_taobao_default`. */
export function iconStem(src: string | null | undefined): string | null {
  if (!src) return null;
  const m = /([A-Za-z0-9_-]+)\.(?:png|gif|jpe?g|svg|webp)(?:[?#]|$)/i.exec(src);
  return m?.[1] ?? null;
}

export function clip(s: string, max = MAX_NAME): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max) : t;
}

/** weibo.com's 广告 / 荐读 / 推荐 labels, as the DOM shows them and as page JSON's `promotion.recommend` holds them. */
export const PROMO_LABEL = /^(?:广告|荐读|推荐|热推|广告\s*\S*)$/;

/**
 * `text` + `chunk` with the chunk's runs of `space` collapsed to one space, and a leading space dropped where the text
 * is empty or already ends in a space or line break (how a browser lays out inline text).
 */
export function appendCollapsed(text: string, chunk: string, space: RegExp): string {
  let v = chunk.replace(space, ' ');
  if (v.startsWith(' ') && (text === '' || text.endsWith(' ') || text.endsWith('\n'))) v = v.slice(1);
  return text + v;
}

/** HTML whitespace: a line break in the markup is a space on screen (`<br>` makes the breaks). */
const HTML_SPACE = /[ \t\r\n\f\v]+/g;

const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'svg', 'SVG', 'BUTTON']);

export interface ReadTextResult {
  text: string;
  /** Anchors met while reading, with the offset of their text. */
  anchors: { el: Element; offset: number }[];
}

/**
 * Visible text of an element (text nodes, emoji `<img alt>`, `<br>` as newline), never HTML. `skip` prunes subtrees
 * (the 展开 control, a nested repost). Stops reading once `max` characters are collected.
 */
export function readText(root: Element, skip: (el: Element) => boolean, max = MAX_TEXT): ReadTextResult {
  let text = '';
  const anchors: { el: Element; offset: number }[] = [];
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (text.length >= max) return;
      if (child.nodeType === 3) {
        // Collapse whitespace as it is appended (not afterwards) so anchor offsets stay true.
        text = appendCollapsed(text, child.nodeValue ?? '', HTML_SPACE);
      } else if (child.nodeType === 1) {
        const el = child as Element;
        const tag = el.tagName;
        if (SKIP_TAGS.has(tag) || skip(el)) continue;
        if (tag === 'BR') {
          if (text !== '') text += '\n';
        } else if (tag === 'IMG') {
          const alt = el.getAttribute('alt');
          // Emoji images carry `[哈哈]` alts; link-type icons have none worth reading.
          if (alt && alt.length <= 12) text += alt;
        } else {
          if (tag === 'A') anchors.push({ el, offset: text.length });
          walk(el);
          if ((tag === 'P' || tag === 'DIV') && text !== '' && !text.endsWith('\n')) text += '\n';
        }
      }
    }
  };
  walk(root);
  text = text.trimEnd();
  return { text: text.length > max ? text.slice(0, max) : text, anchors };
}

/** Longest link URL kept: the post schema's bound, so one odd link never costs the post its answer. */
const MAX_URL = 4096;

/**
 * One link of a post, from what its anchor carries, for the DOM and the HTML readers alike: m.weibo.cn draws a t.cn
 * link's destination in `data-url` and a `/p/index` card page in `href`, so an http(s) `data-url` wins; otherwise the
 * `href`, with Weibo's `sinaurl` wrapper taken off. In-site routes (`/n/name` mentions) are not links.
 */
export function linkFrom(
  href: string | null,
  dataUrl: string | null,
  label: string,
  iconSrc: string | null | undefined,
  offset: number,
  inRepost: boolean,
): PostLink | null {
  const data = dataUrl?.trim() ?? '';
  let url = /^(?:https?:)?\/\//i.test(data) ? data : href ? unwrapSinaUrl(href) : '';
  if (!/^(?:https?:)?\/\//i.test(url)) return null;
  if (url.startsWith('//')) url = `https:${url}`;
  if (url.length > MAX_URL) return null;
  return { url, text: clip(label, 200), icon: iconStem(iconSrc), inRepost, offset };
}

/** Anchor → `PostLink` (see `linkFrom`); `textSel` picks the label inside the anchor (m.weibo.cn's `.surl-text`). */
export function linkOf(a: Element, offset: number, inRepost: boolean, textSel?: string): PostLink | null {
  const iconEl = a.querySelector('img.icon-link, img[src*="timeline_card"], .url-icon img, img');
  const labelEl = textSel ? a.querySelector(textSel) : null;
  return linkFrom(
    a.getAttribute('href'),
    a.getAttribute('data-url'),
    (labelEl ?? a).textContent ?? '',
    iconEl?.getAttribute('src'),
    offset,
    inRepost,
  );
}

export function firstMatch(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    try {
      const el = root.querySelector(s);
      if (el) return el;
    } catch {
      // An invalid selector in the data must not take the adapter down.
    }
  }
  return null;
}

export function join(selectors: readonly string[]): string {
  return selectors.join(', ');
}

/** Weibo `verified_type` / `verified_type_ext` → tier: -1 none, 0 personal (ext 1 gold, 0 orange), 1–7 organisation. */
export function tierFromJson(type: unknown, ext: unknown): VerifiedTier | null {
  if (typeof type !== 'number' || !Number.isInteger(type)) return null;
  if (type < 0) return 'none';
  if (type === 0) return ext === 1 ? 'gold' : ext === 0 ? 'orange' : 'yellow';
  if (type >= 1 && type <= 7) return 'blue';
  return null;
}
