/** The detection threshold's bounds, shared by the popup's slider and the worker, which clamps what it stores. */
export const DEFAULT_THRESHOLD = 3;
export const THRESHOLD_MIN = 1;
export const THRESHOLD_MAX = 6;

/** The slider's step. */
export const THRESHOLD_STEP = 0.5;

/** A stored or sent threshold as the worker applies it: in bounds on the slider's steps, the default for junk. */
export function clampThreshold(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_THRESHOLD;
  const stepped = Math.round(value / THRESHOLD_STEP) * THRESHOLD_STEP;
  return Math.min(THRESHOLD_MAX, Math.max(THRESHOLD_MIN, stepped));
}
