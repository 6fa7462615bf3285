import { storage } from '#imports';
import { type CatalogueItemRow, type CatalogueSourceRow, db as sharedDb, type ZhongcaoDB } from '../db';
import { buildCatalogueIndex, buildExactMaps, type CatalogueIndex } from '../match/index';
import { packTextIndex, unpackTextIndex } from '../match/pack';
import { collectReferences } from '../match/references';
import type { Post } from '../types';
import type { CatalogueItem } from './schema';
import { activeItems, ensureMockSource, listSources, rowItem, sourceRows } from './store';

/**
 * How the worker, pages and handlers read the catalogue. Two parts, so a waking worker answers without loading every
 * source: the items that can be named by title (the mock and our own items.json imports, which carry a brand) stay
 * resident with their title index, read from one snapshot row; every explicit reference (item id, 淘客 code, short
 * token, 淘口令) is resolved through IndexedDB's indexes for just the posts asked about, across all enabled sources,
 * the source with the lowest priority number winning. A change to the sources bumps `catalogueRevision` in extension
 * storage; every context watching it drops its memo.
 */
const revision = storage.defineItem<number>('local:catalogueRevision', { fallback: 0 });

export interface ActiveCatalogue {
  items: CatalogueItem[];
  index: CatalogueIndex;
}

export type ReadPackaged = () => Promise<{ items: CatalogueItem[]; sha256: string }>;

/** Source kinds whose items carry a brand, so can be matched by name: kept resident with the title index. */
const RESIDENT_KINDS: ReadonlySet<CatalogueSourceRow['kind']> = new Set(['mock', 'items-json']);
const SNAPSHOT_KEY = 'resident';

interface Resident extends ActiveCatalogue {
  /** Enabled sources, winner first. */
  sources: CatalogueSourceRow[];
}

let resident: Promise<Resident> | null = null;
let full: Promise<ActiveCatalogue> | null = null;
let unwatch: (() => void) | null = null;

function forget(): void {
  resident = null;
  full = null;
}

function watchRevision(): void {
  unwatch ??= revision.watch(forget);
}

/** Tells every context that the catalogue changed (call after a write to the catalogue tables). */
export async function catalogueChanged(): Promise<void> {
  forget();
  await revision.setValue(Date.now());
}

/** Test seam: forget the memoised catalogue. */
export function resetActiveCatalogue(): void {
  forget();
  unwatch?.();
  unwatch = null;
}

function version(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return '0';
  }
}

/** Items of `sources` (winner first), the first row of each item id kept. */
async function itemsOf(db: ZhongcaoDB, sources: readonly CatalogueSourceRow[]): Promise<CatalogueItem[]> {
  const seen = new Set<string>();
  const out: CatalogueItem[] = [];
  for (const source of sources) {
    for (const row of await sourceRows(db, source.id).toArray()) {
      if (seen.has(row.item_id)) continue;
      seen.add(row.item_id);
      out.push(rowItem(row));
    }
  }
  return out;
}

async function loadResident(db: ZhongcaoDB, readPackaged: ReadPackaged): Promise<Resident> {
  await ensureMockSource(db, version(), readPackaged);
  const sources = (await listSources(db)).filter((s) => s.enabled);
  const named = sources.filter((s) => RESIDENT_KINDS.has(s.kind));
  const signature = named.map((s) => `${s.id}:${s.sha256}:${s.version ?? ''}:${s.rows}`).join('|');
  const snapshot = await db.catalogueSnapshots.get(SNAPSHOT_KEY);
  let items: CatalogueItem[];
  let text: CatalogueIndex['text'];
  if (snapshot && snapshot.signature === signature) {
    items = JSON.parse(snapshot.items) as CatalogueItem[];
    text = unpackTextIndex(snapshot.text);
  } else {
    items = await itemsOf(db, named);
    text = buildCatalogueIndex(items).text;
    // A snapshot that cannot be written (full disk) only costs the next start its rebuild.
    await db.catalogueSnapshots
      .put({ key: SNAPSHOT_KEY, signature, items: JSON.stringify(items), text: packTextIndex(text) })
      .catch(() => undefined);
  }
  // The resident items' own key maps serve callers that ask without posts (the studio's drafts); a batch replaces them.
  const index: CatalogueIndex = { items, ...buildExactMaps(items), text };
  return { items, index, sources };
}

function residentCatalogue(readPackaged: ReadPackaged, db: ZhongcaoDB): Promise<Resident> {
  watchRevision();
  resident ??= loadResident(db, readPackaged).catch(async (e: unknown) => {
    resident = null;
    // IndexedDB unusable (private mode, a full disk): the packaged file still gives cards.
    console.warn('[zhongcao] catalogue database unavailable, using the packaged file', e);
    const { items } = await readPackaged();
    const index = buildCatalogueIndex(items);
    return { items, index, sources: [] };
  });
  return resident;
}

interface Keys {
  itemIds: Set<string>;
  clickCodes: Set<string>;
  shortTokens: Set<string>;
  tpwds: Set<string>;
}

/** Every lookup key the posts' references name: the ones `resolveReference` will ask the index for. */
export function referenceKeys(posts: readonly Pick<Post, 'text' | 'repost' | 'links'>[]): Keys {
  const keys: Keys = { itemIds: new Set(), clickCodes: new Set(), shortTokens: new Set(), tpwds: new Set() };
  for (const post of posts) {
    for (const ref of collectReferences(post)) {
      if (ref.link?.itemId) keys.itemIds.add(ref.link.itemId);
      if (ref.link?.code) keys.clickCodes.add(ref.link.code);
      if (ref.link?.token) keys.shortTokens.add(ref.link.token);
      if (ref.tpwd?.core) keys.tpwds.add(ref.tpwd.core);
    }
  }
  return keys;
}

