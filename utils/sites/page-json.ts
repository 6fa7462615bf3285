import type { Post, PostLink, SiteId, VerifiedTier } from '../types';
import {
  appendCollapsed,
  clip,
  iconStem,
  linkFrom,
  MAX_IMAGES,
  MAX_LINKS,
  MAX_TEXT,
  PROMO_LABEL,
  parseCount,
  tierFromJson,
  unwrapSinaUrl,
} from './common';
import { type HtmlText, readHtmlText } from './html-text';
import { bidToMid, midToBid } from './weibo-id';

/**
 * Weibo's post JSON in both shapes Weibo serves it, read into one `Post`:
 * - weibo.com (`ajax/feed/*`, `ajax/statuses/*`, the Vue components): `mblogid`, `text_raw` (plain, t.cn URLs),
 *   `text` (HTML), `url_struct[]` (each t.cn link expanded), `pic_infos`;
 * - m.weibo.cn (`api/container/getIndex` cards' `mblog`, `statuses/show`): `bid`, `mid`/`id`, `text` as HTML (links
 *   drawn with labels, a t.cn destination in `data-url`), `pics[]`, `page_info`, no `text_raw` or `url_struct`.
 * The page (or a file) can forge it, so it is read field by field: anything of the wrong type is ignored, strings are
 * capped, and nothing here throws. No Zod: the content script runs this too.
 *
 * Where the drawn post (DOM) and the JSON disagree, these rules decide, here and nowhere else:
 * 1. Ids: a post is the same post when its mblogid/bid or its mid matches (a bid is the mid in base62).
 * 2. Visible text is what the page draws: the DOM's text, or from JSON the HTML `text` when present, else `text_raw`
 *    with each expanded t.cn URL shown as its title (网页链接 …), as weibo.com draws it. Labels are never swapped
 *    for URLs, and a longer `text_raw` is not taken for a whole one.
 * 3. A post is cut when the JSON says `isLongText` or the DOM shows 全文/展开. Its whole text comes only from the
 *    long-text answer (`longText.longTextContent` in the JSON, `statuses/extend`, `ajax/statuses/longtext`) through
 *    `applyLongText`; until then it is `truncated`.
 * 4. Links: the DOM's links keep their offsets; the JSON expands their t.cn URLs and adds Weibo's commerce markers.
 * 5. Authors: the DOM's name; uid, tier and followers from the JSON where the DOM has none (a quoted post too).
 * 6. Paid posts: the DOM's 广告/热推 tags, or the JSON's `promotion`, `content_auth` 5, `promotion.adtype` 8.
 */
export interface PageMblog {
  /** weibo.com `mblogid` or m.weibo.cn `bid`: the same base62 id. */
  mblogid?: string;
  mid?: string;
  /** The drawn HTML (`text`), when the JSON has it. */
  html?: string;
  textRaw?: string;
  /** The whole text of a long post, when the answer carries it (`longText.longTextContent`). */
  longText?: string;
  isLong: boolean;
  user?: { uid?: string; name?: string; tier?: VerifiedTier; followers?: number };
  links: JsonLink[];
  images: string[];
  counts: Post['counts'];
  promoted: boolean;
  retweeted?: PageMblog;
}

/** A url_struct entry: `shortUrl` is the t.cn form the text shows, `url` the expanded destination. */
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

const BID = /^[A-Za-z0-9]{5,20}$/;

function bidStr(v: unknown): string | undefined {
  return typeof v === 'string' && BID.test(v) && /[A-Za-z]/.test(v) ? v : undefined;
}

/** Counts as numbers or as Weibo's strings (`"100万+"`, `"1.2万"`). */
function count(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.min(Math.round(v), Number.MAX_SAFE_INTEGER) : 0;
  return typeof v === 'string' && v.length <= 40 ? parseCount(v) : 0;
}

function followers(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined;
  if (typeof v === 'string' && v.length <= 40 && /\d/.test(v)) return parseCount(v);
  return undefined;
}

