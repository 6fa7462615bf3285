import type { ZhongcaoDB } from './index';

/** Staged batches moved per transaction: bounded, so one drain step never holds the database for long. */
const ROWS_PER_STEP = 20;

/**
 * Moves every staged batch into `events`, oldest first, a few batches per transaction: each step puts the events
 * (keyed by event_id, so a batch staged twice lands once) and deletes the rows it moved in the same transaction,
 * so a drain stopped half-way (worker stopped, tab closed) loses nothing and repeats nothing. Safe to run from the
 * background and an extension page at once: IndexedDB serialises the read-write transactions. Returns how many
 * events were moved.
 */
export async function drainStaged(db: ZhongcaoDB): Promise<number> {
  let moved = 0;
  for (;;) {
    const step = await db.transaction('rw', db.staged, db.events, async () => {
      const rows = await db.staged.orderBy('seq').limit(ROWS_PER_STEP).toArray();
      const events = rows.flatMap((r) => r.events);
      if (events.length > 0) await db.events.bulkPut(events);
      await db.staged.bulkDelete(rows.map((r) => r.seq as number));
      return { rows: rows.length, events: events.length };
    });
    if (step.rows === 0) return moved;
    moved += step.events;
  }
}

/**
 * For extension pages as they open: moves what a stopped worker left staged, so the figures they show include it.
 * A failure is reported and left for the worker, which drains after every batch and at start.
 */
export function drainStagedOnOpen(db: ZhongcaoDB): void {
  drainStaged(db).catch((e) => console.warn(`[zhongcao] staged events not moved: ${String(e)}`));
}
