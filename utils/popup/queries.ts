import type { OrderRow, SaveRow, ZhongcaoDB } from '@/utils/db';
import { countOfType, eventsOfType, eventsOnItems, latestOfType, latestOnItem } from '@/utils/db/event-log';
import type { EventOf } from '@/utils/events/schema';
import { ATTRIBUTION_WINDOW_MS, type Attribution, attributeOrder, type Touch } from '@/utils/metrics/attribution';
import { countClickThroughs, isClickThrough } from '@/utils/metrics/clicks';
import { bucketByDay, dayStarts, type FunnelCounts, type Ranked, topN } from '@/utils/metrics/funnel';

/**
 * The popup's reads. Each is bounded by an index: clicks on `[type+ts]` read newest first in pages with a stop
 * condition, an order's deciding touches on `[item_id+type+ts]`, `created_at` with a limit, indexed `count()`s.
 * Nothing here scans the whole event log, which after months of use holds 100 000+ rows.
 */
export const PAGE_SIZE = 20;

/** The 种草 view the popup opens on (all, first page, no search): its live query starts before React loads. */
export const OPENING_PLANTED = { filter: 'all', limit: PAGE_SIZE } as const;

export type PlantedFilter = 'all' | 'saved' | 'clicked';

export interface ClickRef {
  ts: number;
  post_id: string;
  author_id: string | null;
}

export interface PlantedEntry {
  item_id: string;
  saved: SaveRow | null;
  click: ClickRef | null;
  /** Newest of saved_at and the last click: the list order. */
  ts: number;
}

export interface PlantedPage {
  entries: PlantedEntry[];
  /** More entries exist past this page. */
  more: boolean;
}

type ClickEvent = EventOf<'click'>;

/** Clicks that say "I was interested in this product" (click-throughs, not 种草 / 收起 / SKU controls). */
function isInterest(e: ClickEvent): e is ClickEvent & { item_id: string } {
  return e.item_id !== null && isClickThrough(e);
}

/**
 * Calls `visit` on click events newest first (ties: storage order, newest key first) until it returns false. Reads
 * pages of `first`, `2 × first`, … rows (at most `maxPage`) with one request each: Dexie turns a reversed, limited
 * range into IndexedDB's `getAll` with a direction where the browser has it (Chromium 141+), where a cursor costs a
 * round trip per row (22 rows: ~75 ms on a loaded machine; tests/bench/popup-bench.ts).
 */
async function eachClickNewestFirst(
  db: ZhongcaoDB,
  first: number,
  maxPage: number,
  visit: (e: ClickEvent) => boolean,
): Promise<void> {
  let upper: number | null = null;
  // Clicks at the page's last millisecond may go on past it: the next page starts at that millisecond again and
  // skips the ones already visited.
  let visitedAtUpper = new Set<string>();
  let size = first;
  for (;;) {
    const rows: ClickEvent[] = await latestOfType(db, 'click', upper, size);
    for (const e of rows) {
      if (visitedAtUpper.has(e.event_id)) continue;
      if (!visit(e)) return;
    }
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    if (last.ts !== upper) visitedAtUpper = new Set();
    for (const e of rows) if (e.ts === last.ts) visitedAtUpper.add(e.event_id);
    upper = last.ts;
    size = Math.min(size * 2, Math.max(maxPage, visitedAtUpper.size + first));
  }
}

/**
 * 种草 list: saved items plus distinct clicked items, newest first, up to `limit` (+1 to know there is more).
 * With `itemIds` (a title search resolved against the catalogue) clicks are read through the `item_id` index.
 */
