import { db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { deleteSince } from '@/utils/db/event-log';
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
 * this after such a write to settle those rows (utils/worker/research.ts `settleLeftStudy`).
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

/**
 * Leaving a study: stop tagging now; optionally delete the events tagged with it. Returns how many went. The leave is
 * recorded first (`leftStudyItem`) so a batch the worker is tagging at this moment is settled after it lands.
 */
export async function leaveStudy(
  deleteData: boolean,
  db: ZhongcaoDB = sharedDb,
  now: number = Date.now(),
): Promise<number> {
  const enrolment = await endEnrolment(deleteData, now);
  if (!enrolment || !deleteData) return 0;
  const { study_id } = enrolment.study;
  // Tagged events still staged would otherwise land in the log after the deletion: the log drains them first.
  return deleteSince(
    db,
    enrolment.enrolled_at,
    (e) => e.study_id === study_id && e.participant_id === enrolment.participant_id,
  );
}
