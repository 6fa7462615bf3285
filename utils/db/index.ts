import Dexie, { type EntityTable } from 'dexie';
import type { CatalogueEntry } from '@/utils/catalogue/entry';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import type { ZcEvent } from '@/utils/events/schema';
import type { PackedTextIndex } from '@/utils/match/pack';

/**
 * The one IndexedDB database, `zhongcao`. Import it only from the background worker and extension pages: Dexie in a
 * content script breaks the build (Chrome rejects the bundle as non-UTF-8), and content scripts run in the page's
 * origin anyway, where this database does not exist.
 */
export const DB_NAME = 'zhongcao';

/** A simulated purchase. Money is integer fen; the commission rate is in basis points. */
export interface OrderRow {
  order_id: string;
  item_id: string;
  sku_id: string;
  sku_props: Record<string, string>;
  title: string;
  pict_url: string;
  quantity: number;
  unit_price_fen: number;
  coupon_fen: number;
  paid_fen: number;
  commission_rate_bp: number;
  post_id: string | null;
  author_id: string | null;
  author_name: string | null;
  created_at: number;
  status: 'paid';
}

/** An item on the user's saved (种草) list; one row per item. */
export interface SaveRow {
  item_id: string;
  post_id: string | null;
  author_id: string | null;
  author_name: string | null;
  title: string;
  pict_url: string;
  price_fen_at_save: number;
  saved_at: number;
}

/** Diagnostics the background keeps for the dashboard (see `META_KEYS`). */
export interface MetaRow {
  key: string;
  value: unknown;
  updated_at: number;
}

export const META_KEYS = {
  /** `{ count: number; last_reason: string; last_at: number }` — event batches refused by the background. */
  rejectedMessages: 'rejected_messages',
  /** `{ count: number; purged_events: number; last_at: number; acknowledged: boolean }` — purges forced by a full disk; the dashboard tells the user while `acknowledged` is false. */
  quotaPurges: 'quota_purges',
  /** `{ count: number; last_at: number }` — events the content-side outbox had to drop because its cap was reached. */
  droppedEvents: 'dropped_events',
  /**
   * `{ count: number; by_code: { schema, post, item, budget }; last_reason: string; last_at: number }` — single events
   * the background refused from a batch (malformed, not a post id, not a catalogue item, over the page view's budget);
   * the sender drops them instead of resending.
   */
  refusedEvents: 'refused_events',
  /** `{ participant_id: string; until_ts: number }` — the last research export: study rows up to then are exported. */
  researchExported: 'research_exported',
  /** `{ count: number; last_at: number }` — events tabs kept while the worker was away, taken in when it was back. */
  recoveredEvents: 'recovered_events',
} as const;

/**
 * Schema history. Never edit a shipped version: add a new one and, if rows must change, an `upgrade`.
 * v1 (first cut): the event log only, with single-field indexes.
 * v2: compound indexes for dashboard queries (by type within a time range, an author's timeline), item/author
 *     indexes, and the orders, saves and meta tables.
 * v3: `[item_id+type+ts]` on events, so an order's attribution reads the last click / exposure on its item before
 *     the purchase directly (the `item_id` index made the 拔草 tab walk every event on the item: 0.4–1.2 s at 100,000
 *     events). IndexedDB builds the index over existing rows during the upgrade; rows are unchanged.
 */
export const SCHEMA_V1 = {
  events: 'event_id, type, ts, post_id',
} as const;

export const SCHEMA_V2 = {
  events: 'event_id, type, ts, post_id, author_id, item_id, [type+ts], [author_id+ts]',
  orders: 'order_id, created_at, item_id, post_id, author_id',
  saves: 'item_id, saved_at, post_id, author_id',
  meta: 'key',
} as const;

export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  events: 'event_id, type, ts, post_id, author_id, item_id, [type+ts], [author_id+ts], [item_id+type+ts]',
} as const;

