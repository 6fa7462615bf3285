import {
  FEED_POSTS_BATCH,
  FEED_POSTS_REQUEST,
  FEED_POSTS_RESPONSE,
  PAGE_JSON_MAX_CHARS,
  PAGE_JSON_REQUEST,
  PAGE_JSON_RESPONSE,
} from '@/utils/feed/page-json';

/**
 * The MAIN-world half of the page bridge (entrypoints/page-bridge.content.ts): reads the post JSON Weibo keeps on its
 * Vue components (`element.__vue__`), which the isolated content script cannot see, and answers the content script's
 * requests on the same element. Kept tiny; the extension works without it.
 */
type Vm =
  | {
      data?: unknown;
      item?: unknown;
      mblog?: unknown;
      items?: unknown;
      cards?: unknown;
      list?: unknown;
      $props?: Record<string, unknown>;
      $parent?: Vm;
    }
  | undefined;

/**
 * The fields of a post the extension reads (`readMblog` in the content script, `postFromMblog` in the background for
 * posts read ahead, and the sites' id checks in utils/sites): `true` keeps a value as it is, an object keeps those keys
 * of an object, `[shape]` every entry of an array, `{ '*': shape }` every key of a map. Handing over only these, rather
 * than the whole post with its avatars, picture sizes, topics and counters, makes the JSON to write here, to send on
 * and to parse about a third as long on the demo feed (a real Weibo post carries more). A unit test holds this to the
 * reader: the same posts come out.
 */
type Shape = true | { readonly [key: string]: Shape } | readonly [Shape];
const USER: Shape = {
  id: true,
  idstr: true,
  screen_name: true,
  verified: true,
  verified_type: true,
  verified_type_ext: true,
  followers_count: true,
};
const PICTURE: Shape = { large: { url: true }, thumbnail: { url: true }, bmiddle: { url: true } };
/** m.weibo.cn's `pics[]`: the shown picture and its large form. */
const MOBILE_PICTURE: Shape = { url: true, large: { url: true } };
const LINK: Shape = {
  long_url: true,
  ori_url: true,
  short_url: true,
  url_title: true,
  url_type_pic: true,
  object_type: true,
  // Weibo's own commerce marker: `oid` names a Weibo-shop product.
  actionlog: { oid: true },
};
/** m.weibo.cn's card under a post (a video, an article, a shop page). */
const PAGE_INFO: Shape = {
  type: true,
  object_type: true,
  page_url: true,
  page_title: true,
  content1: true,
  url_ori: true,
  page_pic: { url: true },
};
const OWN_FIELDS = {
  mblogid: true,
  mid: true,
  id: true,
  idstr: true,
  bid: true,
  text_raw: true,
  raw_text: true,
  // m.weibo.cn: the post's HTML, as the page draws it.
  text: true,
  isLongText: true,
  reposts_count: true,
  comments_count: true,
  attitudes_count: true,
  // A whole text some answers carry along (m.weibo.cn statuses/show).
  longText: { longTextContent: true },
  longTextContent: true,
  // Paid posts: 热推 (content_auth 5), 粉丝头条 (promotion.adtype 8), promotion.type ad, mblogtype 1.
  promotion: { type: true, recommend: true, adtype: true },
  content_auth: true,
  content_auth_info: { content_auth_title: true },
  mblogtype: true,
  user: USER,
  url_struct: [LINK],
  pic_infos: { '*': PICTURE },
  pics: [MOBILE_PICTURE],
  page_info: PAGE_INFO,
} as const;
export const MBLOG_SHAPE: Shape = { ...OWN_FIELDS, retweeted_status: OWN_FIELDS };

/** `v` cut down to `shape`. A value of another kind than the shape expects is kept as it is: the reader judges it. */
export function pick(v: unknown, shape: Shape): unknown {
  if (shape === true || v === null || typeof v !== 'object') return v;
  if (Array.isArray(shape)) {
    if (!Array.isArray(v)) return v;
    const inner = shape[0] as Shape;
    return v.map((e) => pick(e, inner));
  }
  if (Array.isArray(v)) return v;
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const every = (shape as Record<string, Shape>)['*'];
  if (every !== undefined) {
    for (const key of Object.keys(src)) out[key] = pick(src[key], every);
    return out;
  }
  for (const key of Object.keys(shape)) {
    const value = src[key];
    if (value !== undefined) out[key] = pick(value, (shape as Record<string, Shape>)[key] as Shape);
  }
  return out;
}

/** A post as the JSON handed over: cut down to MBLOG_SHAPE. Throws on what `JSON.stringify` throws on. */
function postJson(post: unknown): string {
  return JSON.stringify(pick(post, MBLOG_SHAPE)) ?? 'null';
}

