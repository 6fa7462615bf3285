import { storage } from '#imports';
import { type CatalogueItemRow, type CatalogueSourceRow, db as sharedDb, type ZhongcaoDB } from '../db';
import { buildCatalogueIndex, buildExactMaps, type CatalogueIndex, type NamedItem } from '../match/index';
import { packTextIndex, unpackTextIndex } from '../match/pack';
import { collectReferences } from '../match/references';
import type { Post } from '../types';
import type { CatalogueItem } from './schema';
import { activeItems, ensureMockSource, listSources, MOCK_SOURCE_ID, rowItem, sourceRows } from './store';

/**
 * How the worker, pages and handlers read the catalogue. Two parts, so a waking worker answers without loading every
 * source: the items that can be named by title (the mock and our own items.json imports, which carry a brand) stay
 * resident with their title index; every explicit reference (item id, 淘客 code, short token, 淘口令) is resolved
 * through IndexedDB's indexes for just the posts asked about, across all enabled sources, the source with the lowest
 * priority number winning. The feed's path keeps of the resident items only what the title index needs (one small
 * snapshot row, `names`) and reads a card's data by id; pages that list or preview items read them whole (`resident`).
 * A change to the sources bumps `catalogueRevision` in extension storage; every context watching it drops its memo.
 */
const revision = storage.defineItem<number>('local:catalogueRevision', { fallback: 0 });

export interface ActiveCatalogue {
  items: CatalogueItem[];
  index: CatalogueIndex;
}

/** What the analyser reads for a batch of posts: the title index over resident names, and the items named by key. */
export interface PostsCatalogue {
  index: CatalogueIndex<NamedItem>;
  /**
   * The winning item of each id (those a title match found, which `index.byItemId` does not hold); left out when the
   * index holds every item whole.
   */
  itemsById?(ids: readonly string[]): Promise<CatalogueItem[]>;
}

export type ReadPackaged = () => Promise<{ items: CatalogueItem[]; sha256: string }>;

/** Source kinds whose items carry a brand, so can be matched by name: kept resident with the title index. */
const RESIDENT_KINDS: ReadonlySet<CatalogueSourceRow['kind']> = new Set(['mock', 'items-json']);
const SNAPSHOT_KEY = 'resident';
const NAMES_KEY = 'names';

interface Resident extends ActiveCatalogue {
  /** Enabled sources, winner first. */
  sources: CatalogueSourceRow[];
}

interface ResidentNames {
  items: NamedItem[];
  text: CatalogueIndex['text'];
}

/** The enabled sources, winner first, once the packaged mock of this version is in the database. */
let ready: Promise<CatalogueSourceRow[]> | null = null;
let resident: Promise<Resident> | null = null;
let names: Promise<ResidentNames> | null = null;
let full: Promise<ActiveCatalogue> | null = null;
let unwatch: (() => void) | null = null;