export async function loadPlanted(
  db: ZhongcaoDB,
  opts: { filter: PlantedFilter; limit: number; itemIds?: ReadonlySet<string> | null; titleQuery?: string },
): Promise<PlantedPage> {
  const { filter, limit, itemIds } = opts;
  const q = opts.titleQuery?.trim().toLowerCase() ?? '';
  const wantSaved = (s: SaveRow) => !q || s.title.toLowerCase().includes(q) || (itemIds?.has(s.item_id) ?? false);

  const clicks = new Map<string, ClickRef>();
  const readClicks = async () => {
    if (filter === 'saved') return;
    // The newest limit+1 entries overall lie within the saves and the newest limit+1 distinct clicked items.
    const need = limit + 1;
    // Someone who clicks the same few items again and again would make "distinct" walk the whole log: cap the rows
    // read; older items then appear after "load more" raises the limit.
    const maxRows = need * 40;
    if (itemIds) {
      if (itemIds.size > 0) {
        const rows = await eventsOnItems(db, 'click', [...itemIds]);
        rows.sort((a, b) => b.ts - a.ts);
        for (const e of rows) if (isInterest(e) && !clicks.has(e.item_id)) clicks.set(e.item_id, ref(e));
      }
      return;
    }
    // Clicks newest first, stopping once enough distinct items are found.
    let read = 0;
    await eachClickNewestFirst(db, need * 2, maxRows, (e) => {
      if (clicks.size >= need || read >= maxRows) return false;
      read++;
      if (isInterest(e) && !clicks.has(e.item_id)) clicks.set(e.item_id, ref(e));
      return true;
    });
  };
  const [saves] = await Promise.all([db.saves.orderBy('saved_at').reverse().toArray(), readClicks()]);

  const byItem = new Map<string, PlantedEntry>();
  if (filter !== 'clicked') {
    for (const s of saves) {
      if (!wantSaved(s)) continue;
      byItem.set(s.item_id, { item_id: s.item_id, saved: s, click: null, ts: s.saved_at });
    }
  }
  for (const [id, c] of clicks) {
    const have = byItem.get(id);
    if (have) {
      have.click = c;
      have.ts = Math.max(have.ts, c.ts);
    } else if (filter !== 'saved') {
      const saved = saves.find((s) => s.item_id === id) ?? null;
      byItem.set(id, { item_id: id, saved, click: c, ts: Math.max(c.ts, saved?.saved_at ?? 0) });
    }
  }
  const all = [...byItem.values()].sort((a, b) => b.ts - a.ts);
  return { entries: all.slice(0, limit), more: all.length > limit };
}

function ref(e: ClickEvent): ClickRef {
  return { ts: e.ts, post_id: e.post_id, author_id: e.author_id };
}

export interface OrderEntry {
  order: OrderRow;
  attribution: Attribution;
}

/**
 * The touches that decide an order's attribution: the latest click and the latest exposure on its item in the window
 * before the purchase that name a post, read backwards on `[item_id+type+ts]` (one or two index entries each). Every
 * such touch at that same millisecond comes along, in storage order, so `attributeOrder` picks exactly what it would
 * from every touch on the item.
 */
async function deciderTouches(db: ZhongcaoDB, order: OrderRow): Promise<Touch[]> {
  const from = order.created_at - ATTRIBUTION_WINDOW_MS;
  const latest = async (type: Touch['type']): Promise<Touch[]> =>
    (await latestOnItem(db, order.item_id, type, from, order.created_at)).map((e) => ({
      type,
      ts: e.ts,
      item_id: e.item_id,
      post_id: e.post_id,
      author_id: e.author_id,
    }));
  const [clicks, exposures] = await Promise.all([latest('click'), latest('exposure')]);
  return [...clicks, ...exposures];
}

/** 拔草 list, one page of orders newest first, each with its last-touch attribution. */
export async function loadOrders(
  db: ZhongcaoDB,
  opts: { limit: number },
): Promise<{ entries: OrderEntry[]; total: number }> {
  const [orders, total] = await Promise.all([
    db.orders.orderBy('created_at').reverse().limit(opts.limit).toArray(),
    db.orders.count(),
  ]);
  // Orders placed from a card already name their post; only the others need the event log.
  const entries = await Promise.all(
    orders.map(async (order) => ({
      order,
      attribution: attributeOrder(order, order.post_id ? [] : await deciderTouches(db, order)),
    })),
  );
  return { entries, total };
}

