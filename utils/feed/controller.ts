import type { AnalysedPost, AnalyseLongTextRequest } from '@/utils/messaging';
import type { Overlay } from '@/utils/overlay';
import type { Post } from '@/utils/types';
import { type AnalysisClient, createAnalysisClient, type FeedJsonRequest } from './analysis-client';
import { type DecisionSettings, decidePost, isQuiet, type PostDecision } from './decide';
import { createFeedEvents, type FeedEvents } from './emitter';
import { createLongTextReader, type LongTextReader } from './long-text';
import { type FeedPostsAnswer, requestFeedPosts, requestPageJson } from './page-json';
import type { PostDirectory } from './posts';
import { createReadAhead } from './read-ahead';
import type { FeedSettingsStore } from './settings-store';
import type { FeedItemRef, FeedSite, Lifecycle } from './types';
import { type FeedWatcher, listMatching, watchFeed } from './watcher';

/** Most time one pass spends reading new posts before it leaves the rest to the next frame. */
const EXTRACT_BUDGET_MS = 4;

/** What the feed needs of the overlay: it places the hosts; the rest the overlay hears from `events`. */
export type HostSink = Pick<Overlay, 'sync' | 'hasHost' | 'hostIn' | 'hostCount'>;

export interface FeedControllerOptions {
  ctx: Lifecycle;
  site: FeedSite | null;
  settings: FeedSettingsStore;
  /** Where the feed writes each post's author and answer; everyone else reads them there. */
  posts: PostDirectory;
  /** Where the cards' hosts go. */
  overlay: HostSink;
  /** Where the feed says what it learned; one of its own when left out. */
  events?: FeedEvents;
  send(posts: Post[]): Promise<{ results: AnalysedPost[] }>;
  /** Posts read ahead, as the page's JSON text (`analyseFeedJson`); without it, nothing is read ahead. */
  sendJson?(request: FeedJsonRequest): Promise<{ results: AnalysedPost[] }>;
  /** A cut post with its whole text (`analyseLongText`); without it, long texts are never read. */
  sendLongText?(request: AnalyseLongTextRequest): Promise<{ result: AnalysedPost | null }>;
  /** The long-text request (the page's origin only); injectable for tests. */
  fetchLongText?: (url: string, init: RequestInit) => Promise<Response>;
  /** The page's origin; `location.origin` when left out. */
  origin?: string;
  /** Page JSON for an item (MAIN-world bridge); injectable for tests. */
  pageJson?: (item: Element, postId: string) => unknown;
  /** The feed's loaded posts ahead of the DOM (MAIN-world bridge); injectable for tests. */
  feedPosts?: (root: Element, from: number) => FeedPostsAnswer | undefined;
  retryDelayMs?: number;
  /**
   * `full`: every pass lists and decides every item, with no partial and no quick pass. The slow path the fast one is
   * tested against (tests/unit/pass-equivalence.test.ts); the extension runs `partial`, the default.
   */
  passes?: 'partial' | 'full';
}

export interface FeedController {
  readonly watcher: FeedWatcher;
  readonly client: AnalysisClient;
  /** Reads cut posts' whole text; null without `sendLongText`. */
  readonly longText: LongTextReader | null;
  readonly events: FeedEvents;
  setSite(site: FeedSite | null): void;
  /** Ask about every post again (the detection threshold changed in the worker). */
  reanalyse(): void;
}

/**
 * The content-side data path: feed items → (new ids only) extract → analyse in the background → place cards, and
 * say what was learned on `events`. Every pass decides each item it looks at with `decidePost`; extraction and
 * messaging only happen for unseen ids.
 */
