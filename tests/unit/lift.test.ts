import { describe, expect, it } from 'vitest';
import { depthGroups } from '@/utils/metrics/conversion';
import { katzRatio, liftTable, wilson } from '@/utils/metrics/lift';

const close = (got: { lo: number; hi: number } | null, lo: number, hi: number) => {
  expect(got).not.toBeNull();
  expect(got!.lo).toBeCloseTo(lo, 4);
  expect(got!.hi).toBeCloseTo(hi, 4);
};

describe('Wilson score interval, against published values', () => {
  it('matches Newcombe (1998), table I: 81/263 and 15/148', () => {
    close(wilson(81, 263), 0.2553, 0.3662);
    close(wilson(15, 148), 0.0624, 0.1605);
  });

  it('stays inside [0, 1] at the edges and is symmetric about one half', () => {
    close(wilson(0, 10), 0, 0.2775);
    close(wilson(10, 10), 0.7225, 1);
    close(wilson(5, 10), 0.2366, 0.7634);
  });

  it('has no interval without trials, or for impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(3, 2)).toBeNull();
  });
});

describe('Katz log interval for a ratio of proportions', () => {
  it('10/50 against 5/100: lift 4, 95 % interval 1.445–11.075', () => {
    close(katzRatio(10, 50, 5, 100), 1.4447, 11.0753);
  });

  it('has none when either group bought nothing (the log of 0)', () => {
    expect(katzRatio(0, 50, 5, 100)).toBeNull();
    expect(katzRatio(10, 50, 0, 100)).toBeNull();
  });
});

describe('the lift table', () => {
  /** 60 liked posts of which 12 bought; 200 only seen of which 10 bought. */
  function groups() {
    const exposed = new Set<string>();
    const interactions = new Map<string, Set<string>>();
    const bought = new Set<string>();
    for (let i = 0; i < 60; i++) {
      interactions.set(`L${i}`, new Set(['like']));
      if (i < 12) bought.add(`L${i}`);
    }
    for (let i = 0; i < 4; i++) interactions.set(`R${i}`, new Set(['repost']));
    for (let i = 0; i < 200; i++) {
      exposed.add(`S${i}`);
      if (i < 10) bought.add(`S${i}`);
    }
    return depthGroups(exposed, interactions, bought);
  }

  it('gives counts, rates, intervals and the lift over only-seen', () => {
    const rows = liftTable(groups());
    const like = rows.find((r) => r.key === 'like')!;
    expect(like).toMatchObject({ n: 60, converted: 12, rate: 0.2, small: false, liftSmall: false });
    expect(like.lift).toBeCloseTo(4, 10);
    close(like.rateCi, ...(Object.values(wilson(12, 60)!) as [number, number]));
    close(like.liftCi, ...(Object.values(katzRatio(12, 60, 10, 200)!) as [number, number]));
    const seen = rows.find((r) => r.key === 'seen-only')!;
    expect(seen).toMatchObject({ n: 200, converted: 10, rate: 0.05, lift: 1, liftCi: null });
  });

  it('marks cells too small to read: n under 30, or an expected count under 5', () => {
    const rows = liftTable(groups());
    // 4 reposts: n < 30.
    expect(rows.find((r) => r.key === 'repost')).toMatchObject({ n: 4, small: true, liftSmall: true });
    // No comments at all: no rate, no lift, small.
    expect(rows.find((r) => r.key === 'comment')).toMatchObject({ n: 0, rate: null, lift: null, small: true });
    // 64 posts with any interaction at the pooled rate 22/264: 5.33 expected purchases, readable.
    const any = rows.find((r) => r.key === 'any')!;
    expect(any.expected).toBeCloseTo((64 * 22) / 264, 10);
    expect(any.small).toBe(false);
    // 40 posts at that rate would expect 3.3: too small although n ≥ 30.
    const forty = liftTable([
      { key: 'like', n: 40, converted: 8, rateBp: null, small: false },
      { key: 'any', n: 40, converted: 8, rateBp: null, small: false },
      { key: 'seen-only', n: 200, converted: 12, rateBp: null, small: false },
    ]);
    expect(forty[0]).toMatchObject({ small: true, liftSmall: true });
    expect(forty[2]).toMatchObject({ small: false });
  });
});
