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

/**
 * One synchronous round trip to the MAIN-world bridge: fire `request` (bubbling, with an optional string `detail`) on
 * `target` and read the JSON string the bridge dispatches back as `response` on the same element, before
 * `dispatchEvent` returns. Undefined without an answer, for an answer over `maxChars`, or for malformed JSON.
 */
function askBridge(target: Element, request: string, response: string, detail: string | undefined, maxChars: number) {
  let answer: unknown;
  const listener = (e: Event) => {
    answer = (e as CustomEvent<unknown>).detail;
  };
  target.addEventListener(response, listener);
  try {
    target.dispatchEvent(new CustomEvent(request, { bubbles: true, detail }));
  } finally {
    target.removeEventListener(response, listener);
  }
  if (typeof answer !== 'string' || answer.length > maxChars) return undefined;
  try {
    return JSON.parse(answer) as unknown;
  } catch {
    return undefined;
  }
}

/** Fields that carry the post id in mblog JSON (weibo.com uses mblogid, m.weibo.cn mid / id). */
const ID_FIELDS = ['mblogid', 'mid', 'idstr', 'id', 'bid'] as const;

/**
 * Ask the page bridge for the JSON of the post `item` shows now. Returns undefined without the bridge, on malformed
 * JSON, or when the JSON describes another post (a recycled node mid-patch, or a forged answer).
 */
export function requestPageJson(item: Element, postId: string): unknown {
  const json = askBridge(item, PAGE_JSON_REQUEST, PAGE_JSON_RESPONSE, undefined, PAGE_JSON_MAX_CHARS);
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
  const o = askBridge(root, FEED_POSTS_REQUEST, FEED_POSTS_RESPONSE, String(from), PAGE_JSON_MAX_CHARS * 2) as
    | Partial<FeedPostsAnswer>
    | null
    | undefined;
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
