import type { AnalysedPost, AnalyseLongTextRequest } from '@/utils/messaging';
import { createOverlay, type Overlay } from '@/utils/overlay';
import type { CardActions, CardWatch, ImageUrlOf } from '@/utils/overlay/actions';
import type { LoadRenderer } from '@/utils/overlay/renderer';
import type { PostMeta } from '@/utils/overlay/store';
import type { Lang } from '@/utils/settings';
import type { Post, SiteId } from '@/utils/types';
import { type AnalysisClient, createAnalysisClient, type FeedJsonRequest } from './analysis-client';
import { createLongTextReader, type LongTextReader } from './long-text';
import { type FeedPostsAnswer, requestFeedPosts, requestPageJson } from './page-json';
import type { FeedItemRef, FeedSite, Lifecycle } from './types';
import { type FeedWatcher, listMatching, watchFeed } from './watcher';

/**
 * Sites whose page keeps its list of loaded posts where the page bridge can read it (weibo.com's scroller `items`,
 * m.weibo.cn's getIndex `cards`), so posts are analysed before they are drawn. A site adapter may also say so itself.
 */
const READS_AHEAD: ReadonlySet<SiteId> = new Set(['weibo-pc', 'weibo-mobile']);

function readsAhead(site: FeedSite): boolean {
  return site.readsAhead ?? (site.id !== undefined && READS_AHEAD.has(site.id));
}

/** Longest the read-ahead goes without asking the page for newly loaded posts while the reader nears their end. */
const READ_AHEAD_EVERY_MS = 250;
/**
 * Posts drawn this close to the end of what the read-ahead has read count as near it. Farther back, the page has no
 * post to draw that it has not already handed over, so a newly loaded page can wait for the reader to get here.
 */
const READ_AHEAD_NEAR_END = 8;
/** Longest between asks while the reader is far from that end (the page may have swapped its list meanwhile). */
const READ_AHEAD_IDLE_MS = 2000;

/** Most time one pass spends reading new posts before it leaves the rest to the next frame. */
const EXTRACT_BUDGET_MS = 4;

export interface FeedSettings {
  overlayEnabled: boolean;
  mutedAuthors: readonly string[];
  dismissedPosts: readonly string[];
  lang: Lang;
  /** 自动展开长博文: read cut shopping posts' whole text from the page's origin. Off when left out. */
  autoExpandLongPosts?: boolean;
}

export interface FeedControllerOptions {
  ctx: Lifecycle;
  site: FeedSite | null;
  settings: FeedSettings;
  send(posts: Post[]): Promise<{ results: AnalysedPost[] }>;
  /** Posts read ahead, as the page's JSON text (`analyseFeedJson`); without it, nothing is read ahead. */
  sendJson?(request: FeedJsonRequest): Promise<{ results: AnalysedPost[] }>;
  /** A cut post with its whole text (`analyseLongText`); without it, long texts are never read. */
  sendLongText?(request: AnalyseLongTextRequest): Promise<{ result: AnalysedPost | null }>;
  /** The long-text request (the page's origin only); injectable for tests. */
  fetchLongText?: (url: string, init: RequestInit) => Promise<Response>;
  /** The page's origin; `location.origin` when left out. */
  origin?: string;
  imageUrlOf: ImageUrlOf;
  /** The cards' renderer (React), loaded when the first card is due. */
  loadRenderer: LoadRenderer;
  /** What the cards' buttons do (messages, settings, event log); inert when left out. */
  actions?: CardActions;
  /** Told which element shows which card, and of each card action (event tracking); nothing when left out. */
  watch?: CardWatch;
  /**
   * Every fresh analysis answer for a post that is (or was) in the page, e.g. to log `detect` for guide posts. Posts
   * analysed ahead of the DOM are reported when they first show up, never for a post the reader did not reach.
   */
  onAnalysed?: (results: readonly AnalysedPost[]) => void;
  /** A card host was placed in the page or taken out of it (the exposure tracker picks hosts up from here). */
  onHostsChanged?: () => void;
  /** Page JSON for an item (MAIN-world bridge); injectable for tests. */
  pageJson?: (item: Element, postId: string) => unknown;
  /** The feed's loaded posts ahead of the DOM (MAIN-world bridge); injectable for tests. */
  feedPosts?: (root: Element, from: number) => FeedPostsAnswer | undefined;
  retryDelayMs?: number;
}

