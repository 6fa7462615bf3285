/**
 * `npm run build && npx tsx tests/bench/write-bench.ts`: event write throughput along the real path, in headless
 * Chromium with the production build: the feed content script's isolated world on a weibo.com page → Outbox →
 * `logEvents` message → background worker (sender check, Zod, study tags) → Dexie → IndexedDB on disk (a
 * persistent profile, not an in-memory incognito one). The clock runs from the first send to the last
 * acknowledgement, and an ack means the batch's transaction has committed (to the staged intake). Then it waits
 * until the background has moved every staged batch into the indexed log, reports that too, and counts the rows.
 *
 * For scale, it also times the storage ceiling: the same events put straight into a scratch copy of the database
 * from an extension page (same schema and indexes, same disk), with nothing else in the way.
 *
 * Env: BENCH_EVENTS (20000), BENCH_BATCH (OUTBOX_BATCH, the feed outbox's batch), BENCH_SENDERS (comma list, "1,4": outboxes
 * delivering at once, e.g. one tab catching up, or several feed tabs), BENCH_CEILING_BATCH (events per
 * transaction for the ceiling, comma list, "50,1000"; 0 skips it), BENCH_WRITE_REPEATS (3: runs per configuration,
 * reported by their median).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { build } from 'esbuild';
import {
  countStore,
  extensionIdOf,
  getServiceWorker,
  launchBrowser,
  recordWorlds,
  waitForContentScript,
} from '../../scripts/browser';
import { OUTBOX_BATCH } from '../../utils/events/constants';
import { PAGE_VIEW_BURST } from '../../utils/worker/page-view-budget';
import { median } from './lib/stats';
import type { WriteBenchOptions, WriteBenchResult } from './write-bench-page';

const root = fileURLToPath(new URL('../..', import.meta.url));
const N = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? OUTBOX_BATCH);
const SENDERS = (process.env.BENCH_SENDERS ?? '1,4').split(',').map(Number);
const CEILING_BATCHES = (process.env.BENCH_CEILING_BATCH ?? '50,1000')
  .split(',')
  .map(Number)
  .filter((b) => b > 0);
const WARMUP = 1_000;
/** Each configuration is run this many times and reported by its median: the rate swings ±25 % between runs here. */
const REPEATS = Number(process.env.BENCH_WRITE_REPEATS ?? 3);
/** A blank page on a Weibo host: the content script runs there (real sender) but has no feed to log. */
const BENCH_URL = 'https://weibo.com/zc-write-bench';

async function isolatedWorld(page: Page, context: BrowserContext, extensionId: string) {
  const cdp: CDPSession = await context.newCDPSession(page);
  const worlds = await recordWorlds(cdp);
  await page.goto(BENCH_URL);
  await waitForContentScript(page);
  const world = worlds.find((w) => w.type === 'isolated' && w.origin.includes(extensionId));
  if (!world) throw new Error('the content script’s isolated world did not appear');
  return { cdp, contextId: world.id };
}

async function bundle(file: string): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    alias: { '@': root },
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text;
}

