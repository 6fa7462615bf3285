import type { ContentScriptContext } from '#imports';
import { throttledValidity } from '@/utils/feed/validity';
import { HOST_TAG } from '@/utils/feed/watcher';
import type { LogEventsResult } from '@/utils/messaging';
import { CLICK_THROUGH_TARGETS } from '@/utils/metrics/clicks';
import type { SiteAdapter } from '@/utils/sites/types';
import { CLICK_TARGETS, INTERACTION_ACTIONS } from './constants';
import { type ExposureKey, ExposureTracker, exposureKeyId, VIEWABLE_RATIO } from './exposure';
import { createEventFactory, type EventFields } from './factory';
import { Outbox, type OutboxReport } from './outbox';
import type { ClickTarget, InteractionAction, ZcEvent, ZcEventType } from './schema';

/**
 * Content-script glue: the overlay's card elements (told by its renderer) → IntersectionObserver → ExposureTracker;
 * page visibility/focus → tracker; card actions the overlay let through, and clicks on guide posts' own action bars →
 * events; every event → Outbox → background. No Zod here (bundle size): the background validates.
 *
 * Which post and item an element shows is only ever what the renderer said when it drew it: nothing in the page's DOM
 * (a host's attributes, elements put into a host) creates, re-keys or multiplies an event.
 */

/** Overlay controls say what they are with `data-zc-click="buy"` etc. (inside our closed roots); see CLICK_TARGETS. */
const CLICK_ATTR = 'data-zc-click';

type Ctx = Pick<ContentScriptContext, 'isInvalid' | 'onInvalidated' | 'addEventListener'>;

export interface FeedTrackingOptions {
  ctx: Ctx;
  send: (events: ZcEvent[], report: OutboxReport) => Promise<LogEventsResult>;
  extVersion: string;
  /** The site adapter, for finding a post's action bar; null on pages without a feed. */
  site: Pick<SiteAdapter, 'itemSelector' | 'postIdOf' | 'actionSelectors' | 'extract'> | null;
  /** Author uid of a post, if the feed already knows it. */
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
  /** The renderer drew `el` as the card of `itemId` on `postId` (observed for exposure), or took it out (null). */
  card(postId: string, itemId: string, el: Element | null): void;
  /** A card action the overlay's gate let through: logged as a click, its item and target read from our own path. */
  cardClick(postId: string, path: readonly EventTarget[]): void;
  flush(): Promise<void>;
  readonly outbox: Outbox<ZcEvent>;
  readonly tracker: ExposureTracker;
}

interface Card {
  key: ExposureKey;
  ratio: number;
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

  const authorOf = (postId: string): string | null => opts.authorOf?.(postId) ?? null;

  const isGuidePost = (postId: string) => opts.isGuidePost?.(postId) ?? postsWithCards.has(postId);

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

  // --- exposure: which element shows which (post, item), as the renderer said ---
  const cards = new Map<Element, Card>();
  /** Each drawn (post, item)'s element, so the renderer's "gone" (null) finds it. */
  const elementOf = new Map<string, Element>();
  /** Post id → how many of its cards are drawn now. */
  const postsWithCards = new Map<string, number>();

  const io = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const c = cards.get(entry.target);
        if (!c) continue;
        c.ratio = entry.isIntersecting ? entry.intersectionRatio : 0;
        tracker.observe(c.key, c.ratio);
      }
    },
    // Readings are needed only where a card crosses the viewable share (its run starts or breaks) and where it is
    // whole in view (its largest share): time and exposures count only at VIEWABLE_RATIO or above.
    { threshold: [VIEWABLE_RATIO, 1] },
  );

  function forgetCard(el: Element): void {
    const c = cards.get(el);
    if (!c) return;
    io.unobserve(el);
    tracker.forget(c.key);
    cards.delete(el);
    elementOf.delete(exposureKeyId(c.key.postId, c.key.itemId));
    const n = (postsWithCards.get(c.key.postId) ?? 1) - 1;
    if (n > 0) postsWithCards.set(c.key.postId, n);
    else postsWithCards.delete(c.key.postId);
  }

  function card(postId: string, itemId: string, el: Element | null): void {
    const id = exposureKeyId(postId, itemId);
    const was = elementOf.get(id);
    if (was && was !== el) forgetCard(was);
    if (!el || !valid()) return;
    if (cards.has(el)) forgetCard(el);
    cards.set(el, { key: { postId, itemId, authorId: authorOf(postId) }, ratio: 0 });
    elementOf.set(id, el);
    postsWithCards.set(postId, (postsWithCards.get(postId) ?? 0) + 1);
    io.observe(el);
  }

  function cardClick(postId: string, path: readonly EventTarget[]): void {
    const inside: Element[] = [];
    for (const n of path) {
      if (!(n instanceof Element) || n.localName === HOST_TAG) break;
      inside.push(n);
    }
    let itemId: string | null = null;
    for (const el of inside) {
      const c = cards.get(el);
      if (c && c.key.postId === postId) {
        itemId = c.key.itemId;
        break;
      }
    }
    recordClick(postId, itemId, clickTargetOf(inside, itemId !== null));
  }

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

  // --- clicks on guide posts' own action bars (转评赞); card clicks come from the overlay's gate (`cardClick`) ---
  ctx.addEventListener(
    doc,
    'click',
    (event) => {
      if (!event.isTrusted || !site) return;
      const path = event.composedPath().filter((n): n is Element => n instanceof Element);
      if (path.some((el) => el.localName === HOST_TAG)) return;
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
      const authorId = authorOf(postId) ?? authorInPage(item);
      if (authorId) recordInteraction(postId, authorId, action);
    },
    { capture: true },
  );

  /** A post's author read from its own feed item in the page (page data either way), when the feed does not know it. */
  function authorInPage(item: Element): string | null {
    try {
      return site?.extract(item)?.author.uid || null;
    } catch {
      return null;
    }
  }

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
    io.disconnect();
    cards.clear();
    elementOf.clear();
    tracker.flushTotals();
    void outbox.flush().finally(() => outbox.dispose());
    tracker.dispose();
  });

  return {
    pageId,
    record,
    recordClick,
    recordInteraction,
    recordDetect,
    setSite: (next) => {
      site = next;
    },
    card,
    cardClick,
    flush: () => outbox.flush(),
    outbox,
    tracker,
  };
}

/** What was clicked, from the nearest control that says so on the way from the target up to the root. */
function clickTargetOf(inside: readonly Element[], onCard: boolean): ClickTarget {
  for (const el of inside) {
    const declared = el.getAttribute(CLICK_ATTR);
    if (declared && (CLICK_TARGETS as readonly string[]).includes(declared)) return declared as ClickTarget;
    if (el.localName === 'a' && el.hasAttribute('href')) return 'link';
  }
  return onCard ? 'card' : 'other';
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
