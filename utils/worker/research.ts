import { storage } from '#imports';
import { db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { deleteEvents, deleteOlderThan, untagEvents } from '@/utils/db/event-log';
import { purgeOlderThan } from '@/utils/db/maintenance';
import { retentionDaysItem } from '@/utils/db/protected-item';
import type { ZcEvent } from '@/utils/events/schema';
import type { Enrolment } from '@/utils/research/config';
import { enrolmentItem, type LeftStudy, leftStudyItem } from '@/utils/research/enrolment';

/** The participant's enrolment, or null. Read per batch: storage.local is cheap and a cache could outlive "leave". */
export function readEnrolment(): Promise<Enrolment | null> {
  return enrolmentItem.getValue();
}

/**
 * Study tags are the background's to give: whatever a sender wrote into study fields is dropped, and only events
 * that happened at or after consent get the current study's tags (an outbox can deliver older events late).
 */
export function stampStudy(events: readonly ZcEvent[], enrolment: Enrolment | null): ZcEvent[] {
  return events.map((e) => {
    const { study_id: _s, participant_id: _p, consent_version: _c, ...rest } = e;
    if (!enrolment || e.ts < enrolment.enrolled_at) return rest as ZcEvent;
    return {
      ...rest,
      study_id: enrolment.study.study_id,
      participant_id: enrolment.participant_id,
      consent_version: enrolment.study.consent.version,
    } as ZcEvent;
  });
}

/** How often the retention purge runs at most. */
export const RETENTION_PERIOD_MS = 6 * 60 * 60 * 1000;
/** When the last retention purge ran (epoch ms). */
const lastPurgeItem = storage.defineItem<number>('local:lastRetentionPurge', { fallback: 0 });

const DAY_MS = 86_400_000;

/** The user's retention as the worker applies it: whole days, at least one (a stored 0 would wipe the log). */
export function clampRetention(days: unknown): number {
  if (typeof days !== 'number' || !Number.isFinite(days)) return 180;
  return Math.min(3650, Math.max(1, Math.floor(days)));
}

/**
 * The user's retention for every event, and the study's for the study's own rows only, where it is shorter: a study
 * may shorten how long its data is kept, never lengthen it, and never touches what is not its data.
 */
export async function runRetentionPurge(db: ZhongcaoDB = sharedDb, now: number = Date.now()): Promise<number> {
  const [raw, enrolment] = await Promise.all([retentionDaysItem.getValue(), readEnrolment()]);
  const days = clampRetention(raw);
  let purged = await purgeOlderThan(days, db, now);
  const studyDays = enrolment ? clampRetention(enrolment.study.retention_days) : days;
  if (enrolment && studyDays < days) {
    const cutoff = now - studyDays * DAY_MS;
    const theirs = (e: ZcEvent) =>
      e.study_id === enrolment.study.study_id && e.participant_id === enrolment.participant_id;
    purged += await deleteOlderThan(db, cutoff, (e) => !theirs(e));
  }
  return purged;
}

/**
 * The retention purge's schedule. The issue suggests the alarms API, but that needs the `alarms` permission, and
 * the manifest's permission set is a contract (storage only). Events are only written while the worker is awake —
 * every feed page wakes it — so running the purge when the worker starts, at most once per period, keeps the same
 * promise: nothing older than the retention window survives a period of use. Returns the number purged, or null
 * when the last purge is recent enough.
 */
export async function runScheduledPurge(db: ZhongcaoDB = sharedDb, now: number = Date.now()): Promise<number | null> {
  const last = await lastPurgeItem.getValue();
  if (now - last < RETENTION_PERIOD_MS && last <= now) return null;
  await lastPurgeItem.setValue(now);
  return runRetentionPurge(db, now);
}

/** Call at the top of the background: kicks off the purge when due; never blocks the listeners. */
export function scheduleRetentionPurge(): void {
  runScheduledPurge().catch((error) => console.warn(`[zhongcao] retention purge failed: ${String(error)}`));
}

/**
 * After the worker wrote a batch tagged for `stampedWith`: if that enrolment has ended meanwhile (the participant left
 * or deleted everything while the batch was on its way to the disk), the leave's own deletion may have run before
 * these rows landed. They are settled as the leave asked: deleted with the study's data, or, when the data was kept,
 * untagged if they happened after the leave. Returns how many rows were settled. Costs one storage read per tagged
 * batch; nothing for untagged ones.
 */
export async function settleLeftStudy(
  written: readonly ZcEvent[],
  stampedWith: Enrolment,
  db: ZhongcaoDB,
  currentEnrolment: () => Promise<Enrolment | null> = readEnrolment,
): Promise<number> {
  const tagged = written.filter((e) => e.participant_id === stampedWith.participant_id);
  if (tagged.length === 0) return 0;
  const current = await currentEnrolment();
  if (current?.participant_id === stampedWith.participant_id) return 0;
  const left: LeftStudy | null = await leftStudyItem.getValue();
  // Gone without a recorded leave (storage cleared by hand): nothing says what the participant wanted.
  if (!left || left.left_at < stampedWith.enrolled_at) return 0;
  const settle = left.deleted ? tagged : tagged.filter((e) => e.ts >= left.left_at);
  if (settle.length === 0) return 0;
  const ids = settle.map((e) => e.event_id);
  // The batch may have been staged: the log moves it in first, then settles it there.
  if (left.deleted) await deleteEvents(db, ids);
  else await untagEvents(db, ids);
  return ids.length;
}
