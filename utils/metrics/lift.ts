import type { DepthGroup, DepthGroupKey } from './conversion';

/**
 * The interaction-depth table with its uncertainty: per group (liked / reposted / commented / any / only seen) the
 * purchase rate with a 95 % Wilson score interval, and the lift over the only-seen group (ratio of the two rates)
 * with a Katz log interval. Statistics are proportions (0–1) and ratios as floats: they are estimates, compared with
 * a tolerance, not amounts to add up. docs/duckdb/depth.sql computes the same numbers over merged exports.
 */

/** Two-sided 95 %: the standard normal's 0.975 quantile. */
export const Z95 = 1.959963984540054;
/** Below this many posts a group's rate is too noisy to read. */
export const MIN_N = 30;
/** The chi-square rule of thumb: an expected count under 5 (converted or not, at the pooled rate) is too small. */
export const MIN_EXPECTED = 5;

export interface Interval {
  lo: number;
  hi: number;
}

/** Wilson score interval for k successes in n trials; null when n is 0. */
export function wilson(k: number, n: number, z = Z95): Interval | null {
  if (!(n > 0) || k < 0 || k > n) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, center - half), hi: Math.min(1, center + half) };
}

/**
 * Katz log interval for the ratio of two proportions (k1/n1) / (k0/n0). Undefined (null) when either group has no
 * successes: the log of a zero rate has no standard error.
 */
export function katzRatio(k1: number, n1: number, k0: number, n0: number, z = Z95): Interval | null {
  if (!(n1 > 0 && n0 > 0 && k1 > 0 && k0 > 0)) return null;
  const ratio = k1 / n1 / (k0 / n0);
  const se = Math.sqrt(1 / k1 - 1 / n1 + 1 / k0 - 1 / n0);
  return { lo: ratio * Math.exp(-z * se), hi: ratio * Math.exp(z * se) };
}

export interface LiftRow {
  key: DepthGroupKey;
  n: number;
  converted: number;
  /** converted / n; null when n is 0. */
  rate: number | null;
  rateCi: Interval | null;
  /** rate / the only-seen rate; null when either is undefined or the only-seen rate is 0. 1 on the only-seen row. */
  lift: number | null;
  liftCi: Interval | null;
  /** Expected purchases in the group at the pooled rate of all posts seen. */
  expected: number;
  /** n < MIN_N, or an expected count (converted or not) below MIN_EXPECTED: shown, but not to be read. */
  small: boolean;
  /** The lift compares two groups; it is too small to read when either one is. */
  liftSmall: boolean;
}

function isSmall(n: number, pooled: number | null): boolean {
  if (n < MIN_N || pooled === null) return true;
  return Math.min(n * pooled, n * (1 - pooled)) < MIN_EXPECTED;
}

/**
 * From the depth groups (`depthGroups`, where `any` and `seen-only` partition the posts seen) to the lift table.
 * The pooled rate is that of every post seen.
 */
export function liftTable(groups: readonly DepthGroup[]): LiftRow[] {
  const by = new Map(groups.map((g) => [g.key, g]));
  const any = by.get('any');
  const base = by.get('seen-only');
  const allN = (any?.n ?? 0) + (base?.n ?? 0);
  const pooled = allN > 0 ? ((any?.converted ?? 0) + (base?.converted ?? 0)) / allN : null;
  const baseRate = base && base.n > 0 ? base.converted / base.n : null;
  const baseSmall = isSmall(base?.n ?? 0, pooled);
  return groups.map((g) => {
    const rate = g.n > 0 ? g.converted / g.n : null;
    const small = isSmall(g.n, pooled);
    const isBase = g.key === 'seen-only';
    const lift = isBase ? (baseRate === null ? null : 1) : rate !== null && baseRate ? rate / baseRate : null;
    return {
      key: g.key,
      n: g.n,
      converted: g.converted,
      rate,
      rateCi: wilson(g.converted, g.n),
      lift,
      liftCi: isBase || !base ? null : katzRatio(g.converted, g.n, base.converted, base.n),
      expected: pooled === null ? 0 : g.n * pooled,
      small,
      liftSmall: isBase ? baseSmall : small || baseSmall,
    };
  });
}
