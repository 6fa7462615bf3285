import type { ContentScriptContext } from '#imports';
import type { Post, SiteId } from '@/utils/types';

/**
 * The part of a site adapter (`utils/sites`) the feed watcher and the overlay rely on. Declared structurally so the
 * feed code can be tested with a small fake adapter over saved markup.
 */
export interface FeedSite {
  /** Which site (the adapter's id): what the read-ahead and the long-text request go by. */
  id?: SiteId;
  /** Container the MutationObserver watches; `document.body` stands in until it exists. */
  feedRootSelector: string;
  /** One feed item (the element a card host goes into): `article` on weibo.com, `.card` on m.weibo.cn. */
  itemSelector: string;
  /** Cheap: the post id shown by this item right now (recycled nodes change it), or null. */
  postIdOf(item: Element): string | null;
  /** Full extraction; `json` is untrusted page JSON the adapter validates before use. */
  extract(item: Element, json?: unknown): Post | null;
  /**
   * The page's list of loaded posts can be read ahead through the page bridge; the background reads those posts from
   * the page's JSON (`postsFromFeedJson`). When left out, the read-ahead (read-ahead.ts) goes by the site's `id`.
   */
  readsAhead?: boolean;
  /** Timestamp elements the page rewrites constantly ("3分钟前"); their text changes never trigger a pass. */
  timeSelector: string;
}

/** A feed item as seen in one pass. */
export interface FeedItemRef {
  id: string;
  el: Element;
}

/** The slice of WXT's content-script context the feed code uses, so tests can pass a real or a fake one. */
export type Lifecycle = Pick<
  ContentScriptContext,
  'isValid' | 'isInvalid' | 'onInvalidated' | 'setTimeout' | 'addEventListener'
>;
