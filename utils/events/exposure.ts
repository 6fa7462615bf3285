/**
 * Viewable-exposure rule (MRC display standard, stricter on focus):
 * a card is exposed once ≥ 50 % of its pixels have been in the viewport for ≥ 1 continuous second while the tab is
 * visible AND the window focused. Pure: no DOM, clock and timers injected, so fake timers can drive it.
 *
 * Choices worth knowing when reading the data:
 * - "Continuous" is measured in active time. Hiding the tab or blurring the window pauses the run; it resumes when the
 *   page is active again, provided the card never dropped below 50 % in between. Dropping below 50 % resets the run.
 * - One exposure per (postId, itemId) per tracker, i.e. per page view. Keys never refer to DOM nodes: the Weibo feed
 *   recycles nodes for other posts, and a post that scrolls back into view is not exposed twice.
 * - Viewable time (≥ 50 % in view, page active) accumulates over the whole page view. The exposure event carries the
 *   total at the moment the rule was met; `flushTotals()` (called when the page goes hidden) reports running totals
 *   as `view_time` records, only for cards whose total grew since the last report.
 */

export interface ExposureKey {
  postId: string;
  itemId: string;
  authorId: string | null;
}

export interface ExposureReport {
  key: ExposureKey;
  /** Cumulative viewable ms in this page view. */
  visibleMs: number;
  /** Largest intersection ratio seen while the page was active. */
  maxRatio: number;
  /** Clock time of the report. */
  at: number;
}

export interface ViewTimeReport extends ExposureReport {
  exposed: boolean;
}

type TimerHandle = ReturnType<typeof setTimeout>;

export interface ExposureTrackerOptions {
  onExposure: (report: ExposureReport) => void;
  onViewTime?: (report: ViewTimeReport) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  /** Defaults follow the MRC display rule. */
  minRatio?: number;
  minMs?: number;
  /** Whether the page starts visible and focused. */
  pageActive?: boolean;
}

interface CardState {
  key: ExposureKey;
  ratio: number;
  maxRatio: number;
  exposed: boolean;
  /** Active in-view ms of the current continuous run, excluding the open segment. */
  runMs: number;
  /** Start of the open active in-view segment, or null. */
  segmentStart: number | null;
  /** Cumulative viewable ms, excluding the open segment. */
  totalMs: number;
  reportedMs: number;
  timer: TimerHandle | null;
}

/** The MRC display rule's share of a card that must be in the viewport. */
export const VIEWABLE_RATIO = 0.5;

export const exposureKeyId = (postId: string, itemId: string): string => `${postId}\u0000${itemId}`;

export class ExposureTracker {
  private readonly cards = new Map<string, CardState>();
  private active: boolean;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;
  private readonly minRatio: number;
  private readonly minMs: number;

  constructor(private readonly opts: ExposureTrackerOptions) {
    this.now = opts.now ?? (() => Date.now());
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h));
    this.minRatio = opts.minRatio ?? VIEWABLE_RATIO;
    this.minMs = opts.minMs ?? 1000;
    this.active = opts.pageActive ?? true;
  }

  /** Feed one IntersectionObserver reading for the card currently showing `key`. */
  observe(key: ExposureKey, ratio: number): void {
    const id = exposureKeyId(key.postId, key.itemId);
    let card = this.cards.get(id);
    if (!card) {
      card = {
        key,
        ratio: 0,
        maxRatio: 0,
        exposed: false,
        runMs: 0,
        segmentStart: null,
        totalMs: 0,
        reportedMs: 0,
        timer: null,
      };
      this.cards.set(id, card);
    } else if (key.authorId && !card.key.authorId) {
      card.key = key;
    }
    const wasInView = card.ratio >= this.minRatio;
    card.ratio = Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;
    const inView = card.ratio >= this.minRatio;
    if (this.active) card.maxRatio = Math.max(card.maxRatio, card.ratio);

    if (wasInView && !inView) {
      this.closeSegment(card);
      // Leaving view breaks continuity; pausing (page inactive) does not.
      card.runMs = 0;
    } else if (!wasInView && inView && this.active) {
      this.openSegment(card);
    }
  }

  /** `document.visibilityState === 'visible' && document.hasFocus()`. */
  setPageActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    for (const card of this.cards.values()) {
      if (card.ratio < this.minRatio) continue;
      if (active) {
        card.maxRatio = Math.max(card.maxRatio, card.ratio);
        this.openSegment(card);
      } else {
        this.closeSegment(card);
      }
    }
  }

  /** The card for `key` is no longer on screen (its node was recycled or removed). Its exposure is remembered. */
  forget(key: ExposureKey): void {
    const card = this.cards.get(exposureKeyId(key.postId, key.itemId));
    if (!card) return;
    this.closeSegment(card);
    card.runMs = 0;
    card.ratio = 0;
  }

  /** Report running totals for cards whose viewable time grew since the last report. */
  flushTotals(): void {
    const at = this.now();
    for (const card of this.cards.values()) {
      const total = this.totalOf(card, at);
      if (total <= card.reportedMs) continue;
      card.reportedMs = total;
      this.opts.onViewTime?.({ key: card.key, visibleMs: total, maxRatio: card.maxRatio, exposed: card.exposed, at });
    }
  }

  isExposed(postId: string, itemId: string): boolean {
    return this.cards.get(exposureKeyId(postId, itemId))?.exposed ?? false;
  }

  visibleMs(postId: string, itemId: string): number {
    const card = this.cards.get(exposureKeyId(postId, itemId));
    return card ? this.totalOf(card, this.now()) : 0;
  }

  dispose(): void {
    for (const card of this.cards.values()) if (card.timer !== null) this.clearTimer(card.timer);
    this.cards.clear();
  }

  private totalOf(card: CardState, at: number): number {
    return card.totalMs + (card.segmentStart === null ? 0 : Math.max(0, at - card.segmentStart));
  }

  private openSegment(card: CardState): void {
    if (card.segmentStart !== null) return;
    card.segmentStart = this.now();
    if (!card.exposed) this.arm(card, this.minMs - card.runMs);
  }

  private closeSegment(card: CardState): void {
    if (card.timer !== null) {
      this.clearTimer(card.timer);
      card.timer = null;
    }
    if (card.segmentStart === null) return;
    const elapsed = Math.max(0, this.now() - card.segmentStart);
    card.segmentStart = null;
    card.runMs += elapsed;
    card.totalMs += elapsed;
  }

  private arm(card: CardState, ms: number): void {
    if (card.timer !== null) this.clearTimer(card.timer);
    card.timer = this.setTimer(() => this.check(card), Math.max(0, ms));
  }

  private check(card: CardState): void {
    card.timer = null;
    if (card.exposed || card.segmentStart === null) return;
    const at = this.now();
    const run = card.runMs + (at - card.segmentStart);
    // Timers can fire early relative to an injected clock; re-arm rather than count a short run.
    if (run < this.minMs) {
      this.arm(card, this.minMs - run);
      return;
    }
    card.exposed = true;
    this.opts.onExposure({ key: card.key, visibleMs: this.totalOf(card, at), maxRatio: card.maxRatio, at });
  }
}
