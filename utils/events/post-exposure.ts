import type { ContentScriptContext } from '#imports';
import type { ReferenceToken } from '@/utils/match/references';
import type { SiteAdapter } from '@/utils/sites/types';
import { ExposureTracker, type ExposureTrackerOptions } from './exposure';
import type { EventFields } from './factory';

/**
 * Viewable exposure of guide posts themselves, with or without a card (`post_exposure`): the same MRC rule as cards
 * (utils/events/exposure.ts), applied to the post's feed item. Its own ExposureTracker, keyed by post, so card
 * exposures are untouched. Feed items are observed as elements; which post an element shows is read again at every
 * reading, because the feed recycles nodes for other posts.
 */

/** ExposureTracker keys are (post, item); a post's own exposure has no item. */
const POST_ONLY = '';
/** Readings around the viewable share, and coarser ones for posts taller than the viewport (see `viewableShare`). */
const THRESHOLDS = [0, 0.25, 0.5, 0.75, 1];

type Ctx = Pick<ContentScriptContext, 'onInvalidated' | 'addEventListener'>;

export interface PostInfo {
  authorId: string | null;
  /** Whether cards are drawn on the post now. */
  hasCard: boolean;
  references: readonly ReferenceToken[];
}

export interface PostExposureOptions {
  ctx: Ctx;
  site: Pick<SiteAdapter, 'itemSelector' | 'postIdOf'> | null;
  /** Whether the detector called the post a guide (the answer may not be in yet: false). */
  isGuide: (postId: string) => boolean;
  infoOf: (postId: string) => PostInfo;
  record: (fields: EventFields<'post_exposure'>, at: number) => void;
  doc?: Document;
  win?: Window;
  /** For tests: the tracker's clock and timers. */
  tracker?: Pick<ExposureTrackerOptions, 'now' | 'setTimer' | 'clearTimer'>;
}

export interface PostExposure {
  /** Pick up feed items now in the page and re-read which post each shows (call when guide answers arrive). */
  scan(): void;
  setSite(site: PostExposureOptions['site']): void;
  readonly tracker: ExposureTracker;
}

/**
 * The share of a post that counts as in view. A post taller than the viewport can never show half of itself, so, as
 * the MRC rule does for large ads, its share is taken of the viewport it could fill instead.
 */
export function viewableShare(
  ratio: number,
  target: { width: number; height: number },
  root: { width: number; height: number } | null,
): number {
  if (!Number.isFinite(ratio) || ratio <= 0) return 0;
  const area = target.width * target.height;
  if (!root || area <= 0) return ratio;
  const fits = Math.min(area, root.width * root.height);
  return fits > 0 ? Math.min(1, (ratio * area) / fits) : ratio;
}

/** Tokens for the event's scalar fields: `kind kind …` and `kind:value kind:value …`. */
export function referenceFields(refs: readonly ReferenceToken[]): { ref_kinds: string; ref_values: string } {
  return {
    ref_kinds: refs.map((r) => r.kind).join(' '),
    ref_values: refs.map((r) => `${r.kind}:${r.value}`).join(' '),
  };
}

export function startPostExposure(opts: PostExposureOptions): PostExposure {
  const doc = opts.doc ?? document;
  const win = opts.win ?? window;
  let site = opts.site;
  const pageActive = () => doc.visibilityState === 'visible' && doc.hasFocus();
  const tracker = new ExposureTracker({
    ...opts.tracker,
    pageActive: pageActive(),
    onExposure: ({ key, visibleMs, maxRatio, at }) => {
      const info = opts.infoOf(key.postId);
      opts.record(
        {
          post_id: key.postId,
          author_id: key.authorId ?? info.authorId,
          item_id: null,
          visible_ms: visibleMs,
          max_ratio: Math.round(maxRatio * 1000) / 1000,
          has_card: info.hasCard,
          ...referenceFields(info.references),
        },
        at,
      );
    },
  });

  /** Element → the guide post it showed at its last reading (null: none) and its last viewable share. */
  const watched = new Map<Element, { postId: string | null; share: number }>();

  const keyOf = (postId: string) => ({ postId, itemId: POST_ONLY, authorId: opts.infoOf(postId).authorId });

  /** Re-reads the post an element shows; a node now showing another post takes the old one out of view. */
  function rekey(el: Element): void {
    const w = watched.get(el);
    if (!w || !site) return;
    const id = site.postIdOf(el);
    const next = id && opts.isGuide(id) ? id : null;
    if (next === w.postId) return;
    if (w.postId) tracker.forget(keyOf(w.postId));
    w.postId = next;
    if (next && w.share > 0) tracker.observe(keyOf(next), w.share);
  }

  const io = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const w = watched.get(entry.target);
        if (!w) continue;
        w.share = entry.isIntersecting
          ? viewableShare(entry.intersectionRatio, entry.boundingClientRect, entry.rootBounds)
          : 0;
        rekey(entry.target);
        if (w.postId) tracker.observe(keyOf(w.postId), w.share);
      }
    },
    { threshold: THRESHOLDS },
  );

  function scan(): void {
    for (const [el, w] of watched) {
      if (el.isConnected) continue;
      io.unobserve(el);
      if (w.postId) tracker.forget(keyOf(w.postId));
      watched.delete(el);
    }
    if (!site) return;
    for (const el of doc.querySelectorAll(site.itemSelector)) {
      if (!watched.has(el)) {
        watched.set(el, { postId: null, share: 0 });
        io.observe(el);
      }
      rekey(el);
    }
  }

  const onActivity = () => tracker.setPageActive(pageActive());
  opts.ctx.addEventListener(doc, 'visibilitychange', onActivity);
  opts.ctx.addEventListener(win, 'focus', onActivity);
  opts.ctx.addEventListener(win, 'blur', onActivity);
  opts.ctx.addEventListener(win, 'pagehide', () => tracker.setPageActive(false));
  opts.ctx.onInvalidated(() => {
    io.disconnect();
    watched.clear();
    tracker.dispose();
  });

  return {
    scan,
    setSite(next) {
      site = next;
      scan();
    },
    tracker,
  };
}
