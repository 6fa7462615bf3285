import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ExposureReport, ExposureTracker, type ViewTimeReport } from '@/utils/events/exposure';

const cardA = { postId: 'P1', itemId: '111111', authorId: 'U1' };
const cardB = { postId: 'P2', itemId: '222222', authorId: 'U2' };

function setup(pageActive = true) {
  const exposures: ExposureReport[] = [];
  const totals: ViewTimeReport[] = [];
  const tracker = new ExposureTracker({
    onExposure: (r) => exposures.push(r),
    onViewTime: (r) => totals.push(r),
    pageActive,
  });
  return { tracker, exposures, totals };
}

describe('exposure rule: ≥ 50 % in view for ≥ 1 continuous second while the page is active', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('a card in view 0.9 s and then scrolled out is not exposed', () => {
    const { tracker, exposures } = setup();
    tracker.observe(cardA, 1);
    vi.advanceTimersByTime(900);
    tracker.observe(cardA, 0.2);
    vi.advanceTimersByTime(5_000);
    expect(exposures).toHaveLength(0);
  });

  it('a card in view 1.1 s is exposed exactly once, with its viewable time', () => {
    const { tracker, exposures } = setup();
    tracker.observe(cardA, 0.6);
    tracker.observe(cardA, 1);
    vi.advanceTimersByTime(1_100);
    vi.advanceTimersByTime(10_000);
    expect(exposures).toHaveLength(1);
    expect(exposures[0]!.key).toEqual(cardA);
    expect(exposures[0]!.visibleMs).toBe(1_000);
    expect(exposures[0]!.maxRatio).toBe(1);
  });

  it('exactly half the pixels counts; just under half does not', () => {
    const { tracker, exposures } = setup();
    tracker.observe(cardA, 0.5);
    tracker.observe(cardB, 0.49);
    vi.advanceTimersByTime(2_000);
    expect(exposures.map((e) => e.key.postId)).toEqual(['P1']);
  });

  it('a hidden tab pauses the clock: time while hidden never counts', () => {
    const { tracker, exposures } = setup();
    tracker.observe(cardA, 1);
    vi.advanceTimersByTime(600);
    tracker.setPageActive(false);
    vi.advanceTimersByTime(60_000);
    expect(exposures).toHaveLength(0);
    tracker.setPageActive(true);
    vi.advanceTimersByTime(300);
    expect(exposures).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(exposures).toHaveLength(1);
    expect(exposures[0]!.visibleMs).toBe(1_000);
  });

  it('a card that comes into view while the tab is hidden is not exposed until the tab is shown', () => {
    const { tracker, exposures } = setup(false);
    tracker.observe(cardA, 1);
    vi.advanceTimersByTime(5_000);
    expect(exposures).toHaveLength(0);
    tracker.setPageActive(true);
    vi.advanceTimersByTime(1_000);
    expect(exposures).toHaveLength(1);
  });

  it('a fast scroll past many cards exposes none of them', () => {
    const { tracker, exposures } = setup();
    for (let i = 0; i < 20; i++) {
      const key = { postId: `P${i}`, itemId: `${100000 + i}`, authorId: 'U' };
      tracker.observe(key, 0.3);
      vi.advanceTimersByTime(50);
      tracker.observe(key, 1);
      vi.advanceTimersByTime(150);
      tracker.observe(key, 0.4);
      tracker.observe(key, 0);
    }
    vi.advanceTimersByTime(10_000);
    expect(exposures).toHaveLength(0);
  });

  it('two callbacks for the same card (and a second look later) give one exposure', () => {
    const { tracker, exposures } = setup();
    tracker.observe(cardA, 0.8);
    tracker.observe(cardA, 0.9);
    vi.advanceTimersByTime(1_500);
    tracker.observe(cardA, 0);
    tracker.observe(cardA, 1);
    vi.advanceTimersByTime(3_000);
    expect(exposures).toHaveLength(1);
    // Viewable time keeps accumulating after the exposure.
    expect(tracker.visibleMs(cardA.postId, cardA.itemId)).toBe(4_500);
  });

  it('a recycled node that now shows another post gives that post its own exposure', () => {
    const { tracker, exposures } = setup();
    tracker.observe(cardA, 1);
    vi.advanceTimersByTime(1_200);
    // The same DOM node is reused by the virtual scroller for post P2.
    tracker.forget(cardA);
    tracker.observe(cardB, 1);
    vi.advanceTimersByTime(400);
    expect(exposures.map((e) => e.key.postId)).toEqual(['P1']);
    vi.advanceTimersByTime(700);
    expect(exposures.map((e) => e.key.postId)).toEqual(['P1', 'P2']);
  });

  it('a recycled node that is re-keyed before 1 s exposes neither post early', () => {
    const { tracker, exposures } = setup();
    tracker.observe(cardA, 1);
    vi.advanceTimersByTime(700);
    tracker.forget(cardA);
    tracker.observe(cardB, 1);
    vi.advanceTimersByTime(700);
    expect(exposures).toHaveLength(0);
    vi.advanceTimersByTime(300);
    expect(exposures.map((e) => e.key.postId)).toEqual(['P2']);
  });

  it('reports cumulative viewable time when the page goes hidden, only when it grew', () => {
    const { tracker, totals } = setup();
    tracker.observe(cardA, 1);
    vi.advanceTimersByTime(2_500);
    tracker.observe(cardB, 0.7);
    vi.advanceTimersByTime(400);
    tracker.setPageActive(false);
    tracker.flushTotals();
    expect(totals.map((t) => [t.key.postId, t.visibleMs, t.exposed])).toEqual([
      ['P1', 2_900, true],
      ['P2', 400, false],
    ]);
    tracker.flushTotals();
    expect(totals).toHaveLength(2);
  });
});
