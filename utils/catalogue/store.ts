import Dexie from 'dexie';
import type { CatalogueItemRow, CatalogueSourceRow, ZhongcaoDB } from '../db';
import { type CatalogueEntry, entryKeys, toCardItem } from './entry';
import { ImportRefused, type ImportResult, type ImportStream, streamOf } from './import/types';
import type { CatalogueItem } from './schema';

/**
 * The catalogue in IndexedDB: sources side by side, each item stored once per source with its lookup keys indexed.
 * The one module that writes the catalogue tables; `activeItems` is how everything else reads items (through the
 * worker's loader in utils/worker/analyse.ts, or the dashboard).
 */
export const MOCK_SOURCE_ID = 'mock';

/** One source's rows, through the primary key's first part (no separate source index to write per row). */
export function sourceRows(db: ZhongcaoDB, sourceId: string) {
  return db.catalogueItems.where('[source_id+item_id]').between([sourceId, Dexie.minKey], [sourceId, Dexie.maxKey]);
}

function mockRow(item: CatalogueItem): CatalogueItemRow {
  return {
    source_id: MOCK_SOURCE_ID,
    item_id: item.item_id,
    click_code: /^https:\/\/s\.click\.taobao\.com\/([A-Za-z0-9]+)$/.exec(item.click_url)?.[1] ?? null,
    short_token: /^https:\/\/m\.tb\.cn\/h\.([A-Za-z0-9]+)$/.exec(item.short_url)?.[1] ?? null,
    tpwd: item.tpwd || null,
    item,
    entry: null,
  };
}

function entryRow(sourceId: string, entry: CatalogueEntry): CatalogueItemRow {
  const keys = entryKeys(entry);
  return {
    source_id: sourceId,
    item_id: entry.itemId,
    click_code: keys.clickCode,
    short_token: keys.shortToken,
    tpwd: keys.tpwd,
    item: null,
    entry,
  };
}

/** The item cards, orders and the matcher read, from either kind of row. */
export function rowItem(row: CatalogueItemRow): CatalogueItem {
  if (row.item) return row.item;
  if (row.entry) return toCardItem(row.entry);
  throw new Error(`catalogue row ${row.source_id}/${row.item_id} holds no item`);
}

/**
 * Loads the packaged mock into the database once per extension version (a new version replaces its rows). The mock
 * keeps the switch and priority the user gave it. `readPackaged` is only called when the stored copy is missing or
 * from another version.
 */
export async function ensureMockSource(
  db: ZhongcaoDB,
  version: string,
  readPackaged: () => Promise<{ items: CatalogueItem[]; sha256: string }>,
  now: () => number = Date.now,
): Promise<void> {
  const current = await db.catalogueSources.get(MOCK_SOURCE_ID);
  if (current && current.version === version) return;
  const { items, sha256 } = await readPackaged();
  await db.transaction('rw', db.catalogueSources, db.catalogueItems, async () => {
    const again = await db.catalogueSources.get(MOCK_SOURCE_ID);
    if (again && again.version === version) return;
    await sourceRows(db, MOCK_SOURCE_ID).delete();
    await db.catalogueItems.bulkPut(items.map(mockRow));
    await db.catalogueSources.put({
      id: MOCK_SOURCE_ID,
      name: '内置示例商品库 Built-in sample catalogue',
      kind: 'mock',
      imported_at: now(),
      rows: items.length,
      sha256,
      enabled: again?.enabled ?? true,
      priority: again?.priority ?? 1_000_000,
      version,
    });
  });
}