/** A map read through `first`, then `rest`: a batch's looked-up items over the resident ones. */
class LayeredMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly first: ReadonlyMap<string, V>,
    private readonly rest: ReadonlyMap<string, V>,
  ) {}
  get(key: string): V | undefined {
    return this.first.get(key) ?? this.rest.get(key);
  }
  has(key: string): boolean {
    return this.first.has(key) || this.rest.has(key);
  }
  get size(): number {
    let n = this.rest.size;
    for (const k of this.first.keys()) if (!this.rest.has(k)) n++;
    return n;
  }
  *entries(): MapIterator<[string, V]> {
    yield* this.first.entries();
    for (const [k, v] of this.rest) if (!this.first.has(k)) yield [k, v];
  }
  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  forEach(cb: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }
}

/** The winning row of each item id among `rows`, by the enabled sources' order; disabled sources' rows are dropped. */
function winners(
  rows: readonly CatalogueItemRow[],
  sources: readonly CatalogueSourceRow[],
): Map<string, CatalogueItemRow> {
  const rank = new Map(sources.map((s, i) => [s.id, i]));
  const best = new Map<string, CatalogueItemRow>();
  for (const row of rows) {
    const r = rank.get(row.source_id);
    if (r === undefined) continue;
    const held = best.get(row.item_id);
    if (!held || r < (rank.get(held.source_id) ?? Number.POSITIVE_INFINITY)) best.set(row.item_id, row);
  }
  return best;
}

/** The winning item of each id, read from IndexedDB (for orders and the popup: no catalogue in memory needed). */
export async function catalogueItemsById(ids: readonly string[], db: ZhongcaoDB = sharedDb): Promise<CatalogueItem[]> {
  if (ids.length === 0) return [];
  const [sources, rows] = await Promise.all([
    listSources(db).then((s) => s.filter((x) => x.enabled)),
    db.catalogueItems
      .where('item_id')
      .anyOf([...new Set(ids)])
      .toArray(),
  ]);
  return [...winners(rows, sources).values()].map(rowItem);
}

/**
 * The catalogue as the analyser needs it for `posts`: the resident items and title index, with every item the posts
 * reference looked up by key. Nothing beyond those rows is read, whatever the size of the imported sources.
 */
export async function catalogueForPosts(
  posts: readonly Pick<Post, 'text' | 'repost' | 'links'>[],
  readPackaged: ReadPackaged,
  db: ZhongcaoDB = sharedDb,
): Promise<ActiveCatalogue> {
  const base = await residentCatalogue(readPackaged, db);
  // Without the database (the fallback), the resident index is the whole packaged catalogue with every key.
  if (base.sources.length === 0) return base;
  const keys = referenceKeys(posts);
  const anyOf = (index: 'click_code' | 'short_token' | 'tpwd', set: Set<string>) =>
    set.size > 0
      ? db.catalogueItems
          .where(index)
          .anyOf([...set])
          .toArray()
      : Promise.resolve([] as CatalogueItemRow[]);
  const [byClick, byShort, byTpwd] = await Promise.all([
    anyOf('click_code', keys.clickCodes),
    anyOf('short_token', keys.shortTokens),
    anyOf('tpwd', keys.tpwds),
  ]);
  const ids = new Set(keys.itemIds);
  for (const row of [...byClick, ...byShort, ...byTpwd]) ids.add(row.item_id);
  if (ids.size === 0) return base;
  // Every row of every named item, so the winning source's data is used however the item was reached.
  const rows = await db.catalogueItems
    .where('item_id')
    .anyOf([...ids])
    .toArray();
  const best = winners(rows, base.sources);
  const rank = new Map(base.sources.map((s, i) => [s.id, i]));
  const batchById = new Map([...best].map(([id, row]) => [id, rowItem(row)]));
  const keyed = (found: readonly CatalogueItemRow[], key: (r: CatalogueItemRow) => string | null) => {
    const m = new Map<string, CatalogueItem>();
    const at = new Map<string, number>();
    for (const row of found) {
      const k = key(row);
      const r = rank.get(row.source_id);
      const item = batchById.get(row.item_id);
      if (!k || r === undefined || !item) continue;
      if ((at.get(k) ?? Number.POSITIVE_INFINITY) <= r) continue;
      at.set(k, r);
      m.set(k, item);
    }
    return m;
  };
  const index: CatalogueIndex = {
    ...base.index,
    byItemId: new LayeredMap(batchById, base.index.byItemId),
    byClickCode: keyed(byClick, (r) => r.click_code),
    byShortToken: keyed(byShort, (r) => r.short_token),
    byTpwd: keyed(byTpwd, (r) => r.tpwd),
  };
  return { items: base.items, index };
}

/**
 * Every enabled item with a full index (the studio's draft analysis and title search in the popup). Reads every
 * enabled source: for pages and rare questions, not for the feed's path.
 */
export function activeCatalogue(readPackaged: ReadPackaged, db: ZhongcaoDB = sharedDb): Promise<ActiveCatalogue> {
  watchRevision();
  full ??= (async () => {
    const base = await residentCatalogue(readPackaged, db);
    if (base.sources.length === 0) return base;
    const items = await activeItems(db);
    return { items, index: buildCatalogueIndex(items) };
  })().catch((e: unknown) => {
    full = null;
    throw e;
  });
  return full;
}
