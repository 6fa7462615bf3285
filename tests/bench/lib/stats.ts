/** Small numeric helpers shared by the benchmark scripts. */

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least q of the samples at or below it.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function mean(values: readonly number[]): number {
  return values.length ? sum(values) / values.length : Number.NaN;
}

/** Rounds for JSON output so the file stays readable. */
export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Least squares for y ≈ c + a·x1 + b·x2 (normal equations, 3×3, Cramer's rule). Returns null when the design is
 * singular (e.g. every window saw the same mix of posts).
 */
export function fit2(
  rows: readonly { y: number; x1: number; x2: number }[],
): { c: number; a: number; b: number } | null {
  let n = 0;
  let s1 = 0;
  let s2 = 0;
  let s11 = 0;
  let s22 = 0;
  let s12 = 0;
  let sy = 0;
  let s1y = 0;
  let s2y = 0;
  for (const { y, x1, x2 } of rows) {
    n++;
    s1 += x1;
    s2 += x2;
    s11 += x1 * x1;
    s22 += x2 * x2;
    s12 += x1 * x2;
    sy += y;
    s1y += x1 * y;
    s2y += x2 * y;
  }
  const det3 = (m: number[][]) =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
    m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
    m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const A = [
    [n, s1, s2],
    [s1, s11, s12],
    [s2, s12, s22],
  ];
  const rhs = [sy, s1y, s2y];
  const d = det3(A);
  if (Math.abs(d) < 1e-9) return null;
  const col = (k: number) => A.map((row, i) => row.map((v, j) => (j === k ? rhs[i]! : v)));
  return { c: det3(col(0)) / d, a: det3(col(1)) / d, b: det3(col(2)) / d };
}
