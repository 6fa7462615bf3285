import type { SiteId } from '@/utils/types';
import type { FeedJsonRequest } from './analysis-client';
import type { FeedPostsAnswer } from './page-json';
import type { FeedItemRef, FeedSite } from './types';

/**
 * Reading ahead: posts the page has loaded but not drawn (weibo.com keeps them in its scroller's list, m.weibo.cn in
 * its getIndex cards) are asked about before they are drawn, so a guide post's card goes in with the post itself
 * instead of a worker round trip later, and the post is never read from the DOM. Only the answer's header (each post's
 * id) is parsed here: the posts go to the background as the page's JSON text and are read there.
 */

/** Sites whose page keeps its loaded posts where the page bridge can read them. A site adapter may also say so. */
const READS_AHEAD: ReadonlySet<SiteId> = new Set(['weibo-pc', 'weibo-mobile']);

export function readsAhead(site: FeedSite): boolean {
  return site.readsAhead ?? (site.id !== undefined && READS_AHEAD.has(site.id));
}

/** Longest the read-ahead goes without asking the page for newly loaded posts while the reader nears their end. */
export const READ_AHEAD_EVERY_MS = 250;
/**
 * Posts drawn this close to the end of what the read-ahead has read count as near it. Farther back, the page has no
 * post to draw that it has not already handed over, so a newly loaded page can wait for the reader to get here.
 */
const READ_AHEAD_NEAR_END = 8;
/** Longest between asks while the reader is far from that end (the page may have swapped its list meanwhile). */
const READ_AHEAD_IDLE_MS = 2000;

export interface ReadAheadOptions {
  /** The element the feed watcher observes (the feed's container), or null. */
  root(): Node | null;
  /** The page's loaded posts from `from` on (MAIN-world bridge). */
  feedPosts(root: Element, from: number): FeedPostsAnswer | undefined;
  /** Whether the post needs no asking (answered, on its way, backing off). */
  known(postId: string): boolean;
  /** Asks the background about posts as the page's JSON text; null when the feed cannot (no `sendJson`). */
  requestJson: ((request: FeedJsonRequest) => void) | null;
  /** More of the list is loaded than one answer holds: the next frame's pass reads on. */
  schedule(): void;
  now?: () => number;
}

export interface ReadAhead {
  /**
   * Notes how far down the page's list the patched items are, and says whether an ask is due: the list has more to
   * read, or the last ask is old (often while the reader is near the end of what was read, seldom elsewhere).
   */
  due(patched: readonly FeedItemRef[]): boolean;
  /** Reads the next slice of the page's list and asks about the posts in it not known yet. One batch per call. */
  read(site: FeedSite): void;
  /** Another list or another site: start again from the top, and ask at the next pass. */
  restart(): void;
}

export function createReadAhead(opts: ReadAheadOptions): ReadAhead {
  const now = opts.now ?? (() => performance.now());
  /** How far into the page's own list of loaded posts the read-ahead has got. */
  let ahead = { from: 0, first: '' };
  let more = false;
  /** Post id → its index in the page's list, for posts read; and the highest index drawn so far. */
  const aheadAt = new Map<string, number>();
  let drawnAt = -1;
  let lastAsk = Number.NEGATIVE_INFINITY;

  function restartList() {
    ahead = { from: 0, first: '' };
    aheadAt.clear();
    drawnAt = -1;
  }

  return {
    due(patched) {
      if (!opts.requestJson) return false;
      for (const { id } of patched) {
        const at = aheadAt.get(id);
        if (at !== undefined && at > drawnAt) drawnAt = at;
      }
      const nearEnd = drawnAt < 0 || ahead.from - drawnAt <= READ_AHEAD_NEAR_END;
      return now() - lastAsk >= (nearEnd ? READ_AHEAD_EVERY_MS : READ_AHEAD_IDLE_MS) || more;
    },
    read(site) {
      lastAsk = now();
      const root = opts.root();
      const { requestJson } = opts;
      if (!readsAhead(site) || !requestJson || !root || root.nodeType !== 1 || root === document.body) return;
      let answer = opts.feedPosts(root as Element, ahead.from);
      if (answer && (answer.first !== ahead.first || answer.total < ahead.from)) {
        // Another list (a route change swapped it): start from its top.
        const again = ahead.from > 0;
        restartList();
        ahead.first = answer.first;
        if (again) answer = opts.feedPosts(root as Element, 0);
      }
      more = false;
      if (!answer || answer.from !== ahead.from) return;
      ahead.from += answer.ids.length;
      more = ahead.from < answer.total && answer.ids.length > 0;
      if (more) opts.schedule();
      const ids: string[] = [];
      for (let i = 0; i < answer.ids.length; i++) {
        const id = answer.ids[i];
        if (!id) continue;
        aheadAt.set(id, answer.from + i);
        if (!opts.known(id)) ids.push(id);
      }
      if (ids.length) requestJson({ ids, json: answer.json });
    },
    restart() {
      restartList();
      lastAsk = Number.NEGATIVE_INFINITY;
    },
  };
}
