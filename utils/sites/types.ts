import type { Post, SiteId } from '../types';

/**
 * A site adapter turns one feed item of a site into a `Post`. Selectors are data (see each site's file); `extract`
 * never throws on malformed markup: it returns null when the item has no usable id, a partial post otherwise.
 */
export interface SiteAdapter {
  id: SiteId;
  matches(loc: Location | URL): boolean;
  /** Container(s) the feed renders into; observe this rather than `document.body`. */
  feedRootSelector: string;
  /** One feed item (a post); cards go inside it. */
  itemSelector: string;
  postIdOf(item: Element): string | null;
  /** `json` is untrusted page data (Vue `mblog`), used only when its shape and id fit. */
  extract(item: Element, json?: unknown): Post | null;
  /**
   * The feed's list of loaded posts (not drawn yet) can be read through the page bridge; the background reads those
   * posts from the page's JSON (`postsFromFeedJson`). Absent where the list is not readable.
   */
  readsAhead?: boolean;
  /** Elements Weibo rewrites constantly (relative times): mutations touching only these are noise. */
  timeSelector: string;
  actionSelectors: { like: string; repost: string; comment: string };
}
