/**
 * Popup first-screen benchmark in real Chromium: seeds 100 000 events, 1 000 orders and 60 saves into the
 * extension's IndexedDB from an extension page, then times popup.html navigation → first 种草 row painted (in-page
 * `performance.now()`, whose origin is navigation start), and the switch to the 拔草 and 概览 tabs (from the click
 * event to the frame showing the tab's rows, also in page time).
 * Run: npm run build && npx tsx tests/bench/popup-bench.ts
 */
import { extensionIdOf, getServiceWorker, launchBrowser } from '../../scripts/browser';
import { POPUP_SEED, seedPopupData } from './lib/popup-seed';

const { EVENTS, ORDERS, SAVES } = POPUP_SEED;
const RUNS = 9;

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

    const seedMs = await seedPopupData(page, { EVENTS, ORDERS, SAVES });
    console.log(`seeded ${EVENTS} events, ${ORDERS} orders, ${SAVES} saves in ${seedMs.toFixed(0)} ms`);

    // The click's own time, in the page's clock, so a tab switch is timed from the click event to the frame that shows
    // the tab's rows, without Playwright's actionability checks (100–400 ms on a loaded machine).
    await context.addInitScript({
      content: `addEventListener('click', (e) => { globalThis.__zcClickAt = e.timeStamp; }, true);`,
    });
    const first: number[] = [];
    const parsed: number[] = [];
    const orders: number[] = [];
    const overview: number[] = [];
    const painted = (sel: string) =>
      page
        .waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : false), sel, {
          polling: 'raf',
          timeout: 10_000,
        })
        .then(async (h) => (await h.jsonValue()) as number);
    for (let run = 0; run < RUNS; run++) {
      await page.goto('about:blank');
      await page.goto(url);
      first.push(await painted('[data-testid=planted-list] li img'));
      // Navigation → HTML parsed: renderer and page set-up before any of the popup's scripts runs.
      parsed.push(
        await page.evaluate(
          () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
        ),
      );
      const t = async (tab: string, sel: string) => {
        await page.getByRole('tab', { name: tab }).click();
        const shown = await painted(sel);
        return shown - (await page.evaluate(() => (globalThis as { __zcClickAt?: number }).__zcClickAt ?? Number.NaN));
      };
      orders.push(await t('拔草', '[data-testid=orders-list] li'));
      overview.push(await t('概览', '.zc-funnel'));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(
      `popup.html navigation → first 种草 row painted: median ${median(first).toFixed(0)} ms (runs: ${runs(first)})`,
    );
    console.log(
      `  of which navigation → HTML parsed (before any popup script runs): median ${median(parsed).toFixed(0)} ms`,
    );
    console.log(
      `click → rows painted: 拔草 (20 orders + attribution) median ${median(orders).toFixed(0)} ms (runs: ${runs(orders)}); ` +
        `概览 (7-day counts, charts) median ${median(overview).toFixed(0)} ms (runs: ${runs(overview)})`,
    );
  } finally {
    await context.close();
  }
}

await main();
