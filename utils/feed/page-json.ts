/**
 * Hand-over of Weibo's post JSON (kept on Vue components, visible only in the page's own world) from the MAIN-world
 * bridge to the content script. The isolated script fires `REQUEST` on a feed item; the bridge answers synchronously
 * with `RESPONSE` on the same element, `detail` being a JSON string. Any page script can forge either event, so the
 * answer only ever enriches a post through the adapter, which validates it.
 */
export const PAGE_JSON_REQUEST = 'zc:want-post-json';
export const PAGE_JSON_RESPONSE = 'zc:post-json';
/** Larger answers are ignored: a real mblog is a few KB. */
export const PAGE_JSON_MAX_CHARS = 400_000;

/** Fields that carry the post id in mblog JSON (weibo.com uses mblogid, m.weibo.cn mid / id). */
const ID_FIELDS = ['mblogid', 'mid', 'idstr', 'id', 'bid'] as const;

/**
 * Ask the page bridge for the JSON of the post `item` shows now. Returns undefined without the bridge, on malformed
 * JSON, or when the JSON describes another post (a recycled node mid-patch, or a forged answer).
 */
export function requestPageJson(item: Element, postId: string): unknown {
  let answer: unknown;
  const listener = (e: Event) => {
    answer = (e as CustomEvent<unknown>).detail;
  };
  item.addEventListener(PAGE_JSON_RESPONSE, listener);
  try {
    item.dispatchEvent(new CustomEvent(PAGE_JSON_REQUEST, { bubbles: true }));
  } finally {
    item.removeEventListener(PAGE_JSON_RESPONSE, listener);
  }
  if (typeof answer !== 'string' || answer.length > PAGE_JSON_MAX_CHARS) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(answer);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object') return undefined;
  const rec = json as Record<string, unknown>;
  const matches = ID_FIELDS.some((k) => {
    const v = rec[k];
    return (typeof v === 'string' || typeof v === 'number') && String(v) === postId;
  });
  return matches ? json : undefined;
}

/** Ahead of the DOM: the feed's loaded posts (the scroller's `items`), asked for on the feed container. */
export const FEED_POSTS_REQUEST = 'zc:want-feed-posts';
export const FEED_POSTS_RESPONSE = 'zc:feed-posts';
/** Posts handed over per ask; the next pass asks for the rest. */
export const FEED_POSTS_BATCH = 30;

export interface FeedPostsAnswer {
  /** Length of the page's list now. */
  total: number;
  /** Index in the list of `posts[0]`. */
  from: number;
  /** Id of the list's first post: a different one means the page swapped the list (route change). */
  first: string;
  /** The page's post JSON from `from` on; null where an entry was not a post or was too big. */
  posts: unknown[];
}

/**
 * Ask the page bridge for the posts the feed has loaded from index `from` on (synchronously, like `requestPageJson`).
 * Undefined without the bridge, without a list on `root`, or on a malformed answer. Any page script can answer, so
 * every post is still read through the adapter's validation.
 */
export function requestFeedPosts(root: Element, from: number): FeedPostsAnswer | undefined {
  let answer: unknown;
  const listener = (e: Event) => {
    answer = (e as CustomEvent<unknown>).detail;
  };
  root.addEventListener(FEED_POSTS_RESPONSE, listener);
  try {
    root.dispatchEvent(new CustomEvent(FEED_POSTS_REQUEST, { bubbles: true, detail: String(from) }));
  } finally {
    root.removeEventListener(FEED_POSTS_RESPONSE, listener);
  }
  if (typeof answer !== 'string' || answer.length > PAGE_JSON_MAX_CHARS * 2) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(answer);
  } catch {
    return undefined;
  }
  const o = json as Partial<FeedPostsAnswer> | null;
  if (!o || typeof o !== 'object' || !Array.isArray(o.posts)) return undefined;
  const total = Number(o.total);
  const at = Number(o.from);
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(at) || total < 0 || at < 0) return undefined;
  return {
    total,
    from: at,
    first: typeof o.first === 'string' ? o.first : '',
    posts: o.posts.slice(0, FEED_POSTS_BATCH),
  };
}
