import type { ContentScriptContext } from '#imports';
import { throttledValidity } from '@/utils/feed/validity';
import { HOST_TAG } from '@/utils/feed/watcher';
import type { LogEventsResult } from '@/utils/messaging';
import { CLICK_THROUGH_TARGETS } from '@/utils/metrics/clicks';
import type { SiteAdapter } from '@/utils/sites/types';
import { CLICK_TARGETS, INTERACTION_ACTIONS } from './constants';
import { type ExposureKey, ExposureTracker, VIEWABLE_RATIO } from './exposure';
import { createEventFactory, type EventFields } from './factory';
import { Outbox, type OutboxReport } from './outbox';
import type { ClickTarget, InteractionAction, ZcEvent, ZcEventType } from './schema';

/**
 * Content-script glue: card hosts → IntersectionObserver → ExposureTracker; page visibility/focus → tracker; clicks on
 * cards and on guide posts' action bars → events; every event → Outbox → background. No Zod here (bundle size):
 * the background validates.
 */

/** One product card inside a host's shadow root (the overlay marks each with its catalogue item id). */
const CARD_SELECTOR = '[data-zc-item-id], [data-zc-item]';
/** Overlay controls say what they are with `data-zc-click="buy"` etc.; see CLICK_TARGETS. */
const CLICK_ATTR = 'data-zc-click';
/** Quiet period before new hosts are picked up; the feed mutates in bursts as it scrolls. */
const SCAN_DELAY_MS = 100;

type Ctx = Pick<ContentScriptContext, 'isInvalid' | 'onInvalidated' | 'addEventListener'>;

export interface FeedTrackingOptions {
  ctx: Ctx;
  send: (events: ZcEvent[], report: OutboxReport) => Promise<LogEventsResult>;
  extVersion: string;
  /** The site adapter, for finding a post's action bar; null on pages without a feed. */
  site: Pick<SiteAdapter, 'itemSelector' | 'postIdOf' | 'actionSelectors' | 'extract'> | null;
  /** Author uid of a post, if the feed already knows it. Falls back to extracting the post's feed item once. */
  authorOf?: (postId: string) => string | null;
  /**
   * Told of the author of each click-through logged (the popup's 种草 list names the influencer of an item the shopper
   * only clicked; events themselves carry only the uid).
   */
  onClickAuthor?: (postId: string, authorId: string) => void;
  /** Interactions are logged for guide posts only. Falls back to "the post shows cards". */
  isGuidePost?: (postId: string) => boolean;
  doc?: Document;
  win?: Window;
  /**
   * Whether the tracker finds card hosts itself, through a MutationObserver on the whole body (the default). The
   * content script turns it off and calls `hostsChanged()` whenever its overlay places or frees a host instead: the
   * body-wide observer was called for every patch the page made, and each call cost a document-wide host scan.
   */
  discoverHosts?: boolean;
  /**
   * The card hosts in the page now, when the caller keeps that list (the content script's overlay does). A scan then
   * reads it instead of searching the whole document, which the browser re-walks after every change the page made.
   */
  hosts?: () => Iterable<Element>;
  /** For tests; left out, the Outbox's defaults apply (messages of OUTBOX_BATCH, flushed after 1 s). */
  outbox?: { maxBatch?: number; flushMs?: number; retryBaseMs?: number; persist?: (pending: ZcEvent[]) => void };
}

export interface FeedTracking {
  readonly pageId: string;
  /** Any event, stamped here (id, page, and the time: now, or `at` when it happened earlier). */
  record<T extends ZcEventType>(type: T, fields: EventFields<T>, at?: number): void;
  recordClick(postId: string, itemId: string | null, target: ClickTarget): void;
  recordInteraction(postId: string, authorId: string, action: InteractionAction): void;
  /** Once per post per page view; `missedRefs` lists references no catalogue holds (`missedReferences`). */
  recordDetect(postId: string, authorId: string | null, score: number, missedRefs?: string): void;
  setSite(site: FeedTrackingOptions['site']): void;
  /** Pick up new, moved, re-keyed or removed card hosts now (also runs by itself on DOM changes, with `discoverHosts`). */
  scan(): void;
  /** Hosts were placed, moved or removed: scan after a quiet moment (what the body-wide observer does by itself). */
  hostsChanged(): void;
  flush(): Promise<void>;
  readonly outbox: Outbox<ZcEvent>;
  readonly tracker: ExposureTracker;
}

