import { catalogueChanged } from '@/utils/catalogue/active';
import { endEnrolment } from '@/utils/research/enrolment';
import { deleteOlderThan } from './event-log';
import { META_KEYS, type MetaRow, db as sharedDb, type ZhongcaoDB } from './index';

const DAY_MS = 86_400_000;

type MetaValue = Record<string, unknown>;

/** Read-modify-write one diagnostics row in its own transaction, so concurrent batches do not lose counts. */
export async function bumpMeta(
  db: ZhongcaoDB,
  key: string,
  now: number,
  update: (prev: MetaValue | undefined) => MetaValue,
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(key);
    const prev = row && typeof row.value === 'object' && row.value !== null ? (row.value as MetaValue) : undefined;
    await db.meta.put({ key, value: update(prev), updated_at: now });
  });
}

export async function readMeta(db: ZhongcaoDB = sharedDb): Promise<Record<string, MetaRow>> {
  const rows = await db.meta.toArray();
  return Object.fromEntries(rows.map((r) => [r.key, r]));
}

/**
 * "删除全部数据": every table of the database, in one transaction, and the research enrolment (participant id) with
 * it. Settings live elsewhere and are kept. Imported catalogues go too; the built-in one is loaded again on the next
 * question, once every context has dropped the catalogue it held.
 */
export async function deleteAllData(db: ZhongcaoDB = sharedDb, now: number = Date.now()): Promise<void> {
  // Ended as a leave with deletion, so a batch the worker is tagging right now is deleted once it lands.
  await endEnrolment(true, now);
  // Protected settings live in `meta` too (utils/db/protected-item.ts): they, and the leave record that settles a
  // batch tagged a moment ago, outlive the wipe; the enrolment (participant id) is already gone.
  await db.transaction('rw', db.tables, async () => {
    const kept = await db.meta.where('key').startsWith('setting:').toArray();
    await Promise.all(db.tables.map((t) => t.clear()));
    await db.meta.bulkPut(kept.filter((r) => r.key !== 'setting:researchEnrolment'));
  });
  await catalogueChanged();
}

/**
 * Drop raw events older than `days` days (retention), and the author names last shown that long ago (kept for the
 * popup's clicked items, whose clicks go with the events). Orders and saves are the user's own records and stay.
 * Returns the number of events dropped.
 */
export async function purgeOlderThan(
  days: number,
  db: ZhongcaoDB = sharedDb,
  now: number = Date.now(),
): Promise<number> {
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`purgeOlderThan: bad day count ${days}`);
  const cutoff = now - days * DAY_MS;
  const [events] = await Promise.all([
    deleteOlderThan(db, cutoff),
    db.authors.filter((a) => a.updated_at < cutoff).delete(),
  ]);
  return events;
}

/** The user has seen the "storage was full, old events were purged" notice. */
export async function acknowledgeQuotaNotice(db: ZhongcaoDB = sharedDb, now: number = Date.now()): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(META_KEYS.quotaPurges);
    if (!row || typeof row.value !== 'object' || row.value === null) return;
    await db.meta.put({ ...row, value: { ...(row.value as MetaValue), acknowledged: true }, updated_at: now });
  });
}