export interface Overview {
  days: number;
  counts: FunnelCounts;
  spentFen: number;
  orderCount: number;
  /** Per day, oldest first. */
  spentByDay: number[];
  exposuresByDay: number[];
  topAuthors: Ranked[];
  /** Item ids with how much they weigh (orders count 3, saves 2, clicks 1), for the category chart. */
  itemWeights: Ranked[];
  /** uid → display name, from saves and orders (events carry no names; the popup adds `authorNamesFor`'s). */
  authorNames: Record<string, string>;
}

/**
 * 概览 for the last `days` days. Funnel stages are indexed counts. Saves count the larger of logged `save` events and
 * saved rows in range: saves made while logging was paused are still on the list. Top influencers weigh orders 3,
 * saves 2, clicks 1 (reading the period's clicks, which is the one range read here).
 */
export async function loadOverview(db: ZhongcaoDB, opts: { days: number; now: number }): Promise<Overview> {
  const starts = dayStarts(opts.now, opts.days);
  const from = starts[0]!;
  const to = opts.now + 1;
  // One batch of reads. The day buckets cover [from, to) exactly, so their sum is the period's exposure count.
  const [exposuresByDay, saveEvents, savesInRange, orders, allClicks, allSaves] = await Promise.all([
    Promise.all(starts.map((s, i) => countOfType(db, 'exposure', s, starts[i + 1] ?? to))),
    countOfType(db, 'save', from, to),
    db.saves.where('saved_at').between(from, to).toArray(),
    db.orders.where('created_at').between(from, to).toArray(),
    eventsOfType(db, 'click', from, to),
    db.saves.toArray(),
  ]);
  const exposure = exposuresByDay.reduce((n, x) => n + x, 0);
  const clicks = allClicks.filter((c) => isClickThrough(c));
  const click = countClickThroughs(clicks);
  const spentFen = orders.reduce((n, o) => n + o.paid_fen, 0);

  const authorNames: Record<string, string> = {};
  for (const r of [...allSaves, ...orders]) if (r.author_id && r.author_name) authorNames[r.author_id] = r.author_name;

  type W = { author: string | null; item: string | null; w: number };
  const weights: W[] = [
    ...orders.map((o) => ({ author: o.author_id, item: o.item_id, w: 3 })),
    ...savesInRange.map((s) => ({ author: s.author_id, item: s.item_id, w: 2 })),
    ...clicks.map((c) => ({ author: c.author_id, item: c.item_id, w: 1 })),
  ];
  return {
    days: opts.days,
    counts: { exposure, click, save: Math.max(saveEvents, savesInRange.length), purchase: orders.length },
    spentFen,
    orderCount: orders.length,
    spentByDay: bucketByDay(
      orders,
      starts,
      (o) => o.created_at,
      (o) => o.paid_fen,
    ),
    exposuresByDay,
    topAuthors: topN(
      weights,
      (x) => x.author,
      5,
      (x) => x.w,
    ),
    itemWeights: topN(
      weights,
      (x) => x.item,
      200,
      (x) => x.w,
    ),
    authorNames,
  };
}

/**
 * uid → name for the given authors: the name the feed last showed on a card the shopper clicked (`authors`), else the
 * one a save or an order of theirs kept (indexed lookups).
 */
export async function authorNamesFor(db: ZhongcaoDB, ids: Iterable<string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const unique = [...new Set(ids)];
  const known = await db.authors.bulkGet(unique);
  await Promise.all(
    unique.map(async (id, i) => {
      const row = known[i];
      if (row?.name) {
        out[id] = row.name;
        return;
      }
      const s = await db.saves.where('author_id').equals(id).first();
      const name = s?.author_name ?? (await db.orders.where('author_id').equals(id).first())?.author_name;
      if (name) out[id] = name;
    }),
  );
  return out;
}
