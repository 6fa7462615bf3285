import { describe, expect, it } from 'vitest';
import { bucketByDay, dayStarts, funnel, topN } from '@/utils/metrics/funnel';

describe('funnel: exposures → clicks → saves → purchases', () => {
  it('gives each stage its count, conversion from the previous stage and from the top, in basis points', () => {
    const steps = funnel({ exposure: 1000, click: 120, save: 30, purchase: 9 });
    expect(steps.map((s) => s.stage)).toEqual(['exposure', 'click', 'save', 'purchase']);
    expect(steps.map((s) => s.count)).toEqual([1000, 120, 30, 9]);
    expect(steps.map((s) => s.fromPrevBp)).toEqual([null, 1200, 2500, 3000]);
    expect(steps.map((s) => s.fromTopBp)).toEqual([10000, 1200, 300, 90]);
  });

  it('has no rates (not NaN or Infinity) when a stage is empty', () => {
    const steps = funnel({ exposure: 0, click: 0, save: 2, purchase: 1 });
    expect(steps.map((s) => s.fromTopBp)).toEqual([null, null, null, null]);
    expect(steps[2]!.fromPrevBp).toBeNull();
    expect(steps[3]!.fromPrevBp).toBe(5000);
  });

  it('treats negative and non-finite counts as zero', () => {
    const steps = funnel({ exposure: -5, click: Number.NaN, save: Number.POSITIVE_INFINITY, purchase: 2.7 });
    expect(steps.map((s) => s.count)).toEqual([0, 0, 0, 2]);
  });
});

describe('day buckets for the 7 / 30 day charts', () => {
  const now = new Date(2025, 5, 20, 15, 30).getTime();
  it('starts each bucket at local midnight, oldest first, ending today', () => {
    const s = dayStarts(now, 7);
    expect(s).toHaveLength(7);
    expect(s[6]).toBe(new Date(2025, 5, 20).getTime());
    expect(s[0]).toBe(new Date(2025, 5, 14).getTime());
  });

  it('sums values into their day and drops rows outside the range', () => {
    const s = dayStarts(now, 3);
    const rows = [
      { ts: new Date(2025, 5, 18, 0, 0).getTime(), v: 5 },
      { ts: new Date(2025, 5, 18, 23, 59).getTime(), v: 1 },
      { ts: new Date(2025, 5, 20, 9).getTime(), v: 7 },
      { ts: new Date(2025, 5, 17, 23, 59).getTime(), v: 100 },
      { ts: new Date(2025, 5, 21, 0, 0).getTime(), v: 100 },
    ];
    expect(
      bucketByDay(
        rows,
        s,
        (r) => r.ts,
        (r) => r.v,
      ),
    ).toEqual([6, 0, 7]);
  });

  it('ranks the top keys by summed value, skipping rows without a key', () => {
    const rows = [
      { k: 'b', v: 2 },
      { k: 'a', v: 2 },
      { k: 'c', v: 5 },
      { k: null, v: 99 },
    ];
    expect(
      topN(
        rows,
        (r) => r.k,
        2,
        (r) => r.v,
      ),
    ).toEqual([
      { key: 'c', value: 5 },
      { key: 'a', value: 2 },
    ]);
  });
});
