import type { Post, PostLink, VerifiedTier } from '../types';
import {
  appendCollapsed,
  clip,
  iconStem,
  MAX_IMAGES,
  MAX_LINKS,
  MAX_TEXT,
  PROMO_LABEL,
  tierFromJson,
  unwrapSinaUrl,
} from './common';

/**
 * Weibo's post JSON (`mblog`, from the Vue component via a MAIN-world script). The page can forge it, so it is read
 * field by field: anything with the wrong type is ignored, strings are capped, and nothing here can throw. No Zod:
 * this runs in the content script, where every kilobyte counts.
 */
export interface PageMblog {
  mblogid?: string;
  mid?: string;
  textRaw?: string;
  user?: { uid?: string; name?: string; tier?: VerifiedTier; followers?: number };
  links: JsonLink[];
  images: string[];
  retweeted?: PageMblog;
}

/** A url_struct entry: `shortUrl` is the t.cn form the DOM shows, `url` the expanded destination. */
export type JsonLink = PostLink & { shortUrl?: string };

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

function str(v: unknown, max = 200): string | undefined {
  return typeof v === 'string' && v.length <= max ? v : undefined;
}

function idStr(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  return typeof v === 'string' && /^\d{1,20}$/.test(v) ? v : undefined;
}

function followers(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.round(v);
  if (typeof v === 'string') {
    const m = /^(\d+(?:\.\d+)?)(万|亿)?$/.exec(v.trim());
    if (m?.[1]) return Math.round(Number.parseFloat(m[1]) * (m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1));
  }
  return undefined;
}

function httpUrl(v: unknown): string | undefined {
  const s = str(v, 2048);
  if (!s) return undefined;
  const u = unwrapSinaUrl(s);
  return /^https?:\/\//i.test(u) ? u : /^\/\//.test(u) ? `https:${u}` : undefined;
}

/** Weibo's own commerce markers on a url_struct entry (see shared notes). */
function isProduct(e: Obj, longUrl: string | undefined): boolean {
  const pic = str(e.url_type_pic, 500) ?? '';
  return (
    e.object_type === 'product' ||
    /(?:taobao|buy)\.png(?:$|\?)/.test(pic) ||
    (longUrl?.startsWith('https://m.tb.cn/') ?? false) ||
    /^https?:\/\/shop\.sc\.weibo\.com\//.test(longUrl ?? '')
  );
}

function links(v: unknown, inRepost: boolean): JsonLink[] {
  if (!Array.isArray(v)) return [];
  const out: JsonLink[] = [];
  for (const raw of v.slice(0, MAX_LINKS)) {
    const e = obj(raw);
    if (!e) continue;
    const longUrl = httpUrl(e.long_url) ?? httpUrl(e.ori_url);
    const shortUrl = httpUrl(e.short_url);
    const url = longUrl ?? shortUrl;
    if (!url) continue;
    const link: JsonLink = {
      url,
      text: clip(str(e.url_title, 500) ?? '', 200),
      icon: iconStem(str(e.url_type_pic, 500)),
      product: isProduct(e, longUrl),
      inRepost,
    };
    if (shortUrl && shortUrl !== url) link.shortUrl = shortUrl;
    out.push(link);
  }
  return out;
}

function images(v: unknown): string[] {
  const o = obj(v);
  if (!o) return [];
  const out: string[] = [];
  for (const key of Object.keys(o).slice(0, MAX_IMAGES)) {
    const info = obj(o[key]);
    const url =
      httpUrl(obj(info?.large)?.url) ?? httpUrl(obj(info?.thumbnail)?.url) ?? httpUrl(obj(info?.bmiddle)?.url);
    if (url) out.push(url);
  }
  return out;
}

export function readMblog(json: unknown, depth = 0): PageMblog | null {
  const o = obj(json);
  if (!o) return null;
  const m: PageMblog = { links: links(o.url_struct, depth > 0), images: images(o.pic_infos) };
  const mblogid = str(o.mblogid, 32);
  if (mblogid && /^[A-Za-z0-9]{5,20}$/.test(mblogid)) m.mblogid = mblogid;
  m.mid = idStr(o.mid) ?? idStr(o.id);
  const raw = str(o.text_raw, 200_000) ?? str(o.raw_text, 200_000);
  if (raw !== undefined) m.textRaw = raw.slice(0, MAX_TEXT);
  const u = obj(o.user);
  if (u) {
    m.user = {
      uid: idStr(u.idstr) ?? idStr(u.id),
      name: str(u.screen_name, 200) !== undefined ? clip(u.screen_name as string) : undefined,
      tier: tierFromJson(u.verified_type, u.verified_type_ext) ?? undefined,
      followers: followers(u.followers_count),
    };
  }
  if (depth === 0 && o.retweeted_status !== undefined) m.retweeted = readMblog(o.retweeted_status, 1) ?? undefined;
  return m;
}