interface Watched {
  host: Element;
  key: ExposureKey | null;
  ratio: number;
}

interface HostState {
  /**
   * Re-syncs the host's cards on a change. With an open shadow root it observes the root for cards being rendered,
   * replaced or removed; a host that turns over to another post needs nothing more, since its cards are keyed by post
   * and the renderer replaces them. Without one, it observes the host's post and item ids, which its key is read from.
   */
  observer: MutationObserver;
  /** Whether `observer` watches an open shadow root (a host that gains one later is added afresh). */
  inRoot: boolean;
  /** Elements observed for this host: its cards, or the host itself until cards render. */
  targets: Set<Element>;
}

export function startFeedTracking(opts: FeedTrackingOptions): FeedTracking {
  const { ctx } = opts;
  /** Asked per logged event and per scan: WXT's own check is a call into the browser, so it is asked once a second. */
  const valid = throttledValidity(ctx);
  const doc = opts.doc ?? document;
  const win = opts.win ?? window;
  let site = opts.site;
  const pageId = crypto.randomUUID();
  const make = createEventFactory({ pageId, extVersion: opts.extVersion });
  const outbox = new Outbox<ZcEvent>({
    send: opts.send,
    maxBatch: opts.outbox?.maxBatch,
    flushMs: opts.outbox?.flushMs,
    retryBaseMs: opts.outbox?.retryBaseMs,
    persist: opts.outbox?.persist,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    onDrop: (n) => console.warn(`[zhongcao] event outbox full, ${n} events dropped so far`),
  });

  const authorCache = new Map<string, string | null>();
  function authorOf(postId: string): string | null {
    const known = opts.authorOf?.(postId);
    if (known) return known;
    if (authorCache.has(postId)) return authorCache.get(postId) ?? null;
    let uid: string | null = null;
    const host = hostOfPost(postId);
    const item = host && site ? host.closest(site.itemSelector) : null;
    if (item && site) {
      try {
        uid = site.extract(item)?.author.uid ?? null;
      } catch {
        uid = null;
      }
    }
    // Remember misses too (once the item was found), so a post without a readable author is not re-extracted per callback.
    if (uid || item) authorCache.set(postId, uid);
    return uid;
  }

  function hostOfPost(postId: string): Element | null {
    for (const host of opts.hosts?.() ?? doc.getElementsByTagName(HOST_TAG))
      if (host.getAttribute('data-post-id') === postId) return host;
    return null;
  }

  const isGuidePost = (postId: string) => opts.isGuidePost?.(postId) ?? hostOfPost(postId) !== null;

  const record = <T extends ZcEventType>(type: T, fields: EventFields<T>, at?: number) => {
    if (!valid()) return;
    outbox.push(make(type, fields, at) as ZcEvent);
  };

  const pageActive = () => doc.visibilityState === 'visible' && doc.hasFocus();
  const tracker = new ExposureTracker({
    pageActive: pageActive(),
    onExposure: ({ key, visibleMs, maxRatio, at }) =>
      outbox.push(
        make(
          'exposure',
          {
            post_id: key.postId,
            author_id: key.authorId ?? authorOf(key.postId),
            item_id: key.itemId,
            visible_ms: visibleMs,
            max_ratio: round3(maxRatio),
          },
          at,
        ),
      ),
    onViewTime: ({ key, visibleMs, maxRatio, exposed, at }) =>
      outbox.push(
        make(
          'view_time',
          {
            post_id: key.postId,
            author_id: key.authorId ?? authorOf(key.postId),
            item_id: key.itemId,
            visible_ms: visibleMs,
            max_ratio: round3(maxRatio),
            exposed,
          },
          at,
        ),
      ),
  });

  // --- exposure: which element shows which (post, item) right now ---
  const watched = new Map<Element, Watched>();
  const hosts = new Map<Element, HostState>();

  function keyOf(el: Element, host: Element): ExposureKey | null {
    const postId = host.getAttribute('data-post-id');
    if (!postId) return null;
    const itemId =
      el === host
        ? (host.getAttribute('data-item-ids') ?? '').split(/\s+/).find(Boolean)
        : (el.getAttribute('data-zc-item-id') ?? el.getAttribute('data-zc-item'));
    if (!itemId) return null;
    return { postId, itemId, authorId: authorOf(postId) };
  }

  const sameKey = (a: ExposureKey | null, b: ExposureKey | null) =>
    a === b || (!!a && !!b && a.postId === b.postId && a.itemId === b.itemId);

  /** Re-read an element's key; if the node now shows another post or item, the old card is gone from view. */
  function rekey(el: Element): void {
    const w = watched.get(el);
    if (!w) return;
    const next = keyOf(el, w.host);
    if (sameKey(w.key, next)) return;
    if (w.key) tracker.forget(w.key);
    w.key = next;
    if (next && w.ratio > 0) tracker.observe(next, w.ratio);
  }

  const io = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const w = watched.get(entry.target);
        if (!w) continue;
        w.ratio = entry.isIntersecting ? entry.intersectionRatio : 0;
        // The key is kept current by the host's observers (`rekey`), whose callbacks run before this one; it is read
        // here only while it has none (a post or item id still missing).
        if (!w.key) w.key = keyOf(entry.target, w.host);
        if (w.key) tracker.observe(w.key, w.ratio);
      }
    },
    // Readings are needed only where a card crosses the viewable share (its run starts or breaks) and where it is
    // whole in view (its largest share). A 0 threshold added a reading on the way in and one on the way out, each a
    // callback, that changed nothing the tracker reports: time and exposures count only at VIEWABLE_RATIO or above.
    { threshold: [VIEWABLE_RATIO, 1] },
  );

  function watch(el: Element, host: Element, state: HostState): void {
    if (watched.has(el)) return;
    watched.set(el, { host, key: keyOf(el, host), ratio: 0 });
    state.targets.add(el);
    io.observe(el);
  }

  function unwatch(el: Element, state: HostState): void {
    const w = watched.get(el);
    if (!w) return;
    io.unobserve(el);
    if (w.key) tracker.forget(w.key);
    watched.delete(el);
    state.targets.delete(el);
  }

  function syncCards(host: Element, state: HostState): void {
    const cards = host.shadowRoot ? [...host.shadowRoot.querySelectorAll(CARD_SELECTOR)] : [];
    // Until the overlay renders cards (or if the root is closed) the host stands for its first item.
    const want = new Set<Element>(cards.length ? cards : [host]);
    for (const el of [...state.targets]) if (!want.has(el)) unwatch(el, state);
    for (const el of want) watch(el, host, state);
    for (const el of want) rekey(el);
  }

  function addHost(host: Element): void {
    const root = host.shadowRoot;
    const state: HostState = {
      observer: new MutationObserver(() => syncCards(host, state)),
      inRoot: root !== null,
      targets: new Set(),
    };
    if (root) {
      state.observer.observe(root, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-zc-item-id', 'data-zc-item'],
      });
    } else {
      state.observer.observe(host, { attributes: true, attributeFilter: ['data-post-id', 'data-item-ids'] });
    }
    hosts.set(host, state);
    syncCards(host, state);
  }

  function removeHost(host: Element, state: HostState): void {
    for (const el of [...state.targets]) unwatch(el, state);
    state.observer.disconnect();
    hosts.delete(host);
  }

  function scan(): void {
    if (!valid()) return;
    for (const [host, state] of hosts) if (!host.isConnected) removeHost(host, state);
    for (const host of opts.hosts?.() ?? doc.getElementsByTagName(HOST_TAG)) {
      if (!host.isConnected) continue;
      const state = hosts.get(host);
      if (!state) addHost(host);
      else if (!state.inRoot && host.shadowRoot) {
        removeHost(host, state);
        addHost(host);
      }
      // A host standing for its first item (no cards drawn yet, or collapsed) that was re-labelled before the renderer
      // drew anything into it: the overlay's notice of the change brings this scan.
      else if (state.targets.has(host)) rekey(host);
    }
  }

  let scanQueued = false;
  function hostsChanged(): void {
    if (scanQueued) return;
    scanQueued = true;
    // A plain timer: `ctx.setTimeout` would leave an invalidation listener behind per scan; `scan` checks the context.
    setTimeout(() => {
      scanQueued = false;
      scan();
    }, SCAN_DELAY_MS);
  }
  const discover = opts.discoverHosts === false ? null : new MutationObserver(hostsChanged);
  discover?.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });

  // --- page visibility and focus ---
  const onActivity = () => tracker.setPageActive(pageActive());
  const onHidden = () => {
    tracker.setPageActive(false);
    tracker.flushTotals();
    void outbox.flush();
  };
  ctx.addEventListener(doc, 'visibilitychange', () => (doc.visibilityState === 'hidden' ? onHidden() : onActivity()));
  ctx.addEventListener(win, 'focus', onActivity);
  ctx.addEventListener(win, 'blur', onActivity);
  ctx.addEventListener(win, 'pagehide', onHidden);

  // --- clicks: on cards (through the open shadow roots) and on guide posts' own action bars ---
  ctx.addEventListener(
    doc,
    'click',
    (event) => {
      if (!event.isTrusted) return;
      const path = event.composedPath().filter((n): n is Element => n instanceof Element);
      const host = path.find((el) => el.localName === HOST_TAG);
      if (host) {
        const postId = host.getAttribute('data-post-id');
        if (!postId) return;
        const card = path.find((el) => el !== host && el.matches(CARD_SELECTOR));
        const itemId = card ? (card.getAttribute('data-zc-item-id') ?? card.getAttribute('data-zc-item')) : null;
        recordClick(postId, itemId, clickTargetOf(path, host, card ?? null));
        return;
      }
      if (!site) return;
      const target = path[0];
      const item = target?.closest(site.itemSelector);
      if (!target || !item) return;
      const action = INTERACTION_ACTIONS.find((a) => {
        const control = target.closest(site!.actionSelectors[a]);
        return control !== null && item.contains(control);
      });
      if (!action) return;
      const postId = site.postIdOf(item);
      if (!postId || !isGuidePost(postId)) return;
      const authorId = authorOf(postId);
      if (authorId) recordInteraction(postId, authorId, action);
    },
    { capture: true },
  );

  function recordClick(postId: string, itemId: string | null, target: ClickTarget): void {
    const authorId = authorOf(postId);
    record('click', { post_id: postId, author_id: authorId, item_id: itemId, target });
    if (authorId && CLICK_THROUGH_TARGETS.has(target)) opts.onClickAuthor?.(postId, authorId);
  }

  function recordInteraction(postId: string, authorId: string, action: InteractionAction): void {
    record('interaction', { post_id: postId, author_id: authorId, item_id: null, action });
  }

  const detected = new Set<string>();
  function recordDetect(postId: string, authorId: string | null, score: number, missedRefs?: string): void {
    if (detected.has(postId)) return;
    detected.add(postId);
    const author = authorId ?? authorOf(postId);
    const base = { post_id: postId, author_id: author, item_id: null, score };
    record('detect', missedRefs ? { ...base, missed_refs: missedRefs } : base);
  }

  ctx.onInvalidated(() => {
    discover?.disconnect();
    io.disconnect();
    for (const [host, state] of hosts) removeHost(host, state);
    tracker.flushTotals();
    void outbox.flush().finally(() => outbox.dispose());
    tracker.dispose();
  });

  scan();

  return {
    pageId,
    record,
    recordClick,
    recordInteraction,
    recordDetect,
    setSite: (next) => {
      site = next;
    },
    scan,
    hostsChanged,
    flush: () => outbox.flush(),
    outbox,
    tracker,
  };
}

function clickTargetOf(path: Element[], host: Element, card: Element | null): ClickTarget {
  for (const el of path) {
    if (el === host) break;
    const declared = el.getAttribute(CLICK_ATTR);
    if (declared && (CLICK_TARGETS as readonly string[]).includes(declared)) return declared as ClickTarget;
    if (el.localName === 'a' && el.hasAttribute('href')) return 'link';
  }
  return card ? 'card' : 'other';
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