export interface FeedController {
  readonly watcher: FeedWatcher;
  readonly client: AnalysisClient;
  readonly overlay: Overlay;
  /** Reads cut posts' whole text; null without `sendLongText`. */
  readonly longText: LongTextReader | null;
  setSite(site: FeedSite | null): void;
  /** Author uid of a post extracted on this page, or null. */
  authorOf(postId: string): string | null;
  /** Whether the background called this post a guide post (the answer may not be in yet: false). */
  isGuide(postId: string): boolean;
  updateSettings(patch: Partial<FeedSettings>): void;
  /** The detection threshold changed: every answer is stale, ask again for what is on screen. */
  reanalyse(): void;
}

/**
 * The content-side data path: feed items → (new ids only) extract → analyse in the background → place cards.
 * Every pass re-checks placement for all items on screen; extraction and messaging only happen for unseen ids.
 */
export function startFeed(opts: FeedControllerOptions): FeedController {
  const { ctx } = opts;
  const pageJson = opts.pageJson ?? requestPageJson;
  const feedPosts = opts.feedPosts ?? requestFeedPosts;
  let settings = { ...opts.settings };
  let currentSite = opts.site;
  let muted = new Set(settings.mutedAuthors);
  let dismissed = new Set(settings.dismissedPosts);
  const authorOf = new Map<string, string>();
  const authorNameOf = new Map<string, string>();
  /** Post ids that have been in the page, and those already handed to `onAnalysed`. */
  const seen = new Set<string>();
  const reported = new Set<string>();
  /** How far into the page's own list of loaded posts the read-ahead has got. */
  let ahead = { from: 0, first: '' };
  let aheadMore = false;
  /** Post id → its index in the page's list, for posts the read-ahead has read; and the highest index drawn so far. */
  const aheadAt = new Map<string, number>();
  let drawnAt = -1;
  function restartAhead() {
    ahead = { from: 0, first: '' };
    aheadAt.clear();
    drawnAt = -1;
  }
  let lastAsk = Number.NEGATIVE_INFINITY;
  const overlay = createOverlay(opts.imageUrlOf, opts.loadRenderer, opts.actions, opts.watch);
  overlay.setLang(settings.lang);

  const client = createAnalysisClient({
    ctx,
    send: opts.send,
    sendJson: opts.sendJson,
    retryDelayMs: opts.retryDelayMs,
    onResults(results) {
      const meta = new Map<string, PostMeta>();
      let cards = false;
      for (const r of results) {
        if (!r.detection.isGuide) continue;
        // The background names a guide post's author (a post read ahead was never read here) and links its items.
        if (r.author) rememberAuthor(r.postId, r.author);
        const uid = authorOf.get(r.postId);
        if (uid !== undefined) meta.set(r.postId, { authorId: uid, authorName: authorNameOf.get(r.postId) ?? '' });
        if (r.items.length > 0) cards = true;
      }
      overlay.setMeta(meta);
      overlay.setResults(results);
      report(results.map((r) => r.postId));
      for (const r of results) if (r.expand && seen.has(r.postId)) expand(r.postId);
      // Re-list the items rather than reuse the last pass's (the nodes may show other posts by now), and do it now:
      // the card goes in before the next paint. An answer that gives no post a card and takes none away changes
      // nothing a pass would do.
      if (cards || results.some((r) => overlay.hasHost(r.postId))) watcher.flush();
    },
    onRetryDue: () => watcher.schedule(),
  });

  /**
   * Every post the feed's items show now and the item showing it, on screen or not; one on screen wins. A recycled
   * view the page parked off screen still shows the post it last drew, and the page may bring it back without a patch.
   */
  function drawnPosts(): Map<string, { el: Element; onScreen: boolean }> {
    const out = new Map<string, { el: Element; onScreen: boolean }>();
    const site = currentSite;
    const root = watcher.observed;
    if (!site || !root || root.nodeType !== 1) return out;
    for (const el of listMatching(root as Element, site.itemSelector)) {
      const id = site.postIdOf(el);
      if (!id || out.get(id)?.onScreen) continue;
      const r = el.getBoundingClientRect();
      out.set(id, { el, onScreen: r.bottom >= 0 && r.top < window.innerHeight });
    }
    return out;
  }

  /** The post as the page draws it on screen now, read afresh with its page JSON, for its long text. */
  function readDrawn(postId: string): Post | null {
    const site = currentSite;
    const item = drawnPosts().get(postId);
    if (!site || !item?.onScreen) return null;
    try {
      const post = site.extract(item.el, pageJson(item.el, postId));
      return post?.id === postId ? post : null;
    } catch {
      return null;
    }
  }

  const { sendLongText } = opts;
  const longText: LongTextReader | null = sendLongText
    ? createLongTextReader({
        ctx,
        origin: opts.origin ?? location.origin,
        site: () => currentSite?.id ?? null,
        enabled: () => settings.overlayEnabled && settings.autoExpandLongPosts === true,
        drawn: () => {
          const out = new Map<string, 'on-screen' | 'off-screen'>();
          for (const [id, { onScreen }] of drawnPosts()) out.set(id, onScreen ? 'on-screen' : 'off-screen');
          return out;
        },
        read: readDrawn,
        send: sendLongText,
        fetch: opts.fetchLongText,
        onAnswer(answer) {
          // A post whose cut text gave no card may get one now: its answer is reported (and logged) again.
          const before = client.get(answer.postId);
          if (!(before?.detection.isGuide && before.items.length > 0)) reported.delete(answer.postId);
          client.replace(answer);
        },
      })
    : null;

  /** Asks for the whole text of a post in the page whose answer says it is cut and looks like shopping. */
  function expand(postId: string) {
    if (longText && client.get(postId)?.expand) longText.want(postId);
  }

  function shown(postId: string): AnalysedPost | null {
    if (!settings.overlayEnabled || dismissed.has(postId)) return null;
    const uid = authorOf.get(postId);
    if (uid !== undefined && muted.has(uid)) return null;
    const r = client.get(postId);
    if (!r?.detection.isGuide || r.items.length === 0) return null;
    return r;
  }

  /** Hands answers for posts that are or were in the page to `onAnalysed`, once each. */
  function report(ids: Iterable<string>) {
    if (!opts.onAnalysed) return;
    const out: AnalysedPost[] = [];
    for (const id of ids) {
      if (reported.has(id) || !seen.has(id)) continue;
      const r = client.get(id);
      if (!r) continue;
      reported.add(id);
      out.push(r);
    }
    if (out.length) opts.onAnalysed(out);
  }

  function rememberAuthor(postId: string, author: { uid: string; name: string }) {
    authorOf.set(postId, author.uid);
    if (author.name) authorNameOf.set(postId, author.name);
  }

  /**
   * Reads posts the feed has loaded but not drawn (weibo.com keeps them in its scroller's list) and asks for their
   * answers now, so a guide post's card goes in with the post itself instead of a worker round trip later, and the
   * post is never read from the DOM. One batch per pass; the list is only re-read where it grew. Only the answer's
   * header (each post's id) is parsed here: the posts go to the background as the page's JSON text and are read there.
   */
  function readAhead(site: FeedSite) {
    const root = watcher.observed;
    if (!readsAhead(site) || !opts.sendJson || !root || root.nodeType !== 1 || root === document.body) return;
    let answer = feedPosts(root as Element, ahead.from);
    if (answer && (answer.first !== ahead.first || answer.total < ahead.from)) {
      // Another list (a route change swapped it): start from its top.
      const restart = ahead.from > 0;
      restartAhead();
      ahead.first = answer.first;
      if (restart) answer = feedPosts(root as Element, 0);
    }
    aheadMore = false;
    if (!answer || answer.from !== ahead.from) return;
    ahead.from += answer.ids.length;
    // More loaded than one answer holds: the next frame's pass reads on.
    aheadMore = ahead.from < answer.total && answer.ids.length > 0;
    if (aheadMore) watcher.schedule();
    const ids: string[] = [];
    for (let i = 0; i < answer.ids.length; i++) {
      const id = answer.ids[i];
      if (!id) continue;
      aheadAt.set(id, answer.from + i);
      if (!client.known(id)) ids.push(id);
    }
    if (ids.length) client.requestJson({ ids, json: answer.json });
  }

  /**
   * `touched` is null on a full pass (every item is checked) and otherwise names the items the page patched since the
   * last pass: only those can show a post not seen yet, and nothing else about the others changed (every answer that
   * gives or takes away a card, every setting and retry asks for a full pass; other answers change nothing `shown`
   * says).
   */
  function onPass(items: FeedItemRef[], site: FeedSite, touched: ReadonlySet<Element> | null) {
    const patched = touched ? items.filter(({ el }) => touched.has(el)) : items;
    // The page patches the feed every frame while it scrolls; most passes need no ask. Ask when a drawn post is not
    // known yet (the list outgrew the read-ahead), when the last answer left posts behind, and every so often: often
    // while the reader is near the end of what has been read ahead (a newly loaded page lands there), seldom elsewhere.
    if (settings.overlayEnabled && (askDue(patched) || aheadMore || patched.some(({ id }) => !client.known(id)))) {
      lastAsk = performance.now();
      readAhead(site);
    }
    const fresh: Post[] = [];
    const queued = new Set<string>();
    const newlySeen = firstSight(patched);
    // Extraction is capped per pass so a page that patches in many posts at once never gets a long task from us;
    // what is left waits for the next frame's pass.
    const deadline = performance.now() + EXTRACT_BUDGET_MS;
    let deferred = false;
    // Overlay off: no extraction, no messages; the sync below removes every host.
    for (const { id, el } of settings.overlayEnabled ? patched : []) {
      if (queued.has(id) || client.known(id)) continue;
      if (fresh.length > 0 && performance.now() > deadline) {
        deferred = true;
        break;
      }
      let post: Post | null = null;
      try {
        post = site.extract(el, pageJson(el, id));
      } catch {
        post = null;
      }
      if (!post || post.id !== id) continue;
      rememberAuthor(post.id, post.author);
      queued.add(id);
      fresh.push(post);
    }
    if (fresh.length) client.request(fresh);
    if (longText && settings.overlayEnabled) for (const { id } of patched) expand(id);
    if (overlay.sync(items, shown, touched)) opts.onHostsChanged?.();
    report(newlySeen);
    if (deferred) watcher.schedule();
  }

  /** Notes how far down the read-ahead's list the page has drawn; true when the time for the next ask has come. */
  function askDue(patched: readonly FeedItemRef[]): boolean {
    for (const { id } of patched) {
      const at = aheadAt.get(id);
      if (at !== undefined && at > drawnAt) drawnAt = at;
    }
    const nearEnd = drawnAt < 0 || ahead.from - drawnAt <= READ_AHEAD_NEAR_END;
    return performance.now() - lastAsk >= (nearEnd ? READ_AHEAD_EVERY_MS : READ_AHEAD_IDLE_MS);
  }

  /** The patched items' posts not in the page before, now noted as seen. */
  function firstSight(patched: readonly FeedItemRef[]): string[] {
    const out: string[] = [];
    for (const { id } of patched) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
    }
    return out;
  }

  /**
   * The page's usual patch while it scrolls, a recycled item redrawn for a post already answered that gets no card,
   * needs nothing of `onPass` but the read-ahead's place and the post's first sight: when no read-ahead ask is due, no
   * patched item holds a host and none shows a post with a card or a host, that is all done here, and the pass skips
   * the item list, the extraction and the hosts' check. Anything else leaves the pass to `onPass`, which does the same
   * and more.
   */
  function quickPass(patched: readonly FeedItemRef[], touched: ReadonlySet<Element>): boolean {
    if (!settings.overlayEnabled || aheadMore || overlay.hostIn(touched)) return false;
    for (const { id } of patched) {
      if (!client.known(id) || overlay.hasHost(id) || shown(id)) return false;
      // A cut post drawn again whose long text is still to read.
      if (longText && client.get(id)?.expand && longText.due(id)) return false;
    }
    if (askDue(patched)) return false;
    report(firstSight(patched));
    return true;
  }

  // Passes run in the observer's callback, right after the page's patch, so a recycled node is re-checked (its host
  // moved or taken out) before anything is painted.
  const watcher = watchFeed(ctx, opts.site, onPass, quickPass);
  ctx.onInvalidated(() => overlay.destroy());

  return {
    watcher,
    client,
    overlay,
    longText,
    setSite(site) {
      currentSite = site;
      restartAhead();
      lastAsk = Number.NEGATIVE_INFINITY;
      watcher.setSite(site);
    },
    authorOf: (postId) => authorOf.get(postId) ?? null,
    isGuide: (postId) => client.get(postId)?.detection.isGuide === true,
    updateSettings(patch) {
      settings = { ...settings, ...patch };
      muted = new Set(settings.mutedAuthors);
      dismissed = new Set(settings.dismissedPosts);
      overlay.setLang(settings.lang);
      if (!settings.autoExpandLongPosts) longText?.clear();
      watcher.schedule();
    },
    reanalyse() {
      client.clear();
      reported.clear();
      restartAhead();
      lastAsk = Number.NEGATIVE_INFINITY;
      watcher.schedule();
    },
  };
}