export function startFeed(opts: FeedControllerOptions): FeedController {
  const { ctx, posts, overlay, settings } = opts;
  const events = opts.events ?? createFeedEvents();
  const pageJson = opts.pageJson ?? requestPageJson;
  let currentSite = opts.site;
  /** Post ids that have been in the page, and those whose answer was already reported (`analysed`). */
  const seen = new Set<string>();
  const reported = new Set<string>();

  const client = createAnalysisClient({
    ctx,
    posts,
    send: opts.send,
    sendJson: opts.sendJson,
    retryDelayMs: opts.retryDelayMs,
    onResults(results) {
      let cards = false;
      for (const r of results) {
        if (!r.detection.isGuide) continue;
        // The background names a guide post's author (a post read ahead was never read here) and links its items.
        if (r.author) posts.setAuthor(r.postId, r.author);
        if (r.items.length > 0) cards = true;
      }
      events.emit('answers', { answers: results });
      report(results.map((r) => r.postId));
      for (const r of results) if (seen.has(r.postId) && decide(r.postId).expand) longText?.want(r.postId);
      // Re-list the items rather than reuse the last pass's (the nodes may show other posts by now), and do it now:
      // the card goes in before the next paint. An answer that gives no post a card and takes none away changes
      // nothing a pass would do.
      if (cards || results.some((r) => overlay.hasHost(r.postId))) watcher.flush();
    },
    onRetryDue: () => watcher.schedule(),
  });

  const readAhead = createReadAhead({
    root: () => watcher.observed,
    feedPosts: opts.feedPosts ?? requestFeedPosts,
    known: (id) => client.known(id),
    requestJson: opts.sendJson ? (request) => client.requestJson(request) : null,
    schedule: () => watcher.schedule(),
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
        enabled: () => settings.get().overlayEnabled && settings.get().autoExpandLongPosts,
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

  function decisionSettings(): DecisionSettings {
    return { overlayEnabled: settings.get().overlayEnabled, muted: settings.muted(), dismissed: settings.dismissed() };
  }

  /** The one decision about a post, from what is known of it now (both passes go by it). */
  function decide(postId: string, s: DecisionSettings = decisionSettings()): PostDecision {
    const answer = client.get(postId);
    return decidePost(
      {
        answer,
        known: client.known(postId),
        authorId: posts.author(postId)?.uid ?? null,
        longTextDue: longText !== null && answer?.expand === true && longText.due(postId),
      },
      s,
      postId,
    );
  }

  /** Reports answers for posts that are or were in the page, once each. */
  function report(ids: Iterable<string>) {
    const out: AnalysedPost[] = [];
    for (const id of ids) {
      if (reported.has(id) || !seen.has(id)) continue;
      const r = client.get(id);
      if (!r) continue;
      reported.add(id);
      out.push(r);
    }
    if (out.length) events.emit('analysed', { answers: out });
  }

  /** The patched items' posts not in the page before, now noted as seen (and said so). */
  function firstSight(patched: readonly FeedItemRef[]): string[] {
    const out: string[] = [];
    for (const { id } of patched) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
    }
    if (out.length) events.emit('seen', { posts: out.map((postId) => ({ postId, author: posts.author(postId) })) });
    return out;
  }

  /**
   * `touched` is null on a full pass (every item is checked) and otherwise names the items the page patched since the
   * last pass: only those can show a post not seen yet, and nothing else about the others changed (every answer that
   * gives or takes away a card, every setting and retry asks for a full pass).
   */
  function onPass(items: FeedItemRef[], site: FeedSite, touched: ReadonlySet<Element> | null) {
    const s = decisionSettings();
    const patched = touched ? items.filter(({ el }) => touched.has(el)) : items;
    // The page patches the feed every frame while it scrolls; most passes need no ask. Ask when a drawn post is not
    // known yet (the list outgrew the read-ahead), and when the read-ahead says one is due.
    if (s.overlayEnabled && (readAhead.due(patched) || patched.some(({ id }) => !client.known(id)))) {
      readAhead.read(site);
    }
    const fresh: Post[] = [];
    const queued = new Set<string>();
    // Extraction is capped per pass so a page that patches in many posts at once never gets a long task from us;
    // what is left waits for the next frame's pass.
    const deadline = performance.now() + EXTRACT_BUDGET_MS;
    let deferred = false;
    for (const { id, el } of patched) {
      if (queued.has(id) || !decide(id, s).read) continue;
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
      posts.setAuthor(post.id, post.author);
      queued.add(id);
      fresh.push(post);
    }
    if (fresh.length) client.request(fresh);
    // After the reading, so a post read from the page is said to be seen with its author.
    const newlySeen = firstSight(patched);
    if (longText) for (const { id } of patched) if (decide(id, s).expand) longText.want(id);
    const placed = overlay.sync(items, (id) => (decide(id, s).items ? (client.get(id) ?? null) : null), touched);
    if (placed) events.emit('hosts', { count: overlay.hostCount });
    report(newlySeen);
    if (deferred) watcher.schedule();
  }

  /**
   * A partial pass's quick path: when the decision for every patched item says there is nothing to do (no reading,
   * no whole text, no card, no host of its own), no patched item holds a host and no read-ahead ask is due, the pass
   * only notes first sights, and skips the item list, the extraction and the hosts' check. Anything else leaves the
   * pass to `onPass`, which decides the same and acts on it.
   */
  function quickPass(patched: readonly FeedItemRef[], touched: ReadonlySet<Element>): boolean {
    const s = decisionSettings();
    if (!s.overlayEnabled || overlay.hostIn(touched)) return false;
    for (const { id } of patched) if (!isQuiet(decide(id, s), overlay.hasHost(id))) return false;
    if (readAhead.due(patched)) return false;
    report(firstSight(patched));
    return true;
  }

  function reanalyse() {
    client.clear();
    reported.clear();
    readAhead.restart();
    watcher.schedule();
  }

  const unsubscribe = settings.subscribe((now, before) => {
    if (!now.autoExpandLongPosts) longText?.clear();
    if (
      now.overlayEnabled !== before.overlayEnabled ||
      now.mutedAuthors !== before.mutedAuthors ||
      now.dismissedPosts !== before.dismissedPosts ||
      now.autoExpandLongPosts !== before.autoExpandLongPosts
    ) {
      watcher.schedule();
    }
  });
  ctx.onInvalidated(unsubscribe);

  // Passes run in the observer's callback, right after the page's patch, so a recycled node is re-checked (its host
  // moved or taken out) before anything is painted.
  const partial = opts.passes !== 'full';
  const watcher = watchFeed(ctx, opts.site, onPass, partial ? quickPass : undefined, partial);

  return {
    watcher,
    client,
    longText,
    events,
    reanalyse,
    setSite(site) {
      currentSite = site;
      readAhead.restart();
      watcher.setSite(site);
    },
  };
}
