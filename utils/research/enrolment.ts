import { protectedItem } from '@/utils/db/protected-item';
import type { Enrolment } from './config';

/**
 * In the extension's IndexedDB, where content scripts cannot write (a page could otherwise plant an enrolment or read
 * the participant id); "delete all" and leaving the study wipe the participant id with the data.
 */
export const enrolmentItem = protectedItem<Enrolment | null>('researchEnrolment', null);

/**
 * When the last enrolment ended and whether its data went with it. No participant id: it outlives the enrolment.
 * A batch the worker tagged just before the participant left may land after the leave's deletion; the worker reads
 * this after such a write to settle those rows (utils/background/research.ts `settleLeftStudy`).
 */
export interface LeftStudy {
  left_at: number;
  deleted: boolean;
}

export const leftStudyItem = protectedItem<LeftStudy | null>('researchLeft', null);

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
