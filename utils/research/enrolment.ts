import { storage } from '#imports';
import type { Enrolment } from './config';

/** `storage.local`, so "delete all" and leaving the study can wipe the participant id with the data. */
export const enrolmentItem = storage.defineItem<Enrolment | null>('local:researchEnrolment', { fallback: null });

/**
 * When the last enrolment ended and whether its data went with it. No participant id: it outlives the enrolment.
 * A batch the worker tagged just before the participant left may land after the leave's deletion; the worker reads
 * this after such a write to settle those rows (utils/background/research.ts `settleLeftStudy`).
 */
export interface LeftStudy {
  left_at: number;
  deleted: boolean;
}

export const leftStudyItem = storage.defineItem<LeftStudy | null>('local:researchLeft', { fallback: null });

/**
 * Ends the enrolment (leaving the study, or "delete all"): the leave is recorded before the enrolment goes, so a batch
 * the worker tagged a moment ago finds the record when it lands. Returns the enrolment that ended, or null.
 */
export async function endEnrolment(deleted: boolean, now: number): Promise<Enrolment | null> {
  const enrolment = await enrolmentItem.getValue();
  if (enrolment) await leftStudyItem.setValue({ left_at: now, deleted });
  await enrolmentItem.removeValue();
  return enrolment;
}