export interface ImportSummary {
  sourceId: string;
  /** Items no enabled source held before. */
  added: number;
  /** Items another source (or an earlier import of the same file) already held. */
  updated: number;
  refused: number;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export { sha256Hex as sha256OfBytes };

export const NO_USABLE_ITEM = '文件中没有可用的商品。No usable item in the file.';

/**
 * Stores one file as a source, in one transaction: it lands whole or not at all. A stream is read a batch at a time,
 * each batch written before the next rows are parsed, so neither the file's list nor its rows are ever all in memory
 * (a refusal midway aborts the transaction). Importing the same bytes again replaces that source's rows (same
 * SHA-256 → same source). A new source is placed first (it wins duplicates) until the user reorders. A file without
 * one usable item is refused (`ImportRefused`).
 */
export async function importCatalogue(
  db: ZhongcaoDB,
  file: { name: string; sha256: string },
  source: ImportResult | ImportStream,
  now: () => number = Date.now,
  onProgress?: (written: number) => void,
): Promise<ImportSummary> {
  const stream = 'entries' in source ? streamOf(source) : source;
  const sourceId = `file-${file.sha256.slice(0, 16)}`;
  let added = 0;
  let written = 0;
  await db.transaction('rw', db.catalogueSources, db.catalogueItems, async () => {
    // Ids held before this import, other sources' and an earlier copy of this file's alike: read as index keys only.
    const known = new Set((await db.catalogueItems.orderBy('item_id').uniqueKeys()) as string[]);
    const existing = await db.catalogueSources.get(sourceId);
    const first = await db.catalogueSources.orderBy('priority').first();
    await sourceRows(db, sourceId).delete();
    for (const batch of stream.batches) {
      for (const e of batch) if (!known.has(e.itemId)) added++;
      await db.catalogueItems.bulkAdd(batch.map((e) => entryRow(sourceId, e)));
      written += batch.length;
      onProgress?.(written);
    }
    if (written === 0) throw new ImportRefused(NO_USABLE_ITEM);
    await db.catalogueSources.put({
      id: sourceId,
      name: file.name.slice(0, 120),
      kind: stream.format,
      imported_at: now(),
      rows: written,
      sha256: file.sha256,
      enabled: existing?.enabled ?? true,
      priority: existing?.priority ?? (first ? first.priority - 1 : 0),
    });
  });
  return {
    sourceId,
    added,
    updated: written - added,
    refused: stream.issues.filter((i) => i.action === 'refused').length,
  };
}

export function listSources(db: ZhongcaoDB): Promise<CatalogueSourceRow[]> {
  return db.catalogueSources.orderBy('priority').toArray();
}

export async function setSourceEnabled(db: ZhongcaoDB, id: string, enabled: boolean): Promise<void> {
  await db.catalogueSources.update(id, { enabled });
}

/** Removes an imported source and its items. The mock cannot be removed, only turned off. */
export async function removeSource(db: ZhongcaoDB, id: string): Promise<void> {
  if (id === MOCK_SOURCE_ID) throw new Error('the built-in catalogue can be turned off, not removed');
  await db.transaction('rw', db.catalogueSources, db.catalogueItems, async () => {
    await sourceRows(db, id).delete();
    await db.catalogueSources.delete(id);
  });
}

/** Moves a source one place up (wins more duplicates) or down in the priority order. */
export async function moveSource(db: ZhongcaoDB, id: string, direction: 'up' | 'down'): Promise<void> {
  await db.transaction('rw', db.catalogueSources, async () => {
    const sources = await db.catalogueSources.orderBy('priority').toArray();
    const at = sources.findIndex((s) => s.id === id);
    const to = direction === 'up' ? at - 1 : at + 1;
    const a = sources[at];
    const b = sources[to];
    if (!a || !b) return;
    await db.catalogueSources.update(a.id, { priority: b.priority });
    await db.catalogueSources.update(b.id, { priority: a.priority });
  });
}

/**
 * The items of every enabled source, a duplicate item id taking the data of the source with the lowest priority
 * number. Sources are read in that order, so the first row seen for an id wins.
 */
export async function activeItems(db: ZhongcaoDB): Promise<CatalogueItem[]> {
  const sources = (await listSources(db)).filter((s) => s.enabled);
  const seen = new Set<string>();
  const out: CatalogueItem[] = [];
  for (const source of sources) {
    const rows = await sourceRows(db, source.id).toArray();
    for (const row of rows) {
      if (seen.has(row.item_id)) continue;
      seen.add(row.item_id);
      out.push(rowItem(row));
    }
  }
  return out;
}

/** Which enabled source an item's card data comes from, and which other sources also hold it (for the dashboard). */
export async function sourcesOfItem(
  db: ZhongcaoDB,
  itemId: string,
): Promise<{ winner: string | null; others: string[] }> {
  const rows = await db.catalogueItems.where('item_id').equals(itemId).toArray();
  const sources = (await listSources(db)).filter((s) => s.enabled && rows.some((r) => r.source_id === s.id));
  return { winner: sources[0]?.id ?? null, others: sources.slice(1).map((s) => s.id) };
}

/**
 * Per enabled source, how many of its items another source above it also holds (the card shows that one's data).
 * Reads primary keys only, so it stays cheap beside a large import.
 */
export async function shadowedCounts(db: ZhongcaoDB): Promise<Map<string, number>> {
  const sources = (await listSources(db)).filter((s) => s.enabled);
  const rank = new Map(sources.map((s, i) => [s.id, i]));
  const best = new Map<string, number>();
  const keys = (await db.catalogueItems.toCollection().primaryKeys()) as [string, string][];
  for (const [source, item] of keys) {
    const r = rank.get(source);
    if (r === undefined) continue;
    const held = best.get(item);
    if (held === undefined || r < held) best.set(item, r);
  }
  const counts = new Map<string, number>(sources.map((s) => [s.id, 0]));
  for (const [source, item] of keys) {
    const r = rank.get(source);
    if (r !== undefined && (best.get(item) ?? r) < r) counts.set(source, (counts.get(source) ?? 0) + 1);
  }
  return counts;
}
