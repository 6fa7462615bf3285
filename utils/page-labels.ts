/**
 * Every name Zhongcao writes into a Weibo page or reads back from it, in one place: the page can see each of these, so
 * each is listed here on purpose. Nothing else of ours is visible to the page (cards live in closed-by-design shadow
 * roots, readiness is a global of the content script's isolated world).
 */

/** The one element the extension puts into the feed: a card host per guide post (public placement contract). */
export const HOST_TAG = 'zhongcao-cards';
/** On the host: the post it stands for and the catalogue items it shows (public placement contract). */
export const HOST_POST_ATTR = 'data-post-id';
export const HOST_ITEMS_ATTR = 'data-item-ids';
/** On the host: the page's theme, when the page declares one. */
export const HOST_THEME_ATTR = 'data-theme';

/**
 * The page bridge's events (MAIN world ↔ isolated world), fired on feed elements: any page script can fire or answer
 * them, so an answer is only ever data the content script validates.
 */
export const PAGE_JSON_REQUEST = 'zc:want-post-json';
export const PAGE_JSON_RESPONSE = 'zc:post-json';
export const FEED_POSTS_REQUEST = 'zc:want-feed-posts';
export const FEED_POSTS_RESPONSE = 'zc:feed-posts';

/** Set on the content script's own (isolated-world) global once the feed runs; the page's world never sees it. */
export const CONTENT_READY_GLOBAL = '__zhongcaoReady';