/**
 * v4: `staged`, the event log's intake. The background acknowledges a batch once it is one row here (one put, no
 * indexes) and moves staged batches into `events` when the intake goes quiet (utils/db/event-log.ts): a burst is
 * written at the speed of one put per batch instead of eight index entries per event. Readers that must see every
 * event (exports) drain it first.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  staged: '++seq',
} as const;

/**
 * v5: `authors`, an influencer's display name by uid. Events carry uids only (they are what a research export
 * writes), so an item the shopper only clicked showed its influencer as a bare uid in the popup; the feed now
 * names the author of a post whose card the shopper clicked (utils/worker/authors.ts).
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  authors: 'author_id',
} as const;

/**
 * v6: the catalogue lives here (issue 26). `catalogueSources` holds one row per source (the packaged mock, each
 * imported file); `catalogueItems` one row per item of a source, keyed by source and item, with the keys a post's
 * references resolve by as indexes (item id, 淘客 click code, short-link token, 淘口令 core). A starting worker reads
 * only the rows a batch of posts refers to. `catalogueSnapshots` keeps the items that can be named by title (the mock's)
 * as one JSON text with their title index packed, so a waking worker reads one row instead of rebuilding the index.
 * Existing tables are unchanged.
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  catalogueSources: 'id, priority',
  catalogueItems: '[source_id+item_id], item_id, click_code, short_token, tpwd',
  catalogueSnapshots: 'key',
} as const;

export const DB_VERSION = 6;

/** One catalogue source: the packaged mock (`id` 'mock') or one imported file. */
export interface CatalogueSourceRow {
  id: string;
  name: string;
  kind: 'mock' | 'xuanpinku-xlsx' | 'xuanpinku-csv' | 'tbk-api-json' | 'items-json';
  imported_at: number;
  /** Items stored for this source. */
  rows: number;
  /** SHA-256 (hex) of the file's bytes; for the mock, of the packaged file's text. */
  sha256: string;
  enabled: boolean;
  /** Lower wins: when two enabled sources hold the same item id, the card shows the lower one's data. */
  priority: number;
  /** The extension version whose packaged catalogue the mock rows came from. */
  version?: string;
}

/** A derived copy, rebuilt whenever `signature` (the sources it was built from) no longer matches. */
export interface CatalogueSnapshotRow {
  key: string;
  signature: string;
  /**
   * JSON of the items in index position order: whole under key `resident`, under key `names` only what the title
   * index needs of each (`NamedItem`), which is all a waking worker reads for the feed.
   */
  items: string;
  text: PackedTextIndex;
}

/**
 * One item of one source: the packaged mock's `item` as packaged (with its SKUs), or an import's `entry` in full, from
 * which cards, orders and the matcher read the item (`rowItem` in utils/catalogue/store.ts). Never both: half the size.
 */
export interface CatalogueItemRow {
  source_id: string;
  item_id: string;
  click_code: string | null;
  short_token: string | null;
  tpwd: string | null;
  item: CatalogueItem | null;
  entry: CatalogueEntry | null;
}

/** An influencer the shopper clicked a card of, by uid: the name the feed showed, for the popup. */
export interface AuthorRow {
  author_id: string;
  name: string;
  updated_at: number;
}

/** One acknowledged batch waiting to be moved into `events`. */
export interface StagedRow {
  seq?: number;
  events: ZcEvent[];
  staged_at: number;
}

export class ZhongcaoDB extends Dexie {
  events!: EntityTable<ZcEvent, 'event_id'>;
  orders!: EntityTable<OrderRow, 'order_id'>;
  saves!: EntityTable<SaveRow, 'item_id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  staged!: EntityTable<StagedRow, 'seq'>;
  authors!: EntityTable<AuthorRow, 'author_id'>;
  catalogueSources!: EntityTable<CatalogueSourceRow, 'id'>;
  catalogueItems!: Dexie.Table<CatalogueItemRow, [string, string]>;
  catalogueSnapshots!: EntityTable<CatalogueSnapshotRow, 'key'>;

  constructor(name: string = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6);
  }
}

/** Shared instance; Dexie opens it on first use. */
export const db = new ZhongcaoDB();
