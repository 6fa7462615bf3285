/** The detection threshold's bounds, shared by the popup's slider and the worker, which clamps what it stores. */
export const DEFAULT_THRESHOLD = 3;
export const THRESHOLD_MIN = 1;
export const THRESHOLD_MAX = 6;

/** A stored or sent threshold as the worker applies it: a whole number in bounds, the default for anything else. */
export function clampThreshold(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_THRESHOLD;
  return Math.min(THRESHOLD_MAX, Math.max(THRESHOLD_MIN, Math.round(value)));
}