function mergeLinks(dom: PostLink[], json: JsonLink[], inRepost: boolean): PostLink[] {
  const out = dom.map((l) => ({ ...l }));
  for (const j of json) {
    const hit = out.find((l) => l.inRepost === inRepost && (l.url === j.shortUrl || l.url === j.url));
    if (hit) {
      hit.url = j.url;
      hit.product = j.product;
      hit.icon = hit.icon ?? j.icon;
      if (j.text && (!hit.text || hit.text === '网页链接')) hit.text = j.text;
    } else if (out.length < MAX_LINKS) {
      const { shortUrl: _drop, ...link } = j;
      out.push({ ...link, inRepost });
    }
  }
  return out;
}

/** The DOM text differs from `text_raw` by link labels (网页链接 for a t.cn URL); more than this is a cut. */
const TRUNCATION_SLACK = 20;

/** Offsets of the post's own links in the JSON text, found by their t.cn form (how `text_raw` writes them). */
function relocate(links: PostLink[], m: PageMblog, text: string): PostLink[] {
  const shortOf = new Map(m.links.map((j) => [j.url, j.shortUrl]));
  return links.map((l) => {
    if (l.inRepost) return l;
    const short = shortOf.get(l.url);
    const at = short ? text.indexOf(short) : text.indexOf(l.url);
    const { offset: _stale, ...rest } = l;
    return at >= 0 ? { ...rest, offset: at } : rest;
  });
}

/**
 * Enriches a DOM-extracted post with page JSON, but only when the JSON is about the same post: the feed recycles
 * nodes, so JSON handed over for a node may describe the post that sat there a moment ago.
 */
export function enrichPost(post: Post, json: unknown, idOf: (m: PageMblog) => string | undefined): Post {
  const m = readMblog(json);
  if (!m) return post;
  const jid = idOf(m);
  if (!jid || jid !== post.id) return post;
  const author = { ...post.author };
  if (m.user) {
    if (!author.uid && m.user.uid) author.uid = m.user.uid;
    if (!author.name && m.user.name) author.name = m.user.name;
    if (author.tier === 'none' && m.user.tier) author.tier = m.user.tier;
    if (m.user.followers !== undefined) author.followers = m.user.followers;
  }
  let links = mergeLinks(post.links, m.links, false);
  let repost = post.repost;
  const rt = m.retweeted;
  if (rt) {
    if (!repost && (rt.textRaw || rt.links.length > 0)) repost = { text: rt.textRaw ?? '' };
    if (repost) {
      repost = { ...repost };
      if (!repost.text && rt.textRaw) repost.text = rt.textRaw;
      if (!repost.id && (rt.mblogid ?? rt.mid)) repost.id = rt.mblogid ?? rt.mid;
      if (!repost.author && rt.user?.uid) {
        repost.author = { uid: rt.user.uid, name: rt.user.name ?? '', tier: rt.user.tier ?? 'none' };
      }
      links = mergeLinks(links, rt.links, true);
    }
  }
  // Long posts are cut in the DOM behind 展开; the JSON holds the whole text, where later products often sit.
  let text = post.text;
  if (m.textRaw && m.textRaw.length > post.text.length + TRUNCATION_SLACK) {
    text = m.textRaw;
    links = relocate(links, m, text);
  } else if (!text) {
    text = m.textRaw ?? '';
  }
  return {
    ...post,
    author,
    text,
    repost,
    links,
    images: post.images.length > 0 ? post.images : m.images,
    enriched: true,
  };
}

/** `text_raw` keeps its line breaks (the page draws each as `<br>`); other runs of white space collapse. */
const RAW_SPACE = /[ \t\r\f\v]+/g;
const T_CN = /https?:\/\/t\.cn\/[A-Za-z0-9]+/g;

function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.round(v), Number.MAX_SAFE_INTEGER) : 0;
}

