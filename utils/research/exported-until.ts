import { META_KEYS, db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import type { ZcEvent } from '@/utils/events/schema';

/**
 * How far a participant's study rows have been exported, so a full disk may take those and never the others. The
 * mark is a timestamp (`until_ts`): every study row of that participant in the log at or before it is in an export.
 * Rows can land below it later (an outbox delivers old events late, a batch lands while an export reads the log), so
 * the worker lowers the mark in the same transaction as such a write, and an export that was running meanwhile sets
 * the mark no higher than the oldest row written during it.
 */
export interface ExportedUntil {
  participant_id: string;
  until_ts: number;
  /** While an export runs: the oldest study row written since it started (null: none yet). */
  running_min_ts?: number | null;
}

function parse(value: unknown): ExportedUntil | null {
  const v = value as Partial<ExportedUntil> | undefined;
  if (!v || typeof v.participant_id !== 'string' || typeof v.until_ts !== 'number') return null;
  const running = typeof v.running_min_ts === 'number' || v.running_min_ts === null ? v.running_min_ts : undefined;
  return {
    participant_id: v.participant_id,
    until_ts: v.until_ts,
    ...(running !== undefined ? { running_min_ts: running } : {}),
  };
}

export async function readExportedUntil(db: ZhongcaoDB = sharedDb): Promise<ExportedUntil | null> {
  return parse((await db.meta.get(META_KEYS.researchExported))?.value);
}

async function write(db: ZhongcaoDB, value: ExportedUntil, now: number): Promise<void> {
  await db.meta.put({ key: META_KEYS.researchExported, value, updated_at: now });
}

/** Before a study export reads the log: from now on, the worker notes the oldest study row written. */
export async function beginStudyExport(
  participantId: string,
  db: ZhongcaoDB = sharedDb,
  now: number = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const prev = await readExportedUntil(db);
    const until = prev?.participant_id === participantId ? prev.until_ts : Number.NEGATIVE_INFINITY;
    await write(db, { participant_id: participantId, until_ts: until, running_min_ts: null }, now);
  });
}

/**
 * After a study export has been handed to the participant: rows up to `untilTs` (its newest row) may now go on a full
 * disk, less any written while it ran.
 */
export async function markStudyExported(
  participantId: string,
  untilTs: number | null,
  db: ZhongcaoDB = sharedDb,
  now: number = Date.now(),
): Promise<void> {
  if (untilTs === null) return;
  await db.transaction('rw', db.meta, async () => {
    const prev = await readExportedUntil(db);
    const runningMin = prev?.participant_id === participantId ? prev.running_min_ts : null;
    const until = typeof runningMin === 'number' ? Math.min(untilTs, runningMin - 1) : untilTs;
    await write(db, { participant_id: participantId, until_ts: until }, now);
  });
}

/**
 * For the worker, inside the transaction that writes `rows` (and must include `meta`): study rows landing at or below
 * the mark pull it down, and an export running meanwhile learns the oldest of them.
 */
export async function noteStudyRowsWritten(db: ZhongcaoDB, rows: readonly ZcEvent[], now: number): Promise<void> {
  const prev = await readExportedUntil(db);
  if (!prev) return;
  let min = Number.POSITIVE_INFINITY;
  for (const e of rows) if (e.participant_id === prev.participant_id && e.ts < min) min = e.ts;
  if (min === Number.POSITIVE_INFINITY) return;
  const next: ExportedUntil = { ...prev, until_ts: Math.min(prev.until_ts, min - 1) };
  if (prev.running_min_ts !== undefined) next.running_min_ts = Math.min(prev.running_min_ts ?? min, min);
  if (next.until_ts !== prev.until_ts || next.running_min_ts !== prev.running_min_ts) await write(db, next, now);
}

/** A study row the participant has not exported yet: the quota purge never takes it. */
export function isUnexportedStudyRow(e: ZcEvent, exported: ExportedUntil | null): boolean {
  if (!e.participant_id) return false;
  return !exported || exported.participant_id !== e.participant_id || e.ts > exported.until_ts;
}
