/**
 * Popup first-screen benchmark in real Chromium: seeds 100 000 events, 1 000 orders and 60 saves into the
 * extension's IndexedDB from an extension page, then times popup.html navigation → first 种草 row painted (in-page
 * `performance.now()`, whose origin is navigation start), and the switch to the 拔草 and 概览 tabs.
 * Run: npm run build && npx tsx tests/bench/popup-bench.ts
 */
import { extensionIdOf, getServiceWorker, launchBrowser } from '../../scripts/browser';

const EVENTS = 100_000;
const ORDERS = 1_000;
const SAVES = 60;
const RUNS = 5;

async function main() {
  const context = await launchBrowser({ extension: true });
  try {
    const id = extensionIdOf(await getServiceWorker(context));
    const url = `chrome-extension://${id}/popup.html`;
    // tsx (esbuild keepNames) wraps inner functions in `__name(...)`, which does not exist inside the page.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = await context.newPage();
    await page.setViewportSize({ width: 380, height: 600 });
    await page.goto(url); // lets Dexie create the schema
    await page.getByRole('tab', { name: '种草' }).waitFor();

    const seedMs = await page.evaluate(
      async ({ EVENTS, ORDERS, SAVES }) => {
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
      },
      { EVENTS, ORDERS, SAVES },
    );
    console.log(`seeded ${EVENTS} events, ${ORDERS} orders, ${SAVES} saves in ${seedMs.toFixed(0)} ms`);

    const first: number[] = [];
    const orders: number[] = [];
    const overview: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto('about:blank');
      await page.goto(url);
      first.push(
        (await (
          await page.waitForFunction(
            () => (document.querySelector('[data-testid=planted-list] li img') ? performance.now() : false),
            null,
            { polling: 'raf', timeout: 10_000 },
          )
        ).jsonValue()) as number,
      );
      const t = async (tab: string, sel: string) => {
        const t0 = Date.now();
        await page.getByRole('tab', { name: tab }).click();
        await page.locator(sel).first().waitFor();
        return Date.now() - t0;
      };
      orders.push(await t('拔草', '[data-testid=orders-list] li'));
      overview.push(await t('概览', '.zc-funnel'));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `popup.html navigation → first 种草 row painted: median ${median(first).toFixed(0)} ms (runs: ${first.map((x) => x.toFixed(0)).join(', ')})`,
    );
    console.log(
      `switch to 拔草 (20 orders + attribution): median ${median(orders)} ms; to 概览 (30-day counts, charts): median ${median(overview)} ms`,
    );
  } finally {
    await context.close();
  }
}

await main();
