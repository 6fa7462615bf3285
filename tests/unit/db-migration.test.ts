import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, type OrderRow, SCHEMA_V1, ZhongcaoDB } from '@/utils/db';
import { createEventFactory } from '@/utils/events/factory';

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

  it('creates a fresh database at the current version', async () => {
    const db = new ZhongcaoDB(`zc-fresh-${crypto.randomUUID()}`);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['events', 'meta', 'orders', 'saves']);
  });
});