function forget(): void {
  ready = null;
  resident = null;
  names = null;
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

function catalogueReady(readPackaged: ReadPackaged, db: ZhongcaoDB): Promise<CatalogueSourceRow[]> {
  watchRevision();
  ready ??= (async () => {
    // One read on most starts: the mock of this version is already in.
    let sources = await listSources(db);
    if (sources.find((s) => s.id === MOCK_SOURCE_ID)?.version !== version()) {
      await ensureMockSource(db, version(), readPackaged);
      sources = await listSources(db);
    }
    return sources.filter((s) => s.enabled);
  })().catch((e: unknown) => {
    ready = null;
    throw e;
  });
  return ready;
}

function residentSignature(sources: readonly CatalogueSourceRow[]): string {
  return sources
    .filter((s) => RESIDENT_KINDS.has(s.kind))
    .map((s) => `${s.id}:${s.sha256}:${s.version ?? ''}:${s.rows}`)
    .join('|');
}

function namedOf(item: NamedItem): NamedItem {
  return { item_id: item.item_id, brand: item.brand, short_title: item.short_title, volume: item.volume };
}

async function loadResident(db: ZhongcaoDB, sources: CatalogueSourceRow[]): Promise<Resident> {
  const signature = residentSignature(sources);
  const snapshot = await db.catalogueSnapshots.get(SNAPSHOT_KEY);
  let items: CatalogueItem[];
  let text: CatalogueIndex['text'];
  if (snapshot && snapshot.signature === signature) {
    items = JSON.parse(snapshot.items) as CatalogueItem[];
    text = unpackTextIndex(snapshot.text);
  } else {
    items = await itemsOf(
      db,
      sources.filter((s) => RESIDENT_KINDS.has(s.kind)),
    );
    text = buildCatalogueIndex(items).text;
    // A snapshot that cannot be written (full disk) only costs the next start its rebuild. The names row is written
    // by `residentNames`, its one reader.
    await db.catalogueSnapshots
      .put({ key: SNAPSHOT_KEY, signature, items: JSON.stringify(items), text: packTextIndex(text) })
      .catch(() => undefined);
  }
  // The resident items' own key maps serve callers that ask without posts (the studio's drafts).
  const index: CatalogueIndex = { items, ...buildExactMaps(items), text };
  return { items, index, sources };
}

/** The resident items whole, with every key map: for pages and handlers, not the feed's path. */
function residentCatalogue(readPackaged: ReadPackaged, db: ZhongcaoDB): Promise<Resident> {
  watchRevision();
  resident ??= catalogueReady(readPackaged, db)
    .then((sources) => loadResident(db, sources))
    .catch(async (e: unknown) => {
      resident = null;
      // IndexedDB unusable (private mode, a full disk): the packaged file still gives cards.
      console.warn('[zhongcao] catalogue database unavailable, using the packaged file', e);
      const { items } = await readPackaged();
      const index = buildCatalogueIndex(items);
      return { items, index, sources: [] };
    });
  return resident;
}

/**
 * What the title index needs of the resident items, and the index: one small row, so a waking worker's first answer
 * does not wait for every resident item to be read and parsed. Rebuilt from the whole snapshot when stale.
 */
function residentNames(
  readPackaged: ReadPackaged,
  db: ZhongcaoDB,
  sources: CatalogueSourceRow[],
): Promise<ResidentNames> {
  names ??= (async () => {
    const row = await db.catalogueSnapshots.get(NAMES_KEY);
    if (row && row.signature === residentSignature(sources)) {
      return { items: JSON.parse(row.items) as NamedItem[], text: unpackTextIndex(row.text) };
    }
    const whole = await residentCatalogue(readPackaged, db);
    if (whole.sources.length > 0) {
      const items = whole.items.map(namedOf);
      await db.catalogueSnapshots
        .put({
          key: NAMES_KEY,
          signature: residentSignature(whole.sources),
          items: JSON.stringify(items),
          text: packTextIndex(whole.index.text),
        })
        .catch(() => undefined);
    }
    return { items: whole.items, text: whole.index.text };
  })().catch((e: unknown) => {
    names = null;
    throw e;
  });
  return names;
}

/** The ids of the resident items (the ones a post can name by title), without reading the items themselves. */
export async function residentItemIds(readPackaged: ReadPackaged, db: ZhongcaoDB = sharedDb): Promise<Set<string>> {
  const sources = await catalogueReady(readPackaged, db).catch(() => null);
  const { items } = sources
    ? await residentNames(readPackaged, db, sources)
    : await residentCatalogue(readPackaged, db);
  return new Set(items.map((i) => i.item_id));
}

/** Starts what a waking worker's first answer needs (the mock in the database, the resident names). */
export async function warmCatalogue(readPackaged: ReadPackaged, db: ZhongcaoDB = sharedDb): Promise<void> {
  const sources = await catalogueReady(readPackaged, db);
  await residentNames(readPackaged, db, sources);
}

/** The resident items whole (the mock, items.json imports) with their indexes: the studio and title search. */
export async function residentItems(readPackaged: ReadPackaged, db: ZhongcaoDB = sharedDb): Promise<ActiveCatalogue> {
  const { items, index } = await residentCatalogue(readPackaged, db);
  return { items, index };
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

/** Every row of the given item ids, in any source. */
function rowsOf(db: ZhongcaoDB, ids: readonly string[]): Promise<CatalogueItemRow[]> {
  return db.catalogueItems
    .where('item_id')
    .anyOf([...new Set(ids)])
    .toArray();
}

function winningItems(rows: readonly CatalogueItemRow[], sources: readonly CatalogueSourceRow[]): CatalogueItem[] {
  return [...winners(rows, sources).values()].map(rowItem);
}

/** The winning item of each id, read from IndexedDB (for orders and the popup: no catalogue in memory needed). */
export async function catalogueItemsById(ids: readonly string[], db: ZhongcaoDB = sharedDb): Promise<CatalogueItem[]> {
  if (ids.length === 0) return [];
  const [sources, rows] = await Promise.all([listSources(db).then((s) => s.filter((x) => x.enabled)), rowsOf(db, ids)]);
  return winningItems(rows, sources);
}

const noItems: ReadonlyMap<string, CatalogueItem> = new Map();

/** The items `keys` name, each key resolved to the winning enabled source's item; nothing else is read. */
async function lookUp(
  db: ZhongcaoDB,
  keys: Keys,
  sources: readonly CatalogueSourceRow[],
): Promise<Pick<CatalogueIndex, 'byItemId' | 'byClickCode' | 'byShortToken' | 'byTpwd'>> {
  // One read transaction, one `getAll` per key: a waking worker's first answer waits on these.
  const { rows, byClick, byShort, byTpwd } = await db.transaction('r', db.catalogueItems, async () => {
    const equal = async (index: 'item_id' | 'click_code' | 'short_token' | 'tpwd', set: Iterable<string>) =>
      (await Promise.all([...set].map((k) => db.catalogueItems.where(index).equals(k).toArray()))).flat();
    const [byId, byClick, byShort, byTpwd] = await Promise.all([
      equal('item_id', keys.itemIds),
      equal('click_code', keys.clickCodes),
      equal('short_token', keys.shortTokens),
      equal('tpwd', keys.tpwds),
    ]);
    // An item reached through a key may be held by another enabled source too, whose row then wins: read every row
    // of it. When one source is enabled and every key was found there, no other row can win.
    const keyed = [...byClick, ...byShort, ...byTpwd];
    const reached = new Set<string>();
    for (const row of keyed) if (!keys.itemIds.has(row.item_id)) reached.add(row.item_id);
    const alone = sources.length === 1 && keyed.every((row) => row.source_id === sources[0]?.id);
    const others = alone ? keyed : await equal('item_id', reached);
    return { rows: [...byId, ...others], byClick, byShort, byTpwd };
  });
  if (rows.length === 0) return { byItemId: noItems, byClickCode: noItems, byShortToken: noItems, byTpwd: noItems };
  const best = winners(rows, sources);
  const rank = new Map(sources.map((s, i) => [s.id, i]));
  const byItemId = new Map([...best].map(([id, row]) => [id, rowItem(row)]));
  const keyed = (found: readonly CatalogueItemRow[], key: (r: CatalogueItemRow) => string | null) => {
    const m = new Map<string, CatalogueItem>();
    const at = new Map<string, number>();
    for (const row of found) {
      const k = key(row);
      const r = rank.get(row.source_id);
      const item = byItemId.get(row.item_id);
      if (!k || r === undefined || !item) continue;
      if ((at.get(k) ?? Number.POSITIVE_INFINITY) <= r) continue;
      at.set(k, r);
      m.set(k, item);
    }
    return m;
  };
  return {
    byItemId,
    byClickCode: keyed(byClick, (r) => r.click_code),
    byShortToken: keyed(byShort, (r) => r.short_token),
    byTpwd: keyed(byTpwd, (r) => r.tpwd),
  };
}

/**
 * The catalogue as the analyser needs it for `posts`: the title index over the resident names, and every item the
 * posts reference looked up by key (read while the names load). Nothing beyond those rows is read, whatever the size
 * of the imported sources; the items a title match finds are read by id afterwards (`itemsById`).
 */
export async function catalogueForPosts(
  posts: readonly Pick<Post, 'text' | 'repost' | 'links'>[],
  readPackaged: ReadPackaged,
  db: ZhongcaoDB = sharedDb,
): Promise<PostsCatalogue> {
  const sources = await catalogueReady(readPackaged, db).catch(() => null);
  if (!sources) {
    // Without the database (the fallback), the resident index is the whole packaged catalogue with every key.
    const { index } = await residentCatalogue(readPackaged, db);
    return { index };
  }
  const [named, keyed] = await Promise.all([
    residentNames(readPackaged, db, sources),
    lookUp(db, referenceKeys(posts), sources),
  ]);
  return {
    index: { items: named.items, text: named.text, ...keyed },
    itemsById: async (ids) => (ids.length > 0 ? winningItems(await rowsOf(db, ids), sources) : []),
  };
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