function looksLikePost(v: unknown): v is object {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return typeof r.mblogid === 'string' || typeof r.idstr === 'string' || typeof r.mid === 'string';
}

function postOf(vm: Vm): unknown {
  for (let depth = 0; vm && depth < 3; depth++, vm = vm.$parent) {
    // weibo.com's feed components hold the post as `data` (or `item` in the scroller); m.weibo.cn's cards as `mblog`.
    for (const v of [vm.data, vm.$props?.data, vm.item, vm.$props?.item, vm.mblog, vm.$props?.mblog]) {
      if (looksLikePost(v)) return v;
    }
  }
  return undefined;
}

/** The scroller's list entry as a post: the status itself, or a wrapper holding it as `data` / `item` / `mblog`. */
function entryPost(v: unknown): unknown {
  if (looksLikePost(v)) return v;
  if (!v || typeof v !== 'object') return undefined;
  const r = v as Record<string, unknown>;
  for (const inner of [r.data, r.item, r.mblog]) if (looksLikePost(inner)) return inner;
  return undefined;
}

/** The id the site reader keys the post on: weibo.com's mblogid, else (m.weibo.cn) the mid. */
function idOf(post: unknown): string {
  const r = (post ?? {}) as Record<string, unknown>;
  for (const id of [r.mblogid, r.mid, r.idstr]) if (typeof id === 'string' && id) return id;
  return '';
}

/**
 * The feed's loaded posts from index `from` on, as the two-line answer `requestFeedPosts` reads: a header with each
 * entry's id, then the entries' JSON array. weibo.com's RecycleScroller keeps every loaded status in its `items`, most
 * of them not drawn yet; m.weibo.cn's list keeps its getIndex `cards` (a post is `mblog` of a `card_type` 9 card).
 */
export function feedPosts(root: Element, fromRaw: unknown): string | undefined {
  const vm = (root as Element & { __vue__?: Vm }).__vue__;
  const items = vm?.items ?? vm?.$props?.items ?? vm?.cards ?? vm?.$props?.cards ?? vm?.list ?? vm?.$props?.list;
  if (!Array.isArray(items)) return undefined;
  const from = Math.max(0, Math.min(items.length, Number.parseInt(String(fromRaw), 10) || 0));
  const parts: string[] = [];
  const ids: string[] = [];
  let chars = 0;
  for (let i = from; i < items.length && parts.length < FEED_POSTS_BATCH; i++) {
    const post = entryPost(items[i]);
    let json = 'null';
    if (post !== undefined) {
      try {
        json = postJson(post);
      } catch {
        json = 'null';
      }
      if (json.length > PAGE_JSON_MAX_CHARS) json = 'null';
    }
    // Never more than one big post per answer; the next ask picks up from here.
    if (parts.length > 0 && chars + json.length > PAGE_JSON_MAX_CHARS) break;
    parts.push(json);
    ids.push(json === 'null' ? '' : idOf(post));
    chars += json.length;
  }
  const header = JSON.stringify({ total: items.length, from, first: idOf(entryPost(items[0])), ids });
  return `${header}\n[${parts.join(',')}]`;
}

/** Installs the bridge's listeners on `doc`; returns a function that removes them. */
export function installPageBridge(doc: Document = document): () => void {
  const onPost = (e: Event) => {
    try {
      let el = e.target instanceof Element ? e.target : null;
      let post: unknown;
      for (let i = 0; el && i < 4 && post === undefined; i++, el = el.parentElement) {
        post = postOf((el as Element & { __vue__?: Vm }).__vue__);
      }
      if (post === undefined || !(e.target instanceof Element)) return;
      const json = postJson(post);
      if (json.length <= PAGE_JSON_MAX_CHARS) {
        e.target.dispatchEvent(new CustomEvent(PAGE_JSON_RESPONSE, { detail: json }));
      }
    } catch {
      // Reactive getters or odd page objects: no JSON then, the DOM extraction stands on its own.
    }
  };
  const onFeed = (e: Event) => {
    try {
      if (!(e.target instanceof Element)) return;
      const answer = feedPosts(e.target, (e as CustomEvent<unknown>).detail);
      if (answer !== undefined) e.target.dispatchEvent(new CustomEvent(FEED_POSTS_RESPONSE, { detail: answer }));
    } catch {
      // An odd list: nothing is handed over ahead, the posts are read from the DOM as they are drawn.
    }
  };
  doc.addEventListener(PAGE_JSON_REQUEST, onPost);
  doc.addEventListener(FEED_POSTS_REQUEST, onFeed);
  return () => {
    doc.removeEventListener(PAGE_JSON_REQUEST, onPost);
    doc.removeEventListener(FEED_POSTS_REQUEST, onFeed);
  };
}
