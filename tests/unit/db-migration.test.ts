import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DB_VERSION,
  type OrderRow,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  ZhongcaoDB,
} from '@/utils/db';
import { createEventFactory } from '@/utils/events/factory';
import { upgradeDatabaseOnInstall } from '@/utils/worker/db-maintenance';

const make = createEventFactory({ pageId: crypto.randomUUID(), extVersion: '0.0.9', now: () => 1_700_000_000_000 });
const opened: Dexie[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

describe('database migrations', () => {
  it('opens a v1 database with data, keeps every row and serves the new indexes and tables', async () => {
    const name = `zc-migrate-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    const events = [
      make(
        'exposure',
        { post_id: 'P1', author_id: 'A1', item_id: '600000000001', visible_ms: 1000, max_ratio: 1 },
        1000,
      ),
      make('click', { post_id: 'P1', author_id: 'A1', item_id: '600000000001', target: 'buy' }, 2000),
      make(
        'exposure',
        { post_id: 'P2', author_id: 'A2', item_id: '600000000002', visible_ms: 1300, max_ratio: 0.6 },
        3000,
      ),
      make('interaction', { post_id: 'P2', author_id: 'A2', item_id: null, action: 'like' }, 4000),
    ];
    await v1.table('events').bulkAdd(events);
    v1.close();

    const db = new ZhongcaoDB(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);

    expect(await db.events.count()).toBe(4);
    expect(await db.events.get(events[1]!.event_id)).toEqual(events[1]);
    // New in v2: compound and author/item indexes, backfilled over old rows by IndexedDB.
    const exposuresAfter2s = await db.events
      .where('[type+ts]')
      .between(['exposure', 2000], ['exposure', Dexie.maxKey])
      .toArray();
    expect(exposuresAfter2s.map((e) => e.post_id)).toEqual(['P2']);
    expect((await db.events.where('author_id').equals('A1').sortBy('ts')).map((e) => e.type)).toEqual([
      'exposure',
      'click',
    ]);
    expect(await db.events.where('item_id').equals('600000000002').count()).toBe(1);
    expect(await db.events.where('[author_id+ts]').between(['A2', 0], ['A2', 3500]).count()).toBe(1);

    const order: OrderRow = {
      order_id: 'ZC-1',
      item_id: '600000000001',
      sku_id: '700000000001',
      sku_props: { 颜色: '雾霾蓝' },
      title: '测试商品',
      pict_url: 'catalogue/img/x.svg',
      quantity: 1,
      unit_price_fen: 12900,
      coupon_fen: 1000,
      paid_fen: 11900,
      commission_rate_bp: 1550,
      post_id: 'P1',
      author_id: 'A1',
      author_name: '测试博主',
      created_at: 5000,
      status: 'paid',
    };
    await db.orders.add(order);
    await db.saves.add({
      item_id: '600000000001',
      post_id: 'P1',
      author_id: 'A1',
      author_name: '测试博主',
      title: '测试商品',
      pict_url: 'catalogue/img/x.svg',
      price_fen_at_save: 12900,
      saved_at: 6000,
    });
    await db.meta.put({ key: 'k', value: { count: 1 }, updated_at: 7000 });
    expect(await db.orders.where('author_id').equals('A1').count()).toBe(1);
    expect(await db.saves.orderBy('saved_at').primaryKeys()).toEqual(['600000000001']);
  });

  it('opens a v2 database with data, keeps every row and serves the v3 [item_id+type+ts] index over old rows', async () => {
    const name = `zc-migrate-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const item = '600000000001';
    const events = [
      make('exposure', { post_id: 'P1', author_id: 'A1', item_id: item, visible_ms: 1000, max_ratio: 1 }, 1000),
      make('click', { post_id: 'P1', author_id: 'A1', item_id: item, target: 'card' }, 2000),
      make('click', { post_id: 'P2', author_id: 'A2', item_id: item, target: 'buy' }, 3000),
      make('click', { post_id: 'P3', author_id: 'A3', item_id: '600000000002', target: 'card' }, 3500),
      make('click', { post_id: 'P4', author_id: 'A4', item_id: null, target: 'mute' }, 3600),
      make('save', { post_id: 'P2', author_id: 'A2', item_id: item }, 4000),
    ];
    await v2.table('events').bulkAdd(events);
    const order = {
      order_id: 'ZC-1',
      item_id: item,
      sku_id: '700000000001',
      sku_props: {},
      title: '测试商品',
      pict_url: 'catalogue/img/x.svg',
      quantity: 1,
      unit_price_fen: 100,
      coupon_fen: 0,
      paid_fen: 100,
      commission_rate_bp: 0,
      post_id: null,
      author_id: null,
      author_name: null,
      created_at: 5000,
      status: 'paid',
    } satisfies OrderRow;
    await v2.table('orders').add(order);
    await v2.table('saves').add({
      item_id: item,
      post_id: 'P2',
      author_id: 'A2',
      author_name: 'B',
      title: 't',
      pict_url: 'p',
      price_fen_at_save: 1,
      saved_at: 4000,
    });
    await v2.table('meta').put({ key: 'k', value: { count: 1 }, updated_at: 7000 });
    v2.close();

    const db = new ZhongcaoDB(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    // v4's intake and v5's author names start empty; the old rows are in the log itself.
    expect(await db.staged.count()).toBe(0);
    expect(await db.authors.count()).toBe(0);
    expect(await db.events.toArray()).toEqual([...events].sort((a, b) => (a.event_id < b.event_id ? -1 : 1)));
    expect(await db.orders.toArray()).toEqual([order]);
    expect(await db.saves.count()).toBe(1);
    expect((await db.meta.get('k'))?.value).toEqual({ count: 1 });
    // The v3 index, built over the v2 rows: this item's clicks in a time range, newest first; rows without an item
    // are not in it.
    const clicks = await db.events
      .where('[item_id+type+ts]')
      .between([item, 'click', 0], [item, 'click', 5000], true, true)
      .reverse()
      .toArray();
    expect(clicks.map((e) => e.post_id)).toEqual(['P2', 'P1']);
    expect(await db.events.where('[item_id+type+ts]').between([item, 'a', 0], [item, 'z', 10_000]).count()).toBe(4);
    expect(await db.events.orderBy('[item_id+type+ts]').count()).toBe(5);
    // The older indexes still answer.
    expect(await db.events.where('[type+ts]').between(['click', 0], ['click', Dexie.maxKey]).count()).toBe(4);
  });

  it('opens a v5 database with data, keeps every saved item, order and event, and adds empty catalogue tables', async () => {
    const name = `zc-migrate-${crypto.randomUUID()}`;
    const v5 = new Dexie(name);
    v5.version(1).stores(SCHEMA_V1);
    v5.version(2).stores(SCHEMA_V2);
    v5.version(3).stores(SCHEMA_V3);
    v5.version(4).stores(SCHEMA_V4);
    v5.version(5).stores(SCHEMA_V5);
    const events = [
      make('click', { post_id: 'P1', author_id: 'A1', item_id: '600000000001', target: 'card' }, 1000),
      make('save', { post_id: 'P1', author_id: 'A1', item_id: '600000000001' }, 2000),
    ];
    await v5.table('events').bulkAdd(events);
    const order = {
      order_id: 'ZC-9',
      item_id: '600000000001',
      sku_id: '700000000001',
      sku_props: {},
      title: '测试商品',
      pict_url: 'catalogue/img/x.webp',
      quantity: 2,
      unit_price_fen: 100,
      coupon_fen: 0,
      paid_fen: 200,
      commission_rate_bp: 100,
      post_id: 'P1',
      author_id: 'A1',
      author_name: null,
      created_at: 3000,
      status: 'paid',
    } satisfies OrderRow;
    await v5.table('orders').add(order);
    const save = {
      item_id: '600000000001',
      post_id: 'P1',
      author_id: 'A1',
      author_name: 'B',
      title: 't',
      pict_url: 'p',
      price_fen_at_save: 1,
      saved_at: 2000,
    };
    await v5.table('saves').add(save);
    await v5.table('staged').add({ events: [events[0]], staged_at: 2500 });
    await v5.table('authors').put({ author_id: 'A1', name: '博主', updated_at: 1 });
    v5.close();

    const db = new ZhongcaoDB(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.events.orderBy('ts').toArray()).toEqual(events);
    expect(await db.orders.toArray()).toEqual([order]);
    expect(await db.saves.toArray()).toEqual([save]);
    expect(await db.staged.count()).toBe(1);
    expect((await db.authors.get('A1'))?.name).toBe('博主');
    expect(await db.catalogueSources.count()).toBe(0);
    expect(await db.catalogueItems.count()).toBe(0);
    expect(await db.catalogueItems.where('short_token').equals('x').count()).toBe(0);
  });

  it('upgrades from the worker as soon as the extension is updated, before any page reads', async () => {
    fakeBrowser.reset();
    const name = `zc-migrate-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('events').add(make('click', { post_id: 'P1', author_id: 'A1', item_id: '6001', target: 'card' }, 1));
    v2.close();

    const db = new ZhongcaoDB(name);
    opened.push(db);
    upgradeDatabaseOnInstall(db);
    expect(db.isOpen()).toBe(false);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    for (let i = 0; i < 100 && !db.isOpen(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(db.isOpen()).toBe(true);
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.events.where('[item_id+type+ts]').between(['6001', 'click', 0], ['6001', 'click', 9]).count()).toBe(
      1,
    );
  });

  it('creates a fresh database at the current version', async () => {
    const db = new ZhongcaoDB(`zc-fresh-${crypto.randomUUID()}`);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'authors',
      'catalogueItems',
      'catalogueSnapshots',
      'catalogueSources',
      'events',
      'meta',
      'orders',
      'saves',
      'staged',
    ]);
  });
});
