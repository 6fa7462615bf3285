import Dexie, { type Table } from 'dexie';
import type { ZcEvent, ZcEventType } from '@/utils/events/schema';
import type { ZhongcaoDB } from './index';

/**
 * The event log: the only module that touches the `events` table (tests/unit/event-log-rule.test.ts fails on any
 * other). The worker acknowledges a burst's batches as staged rows and moves them in later, so a reader that skipped
 * the move would miss acknowledged events: every read here drains the stage first, and callers cannot forget it.
 */

/**
 * Events moved per transaction, at least one staged batch: bounded, so one drain step never holds the `events` table
 * for long and a reader opening meanwhile waits little. Counted in events, not batches: a batch holds from one event
 * to several hundred.
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

/** The drain in flight per database: reads issued together (a popup's dozen counts) share one. */
const inFlight = new WeakMap<ZhongcaoDB, Promise<number>>();

/** Inside a `liveQuery`, Dexie refuses read-write transactions; its zone is visible on `Dexie.Promise.PSD`. */
function inLiveQuery(): boolean {
  return Boolean((Dexie.Promise as unknown as { PSD?: { subscr?: unknown } }).PSD?.subscr);
}

/**
 * Drains the stage before a read. In a live query the move runs from a timer, outside its zone: the read then waits
 * for it, and the moved rows show up in this answer rather than the next one.
 */
function drained(db: ZhongcaoDB): Promise<number> {
  const running = inFlight.get(db);
  if (running) return running;
  const start = () => drainStaged(db);
  const p = (
    inLiveQuery()
      ? new Promise<number>((resolve, reject) => setTimeout(() => start().then(resolve, reject), 0))
      : start()
  ).finally(() => inFlight.delete(db));
  inFlight.set(db, p);
  return p;
}

// ---- Writes (worker) ----

/**
 * Puts `events` into the log (keyed by event_id: a retried batch overwrites itself) in one read-write transaction
 * that also covers `also`, and runs `after` inside it, so counters about the batch commit with it or not at all.
 */
export async function appendEvents(
  db: ZhongcaoDB,
  events: readonly ZcEvent[],
  also: readonly Table[] = [],
  after?: () => Promise<void>,
): Promise<void> {
  await db.transaction('rw', [db.events, ...also], async () => {
    if (events.length > 0) await db.events.bulkPut([...events]);
    if (after) await after();
  });
}

// ---- Deletions (worker, research controls) ----
// The purges do not drain first: on a full disk they must free room without writing. Staged rows wait for the next.

/** Deletes every event older than `cutoff` that `keep` does not hold back. Returns how many went. */
export function deleteOlderThan(db: ZhongcaoDB, cutoff: number, keep?: (e: ZcEvent) => boolean): Promise<number> {
  const range = db.events.where('ts').below(cutoff);
  return keep ? range.filter((e) => !keep(e)).delete() : range.delete();
}

/**
 * The oldest `share` of the log (rounded up), less what `keep` holds back, deleted: the quota purge's fallback when
 * nothing is older than the retention window. Returns how many went out of how many there were.
 */
export async function deleteOldestShare(
  db: ZhongcaoDB,
  share: number,
  keep: (e: ZcEvent) => boolean,
): Promise<{ purged: number; total: number }> {
  const total = await db.events.count();
  const n = Math.ceil(total * share);
  if (n <= 0) return { purged: 0, total };
  const keys = await db.events
    .orderBy('ts')
    .filter((e) => !keep(e))
    .limit(n)
    .primaryKeys();
  await db.events.bulkDelete(keys);
  return { purged: keys.length, total };
}

/** Deletes the events at or after `from` that `match` picks (a study's rows on leaving it). */
export async function deleteSince(db: ZhongcaoDB, from: number, match: (e: ZcEvent) => boolean): Promise<number> {
  await drained(db);
  return db.events.where('ts').aboveOrEqual(from).filter(match).delete();
}

/** Deletes the events with these ids. */
export async function deleteEvents(db: ZhongcaoDB, ids: readonly string[]): Promise<void> {
  await drained(db);
  await db.events.bulkDelete([...ids]);
}

/** Takes the study tags off the events with these ids (a batch that landed after the participant left). */
export async function untagEvents(db: ZhongcaoDB, ids: readonly string[]): Promise<void> {
  await drained(db);
  await db.events
    .where(':id')
    .anyOf([...ids])
    .modify((e) => {
      delete e.study_id;
      delete e.participant_id;
      delete e.consent_version;
    });
}

// ---- Reads ----

/** Events per type (index keys only, no rows read). */
export async function countByType(db: ZhongcaoDB): Promise<Partial<Record<ZcEventType, number>>> {
  await drained(db);
  const counts: Partial<Record<ZcEventType, number>> = {};
  const types = (await db.events.orderBy('type').uniqueKeys()) as ZcEventType[];
  for (const type of types) counts[type] = await db.events.where('type').equals(type).count();
  return counts;
}

/** Events of `type` with `from <= ts < to`, counted on `[type+ts]`. */
export async function countOfType(db: ZhongcaoDB, type: ZcEventType, from: number, to: number): Promise<number> {
  await drained(db);
  return db.events.where('[type+ts]').between([type, from], [type, to], true, false).count();
}

