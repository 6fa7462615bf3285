import type { CatalogueItem } from '@/utils/catalogue/schema';
import { classifyLink as classifyUrl, findUrlsInText, type LinkClass } from '@/utils/detect/links';
import type { Post } from '@/utils/types';

/** What the card needs to remember of a post: its author and the links it wrote (page text, untrusted). */
export interface PostMeta {
  authorId: string;
  authorName: string;
  /** The post's own shopping-candidate URLs in the order written: link elements first, then URLs pasted as text. */
  links: string[];
}

export function postMetaOf(post: Post): PostMeta {
  const links: string[] = [];
  const own = post.links.filter((l) => !l.inRepost);
  const quoted = post.links.filter((l) => l.inRepost);
  for (const l of own) links.push(l.url);
  for (const u of findUrlsInText(post.text)) links.push(u.url);
  for (const l of quoted) links.push(l.url);
  if (post.repost) for (const u of findUrlsInText(post.repost.text)) links.push(u.url);
  return { authorId: post.author.uid, authorName: post.author.name, links: [...new Set(links)] };
}

/** Most links remembered; a card asks for the same few (the post's own, the item's short and click URLs) on every render. */
const MAX_REMEMBERED = 2000;
const classes = new Map<string, LinkClass>();

/** `classifyLink`, remembered: it parses a URL, and every card render asks again for the same links. */
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
