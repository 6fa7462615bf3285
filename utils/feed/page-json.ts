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
