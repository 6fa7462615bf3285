/**
 * The shopping funnel of the overview: exposures → clicks → saves → purchases. Counts come from indexed
 * `[type+ts]` counts (never a scan of the event log); this turns them into stages with conversion rates.
 * Rates are basis points (10000 = 100 %), integer, so the UI formats them and tests compare exactly.
 */
export const FUNNEL_STAGES = ['exposure', 'click', 'save', 'purchase'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type FunnelCounts = Record<FunnelStage, number>;

export interface FunnelStep {
  stage: FunnelStage;
  count: number;
  /** Conversion from the previous stage in bp; null for the first stage or when the previous stage is 0. */
  fromPrevBp: number | null;
  /** Share of the first stage in bp; null when there were no exposures. */
  fromTopBp: number | null;
}

function rateBp(n: number, d: number): number | null {
  if (d <= 0) return null;
  return Math.round((n * 10_000) / d);
}

/**
 * Negative or non-finite counts are treated as 0. Later stages can exceed earlier ones (a save from the popup has
 * no exposure; paused logging drops some events), so rates above 100 % are kept, not clamped: they are what happened.
 */
export function funnel(counts: FunnelCounts): FunnelStep[] {
  const clean = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
  const top = clean(counts.exposure);
  let prev: number | null = null;
  return FUNNEL_STAGES.map((stage) => {
    const count = clean(counts[stage]);
    const step: FunnelStep = {
      stage,
      count,
      fromPrevBp: prev === null ? null : rateBp(count, prev),
      fromTopBp: rateBp(count, top),
    };
    prev = count;
    return step;
  });
}

/** Start (inclusive) of each of the last `days` local days ending with the day of `now`, oldest first. */
export function dayStarts(now: number, days: number): number[] {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  const out: number[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(d);
    day.setDate(d.getDate() - i);
    out.push(day.getTime());
  }
  return out;
}

/** Sums `value(x)` per day bucket given `dayStarts` (oldest first); values outside the range are ignored. */
export function bucketByDay<T>(
  rows: Iterable<T>,
  starts: number[],
  ts: (x: T) => number,
  value: (x: T) => number = () => 1,
): number[] {
  const out = starts.map(() => 0);
  if (starts.length === 0) return out;
  const first = starts[0]!;
  const last = starts[starts.length - 1]!;
  const end = new Date(last);
  end.setDate(end.getDate() + 1);
  for (const r of rows) {
    const t = ts(r);
    if (t < first || t >= end.getTime()) continue;
    // Binary search would do; 30 buckets make a scan cheaper to read and just as fast.
    let i = starts.length - 1;
    while (i > 0 && t < starts[i]!) i--;
    out[i]! += value(r);
  }
  return out;
}

export interface Ranked {
  key: string;
  value: number;
}

/** Top `n` keys by summed value, ties broken by key for a stable display. */
export function topN<T>(
  rows: Iterable<T>,
  key: (x: T) => string | null,
  n: number,
  value: (x: T) => number = () => 1,
): Ranked[] {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    sums.set(k, (sums.get(k) ?? 0) + value(r));
  }
  return [...sums]
    .map(([k, v]) => ({ key: k, value: v }))
    .sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, n);
}
