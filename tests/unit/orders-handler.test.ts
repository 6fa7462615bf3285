import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { ZhongcaoDB } from '@/utils/db';
import { sendMessage } from '@/utils/messaging';
import { ORDER_ID_PATTERN } from '@/utils/orders';
import { placeOrder, registerOrderHandlers } from '@/utils/worker/orders';
import { getSavedIds, registerSaveHandlers, saveItem, unsaveItem } from '@/utils/worker/saves';
import { JUNE_1, lipstick } from './orders.fixture';

let db: ZhongcaoDB;
let n = 0;
let catalogue: Map<string, CatalogueItem>;
const deps = () => ({ db, now: () => JUNE_1, rand: () => 0.123456, getItem: async (id: string) => catalogue.get(id) });

const request = {
  itemId: '600000000001',
  skuId: '700000000001',
  quantity: 3,
  expectedTotalFen: 5470,
  postId: 'Q1a2B3c4D',
  authorId: '1669879400',
  authorName: '美妆博主小鹿',
};

beforeEach(() => {
  db = new ZhongcaoDB(`zc-orders-test-${n++}`);
  catalogue = new Map([['600000000001', lipstick()]]);
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

describe('placeOrder (background)', () => {
  it('stores the order with item, SKU, quantity, price paid, coupon, post and author', async () => {
    const res = await placeOrder(request, deps());
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.order.order_id).toMatch(ORDER_ID_PATTERN);
    const stored = await db.orders.get(res.order.order_id);
    expect(stored).toEqual({
      order_id: res.order.order_id,
      item_id: '600000000001',
      sku_id: '700000000001',
      sku_props: { 色号: '#316 豆沙' },
      title: '丝绒哑光口红 小金条 #316 豆沙色',
      pict_url: 'catalogue/img/lipstick.svg',
      quantity: 3,
      unit_price_fen: 1990,
      coupon_fen: 500,
      paid_fen: 5470,
      commission_rate_bp: 1550,
      post_id: 'Q1a2B3c4D',
      author_id: '1669879400',
      author_name: '美妆博主小鹿',
      created_at: JUNE_1,
      status: 'paid',
    });
  });

  it('refuses an out-of-stock SKU and writes nothing', async () => {
    const res = await placeOrder({ ...request, skuId: '700000000002', quantity: 1, expectedTotalFen: 1990 }, deps());
    expect(res).toMatchObject({ ok: false, code: 'out-of-stock' });
    expect(await db.orders.count()).toBe(0);
  });

  it('refuses when the catalogue price changed since the sheet was shown, and writes nothing', async () => {
    catalogue.set('600000000001', {
      ...lipstick(),
      skus: [{ sku_id: '700000000001', props: { 色号: '#316 豆沙' }, price: '22.90', stock: 5 }],
    });
    const res = await placeOrder(request, deps());
    expect(res).toMatchObject({ ok: false, code: 'price-changed' });
    if (!res.ok) expect(res.message).toContain('¥63.70');
    expect(await db.orders.count()).toBe(0);
  });

  it('refuses malformed requests and unknown items without writing', async () => {
    expect(await placeOrder({ ...request, quantity: '3' }, deps())).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await placeOrder({ ...request, itemId: '<img src=x>' }, deps())).toMatchObject({ code: 'bad-request' });
    expect(await placeOrder({ ...request, itemId: '600000000099' }, deps())).toMatchObject({ code: 'unknown-item' });
    expect(await db.orders.count()).toBe(0);
  });

  it('gives two orders in the same second different numbers', async () => {
    const rolls = [0.5, 0.5, 0.7];
    const d = { ...deps(), rand: () => rolls.shift() ?? 0.9 };
    const a = await placeOrder(request, d);
    const b = await placeOrder(request, d);
    expect(a.ok && b.ok && a.order.order_id !== b.order.order_id).toBe(true);
    expect(await db.orders.count()).toBe(2);
  });

  it('reports a storage failure as a failed order instead of a half-written one', async () => {
    vi.spyOn(db.orders, 'add').mockRejectedValueOnce(new Error('QuotaExceededError'));
    const res = await placeOrder(request, deps());
    expect(res).toMatchObject({ ok: false, code: 'failed' });
    expect(await db.orders.count()).toBe(0);
  });

  it('ignores messages from other extensions', async () => {
    registerOrderHandlers(deps());
    // WxtVitest's fakeBrowser delivers messages with an empty sender, i.e. not from this extension.
    await expect(sendMessage('placeOrder', request)).rejects.toThrow(/foreign sender/);
    expect(await db.orders.count()).toBe(0);
  });
});

describe('saves (background)', () => {
  it('saves from the catalogue, lists and unsaves', async () => {
    const res = await saveItem({ itemId: '600000000001', postId: 'P1', authorId: '42', authorName: '小鹿' }, deps());
    expect(res).toEqual({ ok: true, savedAt: JUNE_1 });
    expect(await db.saves.get('600000000001')).toMatchObject({
      title: '丝绒哑光口红 小金条 #316 豆沙色',
      price_fen_at_save: 1990,
      post_id: 'P1',
    });
    expect(await getSavedIds(deps())).toEqual({ itemIds: ['600000000001'] });
    await unsaveItem({ itemId: '600000000001' }, deps());
    expect(await getSavedIds(deps())).toEqual({ itemIds: [] });
  });

  it('refuses items not in the catalogue and foreign senders', async () => {
    const res = await saveItem({ itemId: '600000000099', postId: null, authorId: null, authorName: null }, deps());
    expect(res).toMatchObject({ ok: false, code: 'unknown-item' });
    registerSaveHandlers(deps());
    await expect(
      sendMessage('saveItem', { itemId: '600000000001', postId: null, authorId: null, authorName: null }),
    ).rejects.toThrow(/foreign sender/);
    expect(await db.saves.count()).toBe(0);
  });
});
