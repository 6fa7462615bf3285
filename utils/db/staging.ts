import type { ZhongcaoDB } from './index';

/**
 * Events moved per transaction, at least one staged batch: bounded, so one drain step never holds the `events` table
 * for long (~0.4 s at the ~2,500 indexed puts a second measured in Chromium) and a reader opening meanwhile waits
 * little. Counted in events, not batches: a batch holds from one event to several hundred.
 */
const EVENTS_PER_STEP = 1_000;

/**
 * Moves every staged batch into `events`, oldest first, about EVENTS_PER_STEP events per transaction: each step puts
 * the events (keyed by event_id, so a batch staged twice lands once) and deletes the rows it moved in the same
 * transaction, so a drain stopped half-way (worker stopped, tab closed) loses nothing and repeats nothing. Safe to
 * run from the background and an extension page at once: IndexedDB serialises the read-write transactions. Returns
 * how many events were moved.
 */
export async function drainStaged(db: ZhongcaoDB): Promise<number> {
  let moved = 0;
  for (;;) {
    const step = await db.transaction('rw', db.staged, db.events, async () => {
      let taken = 0;
      const rows = await db.staged
        .orderBy('seq')
        .until((row) => {
          taken += Array.isArray(row.events) ? row.events.length : 0;
          return taken >= EVENTS_PER_STEP;
        }, true)
        .toArray();
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