/** Events of `type` with `from <= ts <= to`, oldest first. */
export async function eventsOfType<T extends ZcEventType>(
  db: ZhongcaoDB,
  type: T,
  from: number,
  to: number,
): Promise<Extract<ZcEvent, { type: T }>[]> {
  await drained(db);
  return (await db.events.where('[type+ts]').between([type, from], [type, to]).toArray()) as Extract<
    ZcEvent,
    { type: T }
  >[];
}

/**
 * Up to `limit` events of `type` with `ts <= upper` (no bound: `null`), newest first (ties: newest key first). Dexie
 * turns a reversed, limited range into one `getAll` with a direction where the browser has it.
 */
export async function latestOfType<T extends ZcEventType>(
  db: ZhongcaoDB,
  type: T,
  upper: number | null,
  limit: number,
): Promise<Extract<ZcEvent, { type: T }>[]> {
  await drained(db);
  return (await db.events
    .where('[type+ts]')
    .between([type, Dexie.minKey], [type, upper ?? Dexie.maxKey], true, true)
    .reverse()
    .limit(limit)
    .toArray()) as Extract<ZcEvent, { type: T }>[];
}

/** Events of `type` on any of these items, read through the `item_id` index. */
export async function eventsOnItems<T extends ZcEventType>(
  db: ZhongcaoDB,
  type: T,
  itemIds: readonly string[],
): Promise<Extract<ZcEvent, { type: T }>[]> {
  await drained(db);
  return (await db.events
    .where('item_id')
    .anyOf([...itemIds])
    .filter((e) => e.type === type)
    .toArray()) as Extract<ZcEvent, { type: T }>[];
}

/**
 * The latest events of `type` on `itemId` with `from <= ts <= to` that name a post: every one at that latest
 * millisecond, in storage order, read backwards on `[item_id+type+ts]` (one or two index entries).
 */
export async function latestOnItem(
  db: ZhongcaoDB,
  itemId: string,
  type: ZcEventType,
  from: number,
  to: number,
): Promise<ZcEvent[]> {
  await drained(db);
  const rows: ZcEvent[] = [];
  let top: number | null = null;
  await db.events
    .where('[item_id+type+ts]')
    .between([itemId, type, from], [itemId, type, to], true, true)
    .reverse()
    .until((e) => top !== null && e.ts < top)
    .each((e) => {
      if (!e.post_id) return;
      top = e.ts;
      rows.push(e);
    });
  return rows.reverse();
}

/** Author ids that appear in the log (index keys only). */
export async function authorIds(db: ZhongcaoDB): Promise<string[]> {
  await drained(db);
  return (await db.events.orderBy('author_id').uniqueKeys()).map(String);
}

/** How many events name this author. */
export async function countForAuthor(db: ZhongcaoDB, authorId: string): Promise<number> {
  await drained(db);
  return db.events.where('[author_id+ts]').between([authorId, Dexie.minKey], [authorId, Dexie.maxKey]).count();
}

/** Every event that names this author, oldest first. */
export async function eventsOfAuthor(db: ZhongcaoDB, authorId: string): Promise<ZcEvent[]> {
  await drained(db);
  return db.events.where('[author_id+ts]').between([authorId, Dexie.minKey], [authorId, Dexie.maxKey]).toArray();
}

/** How many events have `ts >= from`. */
export async function countSince(db: ZhongcaoDB, from: number): Promise<number> {
  await drained(db);
  return db.events.where('ts').aboveOrEqual(from).count();
}

/** Calls `visit` on every event, oldest first, through one cursor (a large log never sits in memory at once). */
export async function eachEvent(db: ZhongcaoDB, visit: (e: ZcEvent) => void): Promise<void> {
  await drained(db);
  await db.events.orderBy('ts').each(visit);
}

/**
 * Pages of events with `ts >= from`, oldest first, about `pageSize` at a time, each page its own short read so the UI
 * can paint progress between pages. A page ends on a whole timestamp: the rows sharing its last `ts` are fetched
 * together with `equals`, so the next page can start strictly `above` it. No `offset`: IndexedDB cursors advance
 * row by row, and offsets made paging quadratic.
 */
export async function* eventPages(db: ZhongcaoDB, from: number, pageSize = 5_000): AsyncGenerator<ZcEvent[]> {
  await drained(db);
  let rest = db.events.where('ts').aboveOrEqual(from);
  for (;;) {
    const page = await rest.limit(pageSize).toArray();
    if (page.length === 0) return;
    if (page.length < pageSize) {
      yield page;
      return;
    }
    const lastTs = (page[page.length - 1] as ZcEvent).ts;
    const tied = await db.events.where('ts').equals(lastTs).toArray();
    yield page.filter((e) => e.ts !== lastTs).concat(tied);
    rest = db.events.where('ts').above(lastTs);
  }
}

/**
 * One page of the events with `lo <= ts <= hi` (of `type`, when given) that `keep` picks, oldest first: the rows
 * `offset` to `offset + limit` of that selection.
 */
export async function pageOfEvents(
  db: ZhongcaoDB,
  opts: { type: string | null; lo: number; hi: number; keep: (e: ZcEvent) => boolean; offset: number; limit: number },
): Promise<ZcEvent[]> {
  await drained(db);
  const { type, lo, hi } = opts;
  const range = type
    ? db.events.where('[type+ts]').between([type, lo], [type, hi], true, true)
    : db.events.where('ts').between(lo, hi, true, true);
  return range.filter(opts.keep).offset(opts.offset).limit(opts.limit).toArray();
}
