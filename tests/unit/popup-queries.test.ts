import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { type OrderRow, type SaveRow, ZhongcaoDB } from '@/utils/db';
import { createEventFactory } from '@/utils/events/factory';
import type { ZcEvent } from '@/utils/events/schema';
import { ATTRIBUTION_WINDOW_MS, attributeOrder, type Touch } from '@/utils/metrics/attribution';
import { countClickThroughs, isClickThrough } from '@/utils/metrics/clicks';
import { dayStarts } from '@/utils/metrics/funnel';
import {
  type ClickRef,
  loadOrders,
  loadOverview,
  loadPlanted,
  type PlantedEntry,
  type PlantedFilter,
} from '@/utils/popup/queries';
import { seededRandom } from '@/utils/random';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 20, 6, 30);
const ITEMS = ['600000000001', '600000000002', '600000000003', '600000000004', '600000000005', '600000000006'];
const TARGETS = ['card', 'link', 'buy', 'save', 'sku', 'collapse'] as const;

/** Seeded, so a failure can be replayed. */
const rng = seededRandom;

const opened: ZhongcaoDB[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

/**
 * A log built to trip index reads: few items, timestamps on a coarse grid (many touches share a millisecond, so ties
 * must break the same way), touches exactly on the window edges and the purchase time, clicks without an item,
 * touches without a post (old rows), and non-touch types in between. Orders: some placed from a card.
 */
async function seed(seedNo: number) {
  const r = rng(seedNo);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const db = new ZhongcaoDB(`zc-popup-queries-${crypto.randomUUID()}`);
  opened.push(db);
  const pageIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  const make = createEventFactory({ pageId: pageIds[0]!, extVersion: '0.1.0' });
  const orders: OrderRow[] = [];
  for (let i = 0; i < 30; i++) {
    const fromCard = r() < 0.3;
    const post = `P${Math.floor(r() * 8)}`;
    orders.push({
      order_id: `ZC-${i}`,
      item_id: pick(ITEMS),
      sku_id: '700000000001',
      sku_props: { 规格: '标准' },
      title: '测试商品',
      pict_url: 'catalogue/img/x.svg',
      quantity: 1,
      unit_price_fen: 9900,
      coupon_fen: 0,
      paid_fen: 9900 + i,
      commission_rate_bp: 1500,
      post_id: fromCard ? post : null,
      author_id: fromCard ? `A${post}` : null,
      author_name: fromCard ? `博主${post}` : null,
      created_at: NOW - Math.floor(r() * 120) * DAY,
      status: 'paid',
    });
  }
  const events: ZcEvent[] = [];
  const touch = (type: 'click' | 'exposure', item: string | null, ts: number, post: string | null) => {
    const post_id = post ?? 'P0';
    const base = { post_id, author_id: `A${post_id}`, item_id: item };
    const e =
      type === 'click'
        ? make('click', { ...base, target: pick(TARGETS) }, ts)
        : make('exposure', { ...base, item_id: item ?? ITEMS[0]!, visible_ms: 1200, max_ratio: 1 }, ts);
    // Rows from older builds may lack a post; attribution must skip them.
    events.push({ ...e, page_id: pick(pageIds), ...(post === null ? { post_id: null } : {}) } as ZcEvent);
  };
  const times: number[] = [];
  for (let i = 0; i < 600; i++) {
    const ts = times.length > 0 && r() < 0.3 ? pick(times) : NOW - Math.floor(r() * 360) * (DAY / 4);
    times.push(ts);
    const post = r() < 0.1 ? null : `P${Math.floor(r() * 8)}`;
    const kind = r();
    if (kind < 0.12) touch('click', r() < 0.1 ? null : pick(ITEMS), ts, post);
    else if (kind < 0.8) touch('exposure', pick(ITEMS), ts, post);
    else if (kind < 0.9) events.push(make('save', { post_id: null, author_id: null, item_id: pick(ITEMS) }, ts));
    else events.push(make('detect', { post_id: `P${i}`, author_id: 'A1', item_id: pick(ITEMS), score: 0.9 }, ts));
  }
  for (const o of orders) {
    // On the edges of an order's window, and at the purchase itself (both ends count).
    if (r() < 0.3) touch(r() < 0.5 ? 'click' : 'exposure', o.item_id, o.created_at - ATTRIBUTION_WINDOW_MS, 'edge');
    if (r() < 0.3) touch(r() < 0.5 ? 'click' : 'exposure', o.item_id, o.created_at, 'at-purchase');
    if (r() < 0.3) touch('click', o.item_id, o.created_at + 1, 'after');
  }
  await db.events.bulkAdd(events);
  await db.orders.bulkAdd(orders);
  return { db, events, orders };
}

describe('popup reads agree with a scan of the whole event log', () => {
  for (const seedNo of [1, 2, 3, 4, 5]) {
    it(`拔草: every order's source, read through [item_id+type+ts], is what attributeOrder finds among all touches (seed ${seedNo})`, async () => {
      const { db, events, orders } = await seed(seedNo);
      // The reference: every click and exposure in storage (event_id) order, as the popup used to read them.
      const all: Touch[] = [...events]
        .sort((a, b) => (a.event_id < b.event_id ? -1 : 1))
        .filter((e) => e.type === 'click' || e.type === 'exposure')
        .map((e) => ({
          type: e.type as Touch['type'],
          ts: e.ts,
          item_id: e.item_id,
          post_id: e.post_id,
          author_id: e.author_id,
        }));
      const { entries, total } = await loadOrders(db, { limit: orders.length });
      expect(total).toBe(orders.length);
      expect(entries).toHaveLength(orders.length);
      const kinds = new Set<string>();
      for (const { order, attribution } of entries) {
        const expected = attributeOrder(order, all);
        expect(attribution).toEqual(expected);
        kinds.add(expected.kind === 'post' ? expected.via : 'direct');
      }
      // The data exercises every outcome, so the comparison means something.
      expect([...kinds].sort()).toEqual(['click', 'direct', 'exposure', 'order']);
    });
  }

  it('拔草: pages are newest first and count every order', async () => {
    const { db, orders } = await seed(9);
    const { entries, total } = await loadOrders(db, { limit: 5 });
    expect(total).toBe(orders.length);
    const newest = [...orders].sort((a, b) => b.created_at - a.created_at).slice(0, 5);
    expect(entries.map((e) => e.order.created_at)).toEqual(newest.map((o) => o.created_at));
  });

  for (const days of [7, 30] as const) {
    it(`概览 (${days} days): funnel counts and day buckets equal counts over every event`, async () => {
      const { db, events, orders } = await seed(days);
      const starts = dayStarts(NOW, days);
      const from = starts[0]!;
      const to = NOW + 1;
      const inRange = (ts: number) => ts >= from && ts < to;
      const o = await loadOverview(db, { days, now: NOW });
      const exposures = events.filter((e) => e.type === 'exposure' && inRange(e.ts));
      expect(o.counts.exposure).toBe(exposures.length);
      expect(o.exposuresByDay).toEqual(
        starts.map((s, i) => exposures.filter((e) => e.ts >= s && e.ts < (starts[i + 1] ?? to)).length),
      );
      expect(o.counts.click).toBe(countClickThroughs(events.filter((e) => isClickThrough(e) && inRange(e.ts))));
      expect(o.counts.save).toBe(events.filter((e) => e.type === 'save' && inRange(e.ts)).length);
      const bought = orders.filter((x) => x.created_at >= from && x.created_at < to);
      expect(o.counts.purchase).toBe(bought.length);
      expect(o.spentFen).toBe(bought.reduce((n, x) => n + x.paid_fen, 0));
      expect(o.counts.exposure).toBeGreaterThan(0);
      expect(o.counts.click).toBeGreaterThan(0);
    });
  }
});

/**
 * The 种草 list as the popup computed it before clicks were read in pages: one cursor step per click, newest first,
 * stopping at limit+1 distinct items or after 40 × (limit+1) rows. Kept here as the specification the paged read must
 * match exactly.
 */
async function plantedByCursor(db: ZhongcaoDB, filter: PlantedFilter, limit: number) {
  const saves = await db.saves.orderBy('saved_at').reverse().toArray();
  const clicks = new Map<string, ClickRef>();
  if (filter !== 'saved') {
    const need = limit + 1;
    let read = 0;
    await db.events
      .where('[type+ts]')
      .between(['click', Dexie.minKey], ['click', Dexie.maxKey])
      .reverse()
      .until(() => clicks.size >= need || read >= need * 40)
      .each((e) => {
        read++;
        if (e.type === 'click' && e.item_id !== null && isClickThrough(e) && !clicks.has(e.item_id))
          clicks.set(e.item_id, { ts: e.ts, post_id: e.post_id, author_id: e.author_id });
      });
  }
  const byItem = new Map<string, PlantedEntry>();
  if (filter !== 'clicked')
    for (const s of saves) byItem.set(s.item_id, { item_id: s.item_id, saved: s, click: null, ts: s.saved_at });
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

describe('种草 list: clicks read in pages give the list a cursor walk gave', () => {
  /**
   * Bursts of clicks at the same millisecond (page edges fall inside them), a long tail of items (so the row cap
   * decides what is found), controls that are not click-throughs, clicks without an item, and saves among them.
   */
  async function seedClicks(seedNo: number, items: number, repeat: number) {
    const r = rng(seedNo);
    const db = new ZhongcaoDB(`zc-planted-${crypto.randomUUID()}`);
    opened.push(db);
    const make = createEventFactory({ pageId: crypto.randomUUID(), extVersion: '0.1.0' });
    const ids = Array.from({ length: items }, (_, i) => String(600_000_000_000 + i));
    const events: ZcEvent[] = [];
    let ts = NOW;
    let burst = 0;
    for (let i = 0; i < 1500; i++) {
      // Bursts of up to 12 clicks in one millisecond, so page edges fall inside them.
      if (burst-- <= 0) {
        ts -= 1 + Math.floor(r() * 5_000);
        burst = Math.floor(r() * 12);
      }
      // A long tail: the first items are clicked again and again (`repeat` of all clicks go to the first two), the
      // last ones rarely, some only near the row cap.
      const item = r() < 0.05 ? null : r() < repeat ? ids[i % 2]! : ids[Math.floor(ids.length * r() ** 4)]!;
      const post = `P${Math.floor(r() * 50)}`;
      events.push(
        make(
          'click',
          { post_id: post, author_id: `A${post}`, item_id: item, target: TARGETS[Math.floor(r() * TARGETS.length)]! },
          ts,
        ),
      );
    }
    await db.events.bulkAdd(events);
    const saves: SaveRow[] = ids
      .filter(() => r() < 0.15)
      .map((item_id) => ({
        item_id,
        post_id: null,
        author_id: null,
        author_name: null,
        title: `商品 ${item_id}`,
        pict_url: 'catalogue/img/x.svg',
        price_fen_at_save: 100,
        saved_at: NOW - Math.floor(r() * 1500 * 2_500),
      }));
    await db.saves.bulkAdd(saves);
    return db;
  }

  for (const [seedNo, items, repeat] of [
    [11, 200, 0],
    [12, 40, 0],
    [13, 200, 0.97],
  ] as const) {
    it(`matches for every filter and page size (${items} items, ${repeat * 100} % on two of them)`, {
      timeout: 30_000,
    }, async () => {
      const db = await seedClicks(seedNo, items, repeat);
      for (const filter of ['all', 'saved', 'clicked'] as const) {
        for (const limit of [1, 3, 20, 40, 60]) {
          const got = await loadPlanted(db, { filter, limit });
          expect(got, `${filter} ${limit}`).toEqual(await plantedByCursor(db, filter, limit));
        }
      }
    });
  }

  it('visits a click at a page edge once: the row cap (40 × (limit+1) rows) still reaches the 80th click', async () => {
    const db = new ZhongcaoDB(`zc-planted-${crypto.randomUUID()}`);
    opened.push(db);
    const make = createEventFactory({ pageId: crypto.randomUUID(), extVersion: '0.1.0' });
    const click = (item: string, ts: number) =>
      make('click', { post_id: 'P1', author_id: 'A1', item_id: item, target: 'card' }, ts);
    // 79 clicks on one item in bursts of five per millisecond (pages of 4, 8, 16, … rows end inside bursts), then
    // one on another item: with limit 1 the cap is 80 rows, so it is found exactly when no row is counted twice.
    const events = Array.from({ length: 79 }, (_, i) => click('600000000001', NOW - Math.floor(i / 5)));
    events.push(click('600000000002', NOW - 1000));
    await db.events.bulkAdd(events);
    const page = await loadPlanted(db, { filter: 'clicked', limit: 1 });
    expect(page).toEqual(await plantedByCursor(db, 'clicked', 1));
    expect(page).toMatchObject({ entries: [{ item_id: '600000000001' }], more: true });
  });
});