async function main() {
  // The worker refuses events for items the catalogue does not hold, so the stream names the built catalogue's items.
  const itemIds = (
    JSON.parse(readFileSync(path.join(root, '.output/chrome-mv3/catalogue/items.json'), 'utf8')) as {
      item_id: string;
    }[]
  ).map((i) => i.item_id);
  const [senderScript, storeScript] = await Promise.all([
    bundle('./write-bench-page.ts'),
    bundle('./write-bench-store.ts'),
  ]);
  const context = await launchBrowser({ extension: true });
  try {
    const extensionId = extensionIdOf(await getServiceWorker(context));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.route(BENCH_URL, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>bench</title>' }),
    );
    const { cdp, contextId } = await isolatedWorld(page, context, extensionId);
    const evaluate = async <T>(expression: string): Promise<T> => {
      const r = await cdp.send('Runtime.evaluate', { contextId, expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value as T;
    };
    await evaluate(senderScript);
    const run = (o: WriteBenchOptions) => evaluate<WriteBenchResult>(`zcWriteBench(${JSON.stringify(o)})`);

    const reader = await context.newPage();
    // Any document of the extension's origin can read its database. Not the popup: its live queries re-run after
    // every move into the log and would compete with the runs that follow for the two cores.
    await reader.goto(`chrome-extension://${extensionId}/catalogue/img/apparel-01.webp`);
    await reader.evaluate(storeScript);
    const storedFor = async (pageIds: string[]) => {
      let n = 0;
      for (const value of pageIds) n += await countStore(reader, 'events', { field: 'page_id', value });
      return n;
    };
    // As many page views as a real feed would need for this many events: the worker refuses what is over a view's burst.
    const views = (n: number) => Array.from({ length: Math.ceil(n / PAGE_VIEW_BURST) }, () => crypto.randomUUID());
    /** Acknowledged batches not yet moved into the indexed log (the background's intake, `staged`). */
    const stagedRows = () => countStore(reader, 'staged');
    /** Waits for the intake to be empty; ms from now. */
    const drained = async () => {
      const t0 = Date.now();
      while ((await stagedRows()) > 0) {
        if (Date.now() - t0 > 180_000) throw new Error('staged batches were not moved within 3 minutes');
        await new Promise((r) => setTimeout(r, 50));
      }
      return Date.now() - t0;
    };

    // Wakes the worker, opens the database and warms the code paths; not timed.
    await run({ events: WARMUP, senders: 1, batch: BATCH, pageIds: views(WARMUP), perView: PAGE_VIEW_BURST, itemIds });
    await drained();
    console.log(
      `engine: Chromium ${context.browser()?.version() ?? ''} with the production build (headless, on-disk profile)`,
    );
    for (const senders of SENDERS) {
      const rates: number[] = [];
      const endToEnd: number[] = [];
      for (let repeat = 1; repeat <= REPEATS; repeat++) {
        const pageIds = views(N);
        const r = await run({ events: N, senders, batch: BATCH, pageIds, perView: PAGE_VIEW_BURST, itemIds });
        const drainMs = await drained();
        const stored = await storedFor(pageIds);
        const perSec = Math.round((N / r.ms) * 1000);
        rates.push(perSec);
        endToEnd.push(Math.round((N / (r.ms + drainMs)) * 1000));
        console.log(
          `run ${repeat}/${REPEATS}: write ${N} events through the background in batches of ${BATCH}, ` +
            `${senders} sender${senders === 1 ? '' : 's'}: ${(r.ms / 1000).toFixed(2)} s = ${perSec} events/s; ` +
            `send→ack per batch median ${r.latencyMedianMs.toFixed(1)} ms, p95 ${r.latencyP95Ms.toFixed(1)} ms; ` +
            `${r.batches} batches; in the indexed log ${(drainMs / 1000).toFixed(2)} s after the last ack ` +
            `(${endToEnd.at(-1)} events/s end to end), stored ${stored}/${N}` +
            (r.notAcked ? `, ${r.notAcked} NOT ACKED` : '') +
            (r.errors.length ? `; errors: ${r.errors.join(' | ')}` : ''),
        );
        if (stored !== N || r.notAcked) process.exitCode = 1;
      }
      console.log(
        `write ${N} events through the background in batches of ${BATCH}, ${senders} sender${senders === 1 ? '' : 's'}: ` +
          `median of ${REPEATS} runs = ${median(rates)} events/s (runs: ${rates.join(', ')}); ` +
          `(${median(endToEnd)} events/s end to end)`,
      );
    }
    for (const batch of CEILING_BATCHES) {
      const c = await reader.evaluate(
        (o) => (globalThis as unknown as { zcStoreCeiling: (o: unknown) => Promise<{ ms: number }> }).zcStoreCeiling(o),
        { events: N, batch },
      );
      console.log(
        `storage ceiling: ${N} events put straight into a scratch copy of the database, ${batch} per ` +
          `transaction: ${(c.ms / 1000).toFixed(2)} s = ${Math.round((N / c.ms) * 1000)} events/s`,
      );
    }
  } finally {
    await context.close();
  }
}

await main();
