import type { CatalogueItem } from '@/utils/catalogue/schema';
import { classifyLink as classifyUrl, findUrlsInText, type LinkClass } from '@/utils/detect/links';
import type { Post } from '@/utils/types';

/**
 * The post's shopping-candidate URLs in the order written (page text, untrusted): its own link elements first, then
 * URLs pasted as text, then the quoted post's.
 */
export function postLinksOf(post: Post): string[] {
  const links: string[] = [];
  const own = post.links.filter((l) => !l.inRepost);
  const quoted = post.links.filter((l) => l.inRepost);
  for (const l of own) links.push(l.url);
  for (const u of findUrlsInText(post.text)) links.push(u.url);
  for (const l of quoted) links.push(l.url);
  if (post.repost) for (const u of findUrlsInText(post.repost.text)) links.push(u.url);
  return [...new Set(links)];
}

/** Most links remembered; posts name the same few items (the item's short and click URLs are asked for every time). */
const MAX_REMEMBERED = 2000;
const classes = new Map<string, LinkClass>();

/** `classifyLink`, remembered: it parses a URL. */
function classifyLink(url: string): LinkClass {
  let c = classes.get(url);
  if (c === undefined) {
    if (classes.size >= MAX_REMEMBERED) classes.clear();
    c = classifyUrl(url);
    classes.set(url, c);
  }
  return c;
}

function tokenOf(shortUrl: string): string | undefined {
  return classifyLink(shortUrl).token;
}

function codeOf(clickUrl: string): string | undefined {
  return classifyLink(clickUrl).code;
}

/**
 * The post's own link that names `item` (item page, share short link, affiliate link or coupon), exactly as the
 * influencer wrote it: 查看商品 opens this, never a rewritten or extension-made link (issue 4; the Honey lesson).
 * Null when the post named the item only by 淘口令 or by name.
 */
export function ownLinkFor(links: readonly string[], item: CatalogueItem): string | null {
  const token = tokenOf(item.short_url);
  const code = codeOf(item.click_url);
  for (const url of links) {
    const c = classifyLink(url);
    const hit =
      ((c.kind === 'item' || c.kind === 'coupon') && c.itemId === item.item_id) ||
      (c.kind === 'short' && token !== undefined && c.token === token) ||
      (c.kind === 'affiliate' && code !== undefined && c.code === code);
    if (!hit) continue;
    // Scheme-less text ("m.tb.cn/h.xxx") is not a usable href; give it the scheme a browser would assume.
    if (url.startsWith('//')) return `https:${url}`;
    return /^https?:\/\//i.test(url) ? url : `https://${url}`;
  }
  return null;
}

/**
 * Each item's own link in `post` (see `ownLinkFor`), aligned with `items`. Worked out in the background with the
 * answer, so the page never parses a post's URLs to draw its card.
 */
export function ownLinksOf(post: Post, items: readonly CatalogueItem[]): (string | null)[] {
  if (items.length === 0) return [];
  const links = postLinksOf(post);
  return items.map((item) => ownLinkFor(links, item));
}