/**
 * `text_raw` as weibo.com draws it: each t.cn link Weibo expanded (`url_struct`) shows its title instead of the short
 * URL, and runs of spaces collapse. Returns the text and where each short URL's title landed.
 */
function renderText(raw: string, links: readonly JsonLink[]): { text: string; at: Map<string, number> } {
  const titleOf = new Map<string, string>();
  for (const l of links) if (l.shortUrl) titleOf.set(l.shortUrl, l.text || '网页链接');
  const at = new Map<string, number>();
  let text = '';
  let last = 0;
  const add = (chunk: string) => {
    text = appendCollapsed(text, chunk, RAW_SPACE);
  };
  for (const m of raw.matchAll(T_CN)) {
    const start = m.index ?? 0;
    add(raw.slice(last, start));
    const short = m[0];
    const title = titleOf.get(short);
    if (!at.has(short)) at.set(short, text.length);
    text += title ?? m[0];
    last = start + m[0].length;
  }
  add(raw.slice(last));
  return { text: text.trimEnd(), at };
}

/**
 * A whole `Post` from page JSON alone, for posts the feed has loaded but not drawn yet (the scroller's `items`), so
 * their answers are ready when they scroll in. It reads the post the way the DOM path sees it: the drawn text for a
 * short post, `text_raw` for a long one (the DOM path swaps in the JSON's full text for those too), links from
 * `url_struct`. Untrusted input: the same field-by-field reading as `enrichPost`; null without a usable mblogid.
 */
export function postFromMblog(json: unknown): Post | null {
  const o = obj(json);
  const m = readMblog(json);
  if (!o || !m?.mblogid) return null;
  const raw = m.textRaw ?? '';
  const long = o.isLongText === true;
  const drawn = long ? null : renderText(raw, m.links);
  const text = drawn ? drawn.text : raw;
  const links: PostLink[] = m.links.map(({ shortUrl, ...l }) => {
    const at = shortUrl ? (drawn ? drawn.at.get(shortUrl) : raw.indexOf(shortUrl)) : -1;
    return at !== undefined && at >= 0 ? { ...l, offset: at } : l;
  });
  let repost: Post['repost'] = null;
  const rt = m.retweeted;
  if (rt && (rt.textRaw !== undefined || rt.links.length > 0)) {
    repost = { text: rt.textRaw ?? '' };
    const rid = rt.mblogid ?? rt.mid;
    if (rid) repost.id = rid;
    if (rt.user?.uid || rt.user?.name)
      repost.author = { uid: rt.user.uid ?? '', name: rt.user.name ?? '', tier: rt.user.tier ?? 'none' };
    for (const { shortUrl, ...l } of rt.links) {
      if (links.length >= MAX_LINKS) break;
      const at = shortUrl ? repost.text.indexOf(shortUrl) : -1;
      links.push(at >= 0 ? { ...l, offset: at } : l);
    }
  }
  const label = str(obj(o.promotion)?.recommend, 40);
  const author: Post['author'] = {
    uid: m.user?.uid ?? '',
    name: m.user?.name ?? '',
    tier: m.user?.tier ?? 'none',
  };
  if (m.user?.followers !== undefined) author.followers = m.user.followers;
  return {
    site: 'weibo-pc',
    id: m.mblogid,
    author,
    text,
    repost,
    links,
    images: m.images,
    counts: { reposts: count(o.reposts_count), comments: count(o.comments_count), likes: count(o.attitudes_count) },
    promoted: label !== undefined && PROMO_LABEL.test(label.trim()),
    enriched: true,
  };
}

/** Most entries read from one feed answer (the page bridge hands over 30 at a time). */
const MAX_FEED_ENTRIES = 100;

/**
 * The posts named in `ids` from the JSON array of posts weibo.com's feed had loaded (the page bridge's text, read in
 * the background so the page's thread never parses it). Untrusted: each entry is read by `postFromMblog`; entries that
 * are not posts, that the reader cannot make a post of, or that were not asked for are skipped, as is all of a text
 * that is not a JSON array. Each id comes out at most once.
 */
export function postsFromFeedJson(json: string, ids: readonly string[]): Post[] {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const wanted = new Set(ids);
  const out: Post[] = [];
  for (const entry of list.slice(0, MAX_FEED_ENTRIES)) {
    const post = postFromMblog(entry);
    if (!post || !wanted.has(post.id)) continue;
    wanted.delete(post.id);
    out.push(post);
  }
  return out;
}
