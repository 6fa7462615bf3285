/**
 * Hand-over of Weibo's post JSON (kept on Vue components, visible only in the page's own world) from the MAIN-world
 * bridge to the content script. The isolated script fires `REQUEST` on a feed item; the bridge answers synchronously
 * with `RESPONSE` on the same element, `detail` being a JSON string. Any page script can forge either event, so the
 * answer only ever enriches a post through the adapter, which validates it.
 */
import { FEED_POSTS_REQUEST, FEED_POSTS_RESPONSE, PAGE_JSON_REQUEST, PAGE_JSON_RESPONSE } from '@/utils/page-labels';

export { FEED_POSTS_REQUEST, FEED_POSTS_RESPONSE, PAGE_JSON_REQUEST, PAGE_JSON_RESPONSE };
/** Larger answers are ignored: a real mblog is a few KB. */
export const PAGE_JSON_MAX_CHARS = 400_000;

/**
 * One synchronous round trip to the MAIN-world bridge: fire `request` (bubbling, with an optional string `detail`) on
 * `target` and read the string the bridge dispatches back as `response` on the same element, before `dispatchEvent`
 * returns. Undefined without an answer or for an answer over `maxChars`.
 */
function askBridgeText(
  target: Element,
  request: string,
  response: string,
  detail: string | undefined,
  maxChars: number,
) {
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
  return typeof answer === 'string' && answer.length <= maxChars ? answer : undefined;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
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
  const json = parseJson(askBridgeText(item, PAGE_JSON_REQUEST, PAGE_JSON_RESPONSE, undefined, PAGE_JSON_MAX_CHARS));
  if (!json || typeof json !== 'object') return undefined;
  const rec = json as Record<string, unknown>;
  const matches = ID_FIELDS.some((k) => {
    const v = rec[k];
    return (typeof v === 'string' || typeof v === 'number') && String(v) === postId;
  });
  return matches ? json : undefined;
}

/** Ahead of the DOM: the feed's loaded posts (the scroller's `items`), asked for on the feed container. */
/** Posts handed over per ask; the next pass asks for the rest. */
export const FEED_POSTS_BATCH = 30;
/** Longest answer to one ask (its posts, at most one of them big, and the header). */
export const FEED_POSTS_MAX_CHARS = PAGE_JSON_MAX_CHARS * 2;
/** Longest post id read from the bridge's header (the background's post schema allows no longer). */
export const MAX_POST_ID_CHARS = 40;

/**
 * The bridge's answer is two lines: a small header (`{"total","from","first","ids"}`) and then the posts' JSON array.
 * `JSON.stringify` writes no raw line break, so the first one ends the header. Only the header is parsed here: the
 * posts go to the background as the text they came in, and are read there (`postsFromFeedJson`), off the page's thread.
 */
export interface FeedPostsAnswer {
  /** Length of the page's list now. */
  total: number;
  /** Index in the list of the answer's first post. */
  from: number;
  /** Id of the list's first post: a different one means the page swapped the list (route change). */
  first: string;
  /** Each handed-over entry's post id, in list order; '' where an entry was not a post or was too big. */
  ids: string[];
  /** The entries' JSON array as the page wrote it, unread: untrusted, the background validates every post. */
  json: string;
}

/**
 * Ask the page bridge for the posts the feed has loaded from index `from` on (synchronously, like `requestPageJson`).
 * Undefined without the bridge, without a list on `root`, or on a malformed answer. Any page script can answer, so the
 * ids only say what to ask about, and every post is still read through the site's validation in the background.
 */
export function requestFeedPosts(root: Element, from: number): FeedPostsAnswer | undefined {
  const text = askBridgeText(root, FEED_POSTS_REQUEST, FEED_POSTS_RESPONSE, String(from), FEED_POSTS_MAX_CHARS);
  const nl = text?.indexOf('\n') ?? -1;
  if (text === undefined || nl < 0) return undefined;
  const o = parseJson(text.slice(0, nl)) as Partial<Record<keyof FeedPostsAnswer, unknown>> | null | undefined;
  if (!o || typeof o !== 'object' || !Array.isArray(o.ids)) return undefined;
  const total = Number(o.total);
  const at = Number(o.from);
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(at) || total < 0 || at < 0) return undefined;
  return {
    total,
    from: at,
    first: typeof o.first === 'string' ? o.first : '',
    ids: o.ids
      .slice(0, FEED_POSTS_BATCH)
      .map((id) => (typeof id === 'string' && id.length <= MAX_POST_ID_CHARS ? id : '')),
    json: text.slice(nl + 1),
  };
}
