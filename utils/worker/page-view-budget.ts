/**
 * How many events one page view may log: a burst, then a steady rate, measured on the worker's clock from the page
 * view's first event. A person reading a feed produces a few events a second (an exposure per card, a click, a view
 * time on leaving); a page that floods the log with made-up events is cut off at the budget, and what is over it is
 * refused and counted instead of filling the disk (issue 25). Kept in memory: a restarted worker starts afresh, which
 * only ever allows more.
 */
export const PAGE_VIEW_BURST = 1_000;
export const PAGE_VIEW_EVENTS_PER_SECOND = 10;
/** Page views remembered at once; the least recently seen are forgotten first. */
const MAX_PAGE_VIEWS = 2_000;

interface Spent {
  first: number;
  used: number;
}

export class PageViewBudget {
  private readonly views = new Map<string, Spent>();

  constructor(
    private readonly burst = PAGE_VIEW_BURST,
    private readonly perSecond = PAGE_VIEW_EVENTS_PER_SECOND,
  ) {}

  /** Spends the budget for `events` in order; returns how many of them (a prefix) are allowed. */
  take(events: readonly { page_id: string }[], now: number): number {
    for (let i = 0; i < events.length; i++) {
      const pageId = (events[i] as { page_id: string }).page_id;
      let spent = this.views.get(pageId);
      if (spent) {
        this.views.delete(pageId);
      } else {
        spent = { first: now, used: 0 };
        if (this.views.size >= MAX_PAGE_VIEWS) {
          const oldest = this.views.keys().next().value;
          if (oldest !== undefined) this.views.delete(oldest);
        }
      }
      this.views.set(pageId, spent);
      const allowance = this.burst + (Math.max(0, now - spent.first) / 1000) * this.perSecond;
      if (spent.used + 1 > allowance) return i;
      spent.used++;
    }
    return events.length;
  }
}
