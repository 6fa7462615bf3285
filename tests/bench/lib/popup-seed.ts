import type { Page } from '@playwright/test';

/** What the popup benchmarks seed: months of heavy use. */
export const POPUP_SEED = { EVENTS: 100_000, ORDERS: 1_000, SAVES: 60 } as const;

/**
 * Seeds `POPUP_SEED` into the extension's IndexedDB from an extension page (the popup, already opened once so Dexie
 * has created the schema) with raw IndexedDB puts: events over 120 days with the type mix of real use (mostly
 * exposures, one click in ten), orders over 200 days (half placed from a card), saves an hour apart. Returns ms.
 */
export function seedPopupData(page: Page, counts: { EVENTS: number; ORDERS: number; SAVES: number } = POPUP_SEED) {
  return page.evaluate(async ({ EVENTS, ORDERS, SAVES }) => {
    const t0 = performance.now();
    const items = (
      (await (await fetch('/catalogue/items.json')).json()) as {
        item_id: string;
        title: string;
        pict_url: string;
        zk_final_price: string;
      }[]
    ).slice(0, 400);
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('zhongcao');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const now = Date.now();
    const DAY = 86_400_000;
    const uuid = () => crypto.randomUUID();
    const put = (store: string, rows: unknown[]) =>
      new Promise<void>((res, rej) => {
        const tx = db.transaction(store, 'readwrite');
        const os = tx.objectStore(store);
        for (const r of rows) os.put(r);
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
    const types = [
      'exposure',
      'exposure',
      'exposure',
      'exposure',
      'detect',
      'click',
      'view_time',
      'interaction',
      'save',
      'dismiss',
    ];
    for (let start = 0; start < EVENTS; start += 10_000) {
      const rows = [];
      for (let i = start; i < start + 10_000; i++) {
        const it = items[i % items.length]!;
        const type = types[i % types.length]!;
        rows.push({
          event_id: uuid(),
          schema_version: 1,
          type,
          ts: now - Math.floor((i / EVENTS) * 120 * DAY),
          tz_offset: 480,
          page_id: uuid(),
          post_id: `P${i % 5000}`,
          author_id: String(1_000_000 + (i % 300)),
          item_id: it.item_id,
          ext_version: '0.1.0',
          ...(type === 'click' ? { target: 'card' } : {}),
          ...(type === 'exposure' ? { visible_ms: 1200, max_ratio: 1 } : {}),
        });
      }
      await put('events', rows);
    }
    const orders = [];
    for (let i = 0; i < ORDERS; i++) {
      const it = items[(i * 7) % items.length]!;
      const created = now - Math.floor((i / ORDERS) * 200 * DAY);
      orders.push({
        order_id: `${created}${String(i).padStart(6, '0')}`,
        item_id: it.item_id,
        sku_id: '100000001',
        sku_props: { 规格: '标准' },
        title: it.title,
        pict_url: it.pict_url,
        quantity: 1,
        unit_price_fen: 9900,
        coupon_fen: i % 3 ? 0 : 1000,
        paid_fen: i % 3 ? 9900 : 8900,
        commission_rate_bp: 1500,
        post_id: i % 2 ? `P${i}` : null,
        author_id: i % 2 ? String(1_000_000 + (i % 300)) : null,
        author_name: i % 2 ? `博主${i % 300}` : null,
        created_at: created,
        status: 'paid',
      });
    }
    await put('orders', orders);
    const saves = items.slice(0, SAVES).map((it, i) => ({
      item_id: it.item_id,
      post_id: `P${i}`,
      author_id: String(1_000_000 + i),
      author_name: `博主${i}`,
      title: it.title,
      pict_url: it.pict_url,
      price_fen_at_save: 9900,
      saved_at: now - i * 3_600_000,
    }));
    await put('saves', saves);
    db.close();
    return performance.now() - t0;
  }, counts);
}