function httpUrl(v: unknown): string | undefined {
  const s = str(v, 2048);
  if (!s) return undefined;
  const u = unwrapSinaUrl(s);
  return /^https?:\/\//i.test(u) ? u : /^\/\//.test(u) ? `https:${u}` : undefined;
}

/** Weibo's own commerce markers on a url_struct entry: a product object, a shop icon, a shop link, a Weibo-shop oid. */
function isProduct(e: Obj, longUrl: string | undefined): boolean {
  const pic = str(e.url_type_pic, 500) ?? '';
  const oid = str(obj(e.actionlog)?.oid, 300) ?? '';
  return (
    e.object_type === 'product' ||
    /(?:taobao|buy)\.png(?:$|\?)/.test(pic) ||
    /shop_sc_weibo/.test(oid) ||
    (longUrl?.startsWith('https://m.tb.cn/') ?? false) ||
    /^https?:\/\/shop\.sc\.weibo\.com\//.test(longUrl ?? '')
  );
}

function urlStruct(v: unknown, inRepost: boolean): JsonLink[] {
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

/** m.weibo.cn's `page_info`: the card under a post (a video, an article, a product page). */
function pageInfoLink(v: unknown, inRepost: boolean): JsonLink | null {
  const p = obj(v);
  if (!p || p.type === 'video' || p.type === 'live') return null;
  const url = httpUrl(p.page_url);
  if (!url || /^https?:\/\/(?:m\.)?weibo\.(?:cn|com)\//i.test(url)) return null;
  return {
    url,
    text: clip(str(p.page_title, 500) ?? str(p.content1, 500) ?? '', 200),
    icon: null,
    product: p.object_type === 'product' || p.type === 'product',
    inRepost,
  };
}

function images(o: Obj): string[] {
  const out: string[] = [];
  const infos = obj(o.pic_infos);
  if (infos) {
    for (const key of Object.keys(infos).slice(0, MAX_IMAGES)) {
      const info = obj(infos[key]);
      const url =
        httpUrl(obj(info?.large)?.url) ?? httpUrl(obj(info?.thumbnail)?.url) ?? httpUrl(obj(info?.bmiddle)?.url);
      if (url) out.push(url);
    }
  } else if (Array.isArray(o.pics)) {
    for (const raw of o.pics.slice(0, MAX_IMAGES)) {
      const pic = obj(raw);
      const url = httpUrl(obj(pic?.large)?.url) ?? httpUrl(pic?.url);
      if (url) out.push(url);
    }
  }
  return out;
}

/** Paid placement: Weibo's own labels and markers (a promoted post gets no card). */
function isPromoted(o: Obj): boolean {
  const promotion = obj(o.promotion);
  const label = str(promotion?.recommend, 40);
  const adtype = promotion?.adtype;
  return (
    (label !== undefined && PROMO_LABEL.test(label.trim())) ||
    promotion?.type === 'ad' ||
    adtype === 8 ||
    adtype === '8' ||
    o.content_auth === 5 ||
    str(obj(o.content_auth_info)?.content_auth_title, 40)?.trim() === '广告'
  );
}

export function readMblog(json: unknown, depth = 0): PageMblog | null {
  const o = obj(json);
  if (!o) return null;
  const inRepost = depth > 0;
  const links = urlStruct(o.url_struct, inRepost);
  const page = pageInfoLink(o.page_info, inRepost);
  if (page && links.length < MAX_LINKS) links.push(page);
  const m: PageMblog = {
    links,
    images: images(o),
    isLong: o.isLongText === true,
    counts: { reposts: count(o.reposts_count), comments: count(o.comments_count), likes: count(o.attitudes_count) },
    promoted: isPromoted(o),
  };
  m.mblogid = bidStr(o.mblogid) ?? bidStr(o.bid);
  m.mid = idStr(o.mid) ?? idStr(o.idstr) ?? idStr(o.id) ?? (m.mblogid ? (bidToMid(m.mblogid) ?? undefined) : undefined);
  if (!m.mblogid && m.mid) m.mblogid = midToBid(m.mid) ?? undefined;
  const raw = str(o.text_raw, 200_000) ?? str(o.raw_text, 200_000);
  if (raw !== undefined) m.textRaw = raw.slice(0, MAX_TEXT * 2);
  const html = str(o.text, 400_000);
  if (html !== undefined) m.html = html;
  const long = str(obj(o.longText)?.longTextContent, 400_000) ?? str(o.longTextContent, 400_000);
  if (long !== undefined) m.longText = long;
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

/** `text_raw` keeps its line breaks (the page draws each as `<br>`); other runs of white space collapse. */
const RAW_SPACE = /[ \t\r\f\v]+/g;
const T_CN = /https?:\/\/t\.cn\/[A-Za-z0-9]+/g;

/**
 * `text_raw` as weibo.com draws it: each t.cn link Weibo expanded (`url_struct`) shows its title instead of the short
 * URL, and runs of spaces collapse. Returns the text and where each short URL's title landed.
 */
function renderRaw(raw: string, links: readonly JsonLink[]): { text: string; at: Map<string, number> } {
  const titleOf = new Map<string, string>();
  for (const l of links) if (l.shortUrl) titleOf.set(l.shortUrl, l.text || '网页链接');
  const at = new Map<string, number>();
  let text = '';
  let last = 0;
  for (const m of raw.matchAll(T_CN)) {
    const start = m.index ?? 0;
    text = appendCollapsed(text, raw.slice(last, start), RAW_SPACE);
    const short = m[0];
    if (!at.has(short)) at.set(short, text.length);
    text += titleOf.get(short) ?? short;
    last = start + short.length;
  }
  text = appendCollapsed(text, raw.slice(last), RAW_SPACE);
  text = text.trimEnd();
  return { text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text, at };
}

const HTML_TAG = /<(?:a|br|span|img|p|div)\b[^>]*>/i;

/** Links drawn in HTML text, completed by the url_struct entries whose t.cn form they show. */
function htmlLinks(read: HtmlText, json: readonly JsonLink[], inRepost: boolean): PostLink[] {
  const out: PostLink[] = [];
  const byShort = new Map<string, JsonLink>();
  for (const j of json) if (j.shortUrl) byShort.set(j.shortUrl, j);
  for (const a of read.anchors) {
    if (out.length >= MAX_LINKS) break;
    const l = linkFrom(a.href, a.dataUrl, a.text, a.iconSrc, a.offset, inRepost);
    if (!l) continue;
    const j = byShort.get(l.url);
    if (j) {
      byShort.delete(l.url);
      out.push({ ...l, url: j.url, product: j.product, icon: l.icon ?? j.icon });
    } else out.push(l);
  }
  // Expanded links the markup does not draw (a card under the post): kept, without an offset.
  for (const j of json) {
    if (out.length >= MAX_LINKS) break;
    if (j.shortUrl && !byShort.has(j.shortUrl)) continue;
    if (out.some((l) => l.url === j.url)) continue;
    const { shortUrl: _drop, ...link } = j;
    out.push(link);
  }
  return out;
}

/** The post's text as the page draws it, with its links. */
function visible(m: PageMblog, inRepost: boolean): { text: string; links: PostLink[]; cut: boolean } {
  if (m.html !== undefined && (HTML_TAG.test(m.html) || m.textRaw === undefined)) {
    const read = readHtmlText(m.html, MAX_TEXT);
    return { text: read.text, links: htmlLinks(read, m.links, inRepost), cut: read.cut };
  }
  const drawn = renderRaw(m.textRaw ?? m.html ?? '', m.links);
  const links = m.links.map(({ shortUrl, ...l }) => {
    const at = shortUrl ? drawn.at.get(shortUrl) : undefined;
    return at !== undefined ? { ...l, offset: at } : l;
  });
  return { text: drawn.text, links, cut: false };
}

/** The whole text of a long post from a long-text answer: HTML (m.weibo.cn) or raw text with t.cn URLs (weibo.com). */
function wholeText(content: string, json: readonly JsonLink[]): { text: string; links: PostLink[] } {
  if (HTML_TAG.test(content)) {
    const read = readHtmlText(content, MAX_TEXT);
    return { text: read.text, links: htmlLinks(read, json, false) };
  }
  const drawn = renderRaw(content, json);
  const links = json.map(({ shortUrl, ...l }) => {
    const at = shortUrl ? drawn.at.get(shortUrl) : undefined;
    return at !== undefined ? { ...l, offset: at } : l;
  });
  return { text: drawn.text, links };
}

/**
 * The post with its whole text, from a long-text answer's `longTextContent` (and weibo.com's `url_struct`, which
 * expands the t.cn URLs in it). Links of the quoted post are kept; the post's own are read from the whole text, each
 * keeping what was already known of it (Weibo's product marker, its icon). Not truncated afterwards.
 */
export function applyLongText(post: Post, longTextContent: string, urlStructJson?: unknown): Post {
  if (typeof longTextContent !== 'string' || longTextContent.trim() === '') return post;
  const json = urlStruct(urlStructJson, false);
  const whole = wholeText(longTextContent.slice(0, MAX_TEXT * 4), json);
  const known = new Map(post.links.filter((l) => !l.inRepost).map((l) => [l.url, l]));
  const own = whole.links.map((l) => {
    const k = known.get(l.url);
    return k ? { ...l, product: l.product || k.product, icon: l.icon ?? k.icon } : l;
  });
  const quoted = post.links.filter((l) => l.inRepost);
  return { ...post, text: whole.text, links: [...own, ...quoted].slice(0, MAX_LINKS), truncated: false };
}

function mergeLinks(dom: PostLink[], json: JsonLink[], inRepost: boolean): PostLink[] {
  const out = dom.map((l) => ({ ...l }));
  for (const j of json) {
    const hit = out.find((l) => l.inRepost === inRepost && (l.url === j.shortUrl || l.url === j.url));
    if (hit) {
      hit.url = j.url;
      hit.product = hit.product || j.product;
      hit.icon = hit.icon ?? j.icon;
      if (j.text && (!hit.text || hit.text === '网页链接')) hit.text = j.text;
    } else if (out.length < MAX_LINKS) {
      const { shortUrl: _drop, ...link } = j;
      out.push({ ...link, inRepost });
    }
  }
  return out;
}

type Author = { uid: string; name: string; tier: VerifiedTier };

/** Rule 5: the DOM's name, the JSON's uid and tier where the DOM has none. */
function mergeAuthor<A extends Author>(dom: A, json: PageMblog['user']): A {
  if (!json) return dom;
  const out = { ...dom };
  if (!out.uid && json.uid) out.uid = json.uid;
  if (!out.name && json.name) out.name = json.name;
  if (out.tier === 'none' && json.tier) out.tier = json.tier;
  return out;
}

/** Rule 1: the JSON describes the post `id` (an mblogid/bid or a mid). */
export function jsonIsAbout(m: PageMblog, id: string): boolean {
  return id !== '' && (m.mblogid === id || m.mid === id);
}

/**
 * Enriches a DOM-extracted post with page JSON, but only when the JSON is about the same post: the feed recycles
 * nodes, so JSON handed over for a node may describe the post that sat there a moment ago. See the rules above.
 */
export function enrichPost(post: Post, json: unknown): Post {
  const m = readMblog(json);
  if (!m || !jsonIsAbout(m, post.id)) return post;
  const author = mergeAuthor(post.author, m.user);
  if (m.user?.followers !== undefined) author.followers = m.user.followers;
  let links = mergeLinks(post.links, m.links, false);
  let repost = post.repost;
  const rt = m.retweeted;
  if (rt) {
    const rtView = visible(rt, true);
    if (!repost && (rtView.text || rtView.links.length > 0)) repost = { text: rtView.text };
    if (repost) {
      repost = { ...repost };
      if (!repost.text) repost.text = rtView.text;
      const rid = post.site === 'weibo-mobile' ? (rt.mid ?? rt.mblogid) : (rt.mblogid ?? rt.mid);
      if (!repost.id && rid) repost.id = rid;
      const dom = repost.author ?? { uid: '', name: '', tier: 'none' as VerifiedTier };
      const merged = mergeAuthor(dom, rt.user);
      if (merged.uid || merged.name) repost.author = merged;
      links = mergeLinks(links, rt.links, true);
    }
  }
  let enriched: Post = {
    ...post,
    author,
    repost,
    links,
    images: post.images.length > 0 ? post.images : m.images,
    promoted: post.promoted || m.promoted,
    enriched: true,
  };
  if (!post.text && !post.truncated) {
    const v = visible(m, false);
    enriched = { ...enriched, text: v.text };
  }
  // Rule 3: a cut post gets its whole text only from a long-text answer the JSON carries.
  const cut = post.truncated === true || m.isLong;
  if (m.longText !== undefined) enriched = applyLongText(enriched, m.longText);
  else if (cut) enriched = { ...enriched, truncated: true };
  return enriched;
}

/**
 * A whole `Post` from Weibo's post JSON alone: posts the feed has loaded but not drawn yet (read ahead), and posts
 * on disk (`npm run analyse`). The site is the page's: an m.weibo.cn post is keyed by its mid, a weibo.com post by
 * its mblogid. Null without a usable id.
 */
export function postFromMblog(json: unknown, site?: SiteId): Post | null {
  const m = readMblog(json);
  if (!m) return null;
  const o = json as Obj;
  const which: SiteId =
    site ?? (typeof o.mblogid === 'string' || o.text_raw !== undefined ? 'weibo-pc' : 'weibo-mobile');
  const id = which === 'weibo-pc' ? m.mblogid : m.mid;
  if (!id) return null;
  const own = visible(m, false);
  let repost: Post['repost'] = null;
  const links: PostLink[] = [...own.links];
  const rt = m.retweeted;
  if (rt) {
    const rv = visible(rt, true);
    repost = { text: rv.text };
    const rid = which === 'weibo-pc' ? (rt.mblogid ?? rt.mid) : (rt.mid ?? rt.mblogid);
    if (rid) repost.id = rid;
    if (rt.user?.uid || rt.user?.name)
      repost.author = { uid: rt.user.uid ?? '', name: rt.user.name ?? '', tier: rt.user.tier ?? 'none' };
    for (const l of rv.links) {
      if (links.length >= MAX_LINKS) break;
      links.push(l);
    }
  }
  const author: Post['author'] = { uid: m.user?.uid ?? '', name: m.user?.name ?? '', tier: m.user?.tier ?? 'none' };
  if (m.user?.followers !== undefined) author.followers = m.user.followers;
  let post: Post = {
    site: which,
    id,
    author,
    text: own.text,
    repost,
    links,
    images: m.images,
    counts: m.counts,
    promoted: m.promoted,
    enriched: true,
  };
  if (m.longText !== undefined) post = applyLongText(post, m.longText);
  else if (m.isLong || own.cut) post.truncated = true;
  return post;
}

/** Most entries read from one feed answer (the page bridge hands over 30 at a time). */
const MAX_FEED_ENTRIES = 100;

/**
 * The posts named in `ids` from the JSON array of posts the feed had loaded (the page bridge's text, read in the
 * background so the page's thread never parses it). An id names a weibo.com post by its mblogid and an m.weibo.cn
 * post by its mid. Untrusted: each entry is read by `postFromMblog`; entries that are not posts, that the reader
 * cannot make a post of, or that were not asked for are skipped, as is all of a text that is not a JSON array. Each id
 * comes out at most once.
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
    const m = readMblog(entry);
    if (!m) continue;
    const site: SiteId | null =
      m.mblogid && wanted.has(m.mblogid) ? 'weibo-pc' : m.mid && wanted.has(m.mid) ? 'weibo-mobile' : null;
    if (!site) continue;
    const post = postFromMblog(entry, site);
    if (!post || !wanted.has(post.id)) continue;
    wanted.delete(post.id);
    out.push(post);
  }
  return out;
}
