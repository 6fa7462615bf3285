/**
 * The catalogue budgets of issue 26 (a tool, not a test), on production builds in headless Chromium, one run:
 * - worker stopped → first card, the scenario on an open feed: the feed is loaded, left idle, the worker is
 *   stopped through CDP, then the page is scrolled to the bottom, where it fetches page 2, whose first post is a guide
 *   post under an id no load has shown (so never read ahead), and on until that post is in the page; the figure is the
 *   time from it showing to its card drawn (`lib/instrument.ts`), median of CAT_REPEATS, beside the same with the worker
 *   running. At 5,000 items (the packaged mock alone; the post names a mock item) and again after a 200,000-row import
 *   (looked up by key among 205,000 rows; the post names an imported item by its URL behind a t.cn link). Secondary,
 *   for comparison with earlier runs: the feed loaded again after the stop, from the first guide post showing to its
 *   card. `CAT_TODAY_BUILD` (default: the build of the commit before the IndexedDB catalogue, built once and kept under
 *   results/builds/) is measured the same way at 5,000 items in the same run, before and after this build: "today's
 *   figure".
 * - a CAT_ROWS-row (200,000) 选品库 CSV imported from the dashboard's 商品库 section: wall time, rows/s, and the resident
 *   memory of the extension's renderer process (the dashboard page, its import worker and the service worker), before
 *   and at its peak (sampled every 50 ms from /proc).
 * - IndexedDB growth per 100,000 items (`navigator.storage.estimate` before and after that import).
 * Prints readable lines, then one `CATALOGUE_JSON {…}` line that run-all.ts reads.
 * Run: `npx tsx tests/bench/catalogue-bench.ts` after `npm run build`; CAT_BUILD names another build (e.g. an older
 * commit's, to compare the import's memory), CAT_SKIP_TODAY=1 leaves today's build out, CAT_SKIP_COLD=1 measures the
 * import alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { DEFAULT_DIST, ensureDemoBuilt } from '../../demo/serve';
import { launchBrowser, watchExtensionWorker } from '../../scripts/browser';
import { COLUMNS } from '../../utils/catalogue/import/xuanpinku';
import { midToBid } from '../../utils/sites/weibo-id';
import { type BenchDump, INSTRUMENT_SCRIPT } from './lib/instrument';
import { descendantRssMb } from './lib/proc-rss';
import { median } from './lib/stats';

const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = path.join(import.meta.dirname, 'results');
const BUILD = path.resolve(process.env.CAT_BUILD ?? path.join(root, '.output', 'chrome-mv3'));
const ROWS = Number(process.env.CAT_ROWS ?? 200_000);
const REPEATS = Number(process.env.CAT_REPEATS ?? 5);
/** The last commit whose worker parsed the packaged items.json at every start (main before the i26 merge). */
export const TODAY_REF = '590ba30';
const log = (line: string) => console.error(line);

/**
 * A 选品库 export (every column, UTF-8 with a BOM), one item a row, the same bytes every run. No line break after the
 * last row, so builds from before blank rows stopped counting towards the 200,000-row limit take it too.
 */
export function writeExport(rows: number, file: string): void {
  const header = Object.values(COLUMNS);
  const fd = fs.openSync(file, 'w');
  let buf = `\ufeff${header.join(',')}`;
  for (let i = 0; i < rows; i++) {
    const id = String(610_000_000_000 + i);
    const token = (i * 2_654_435_761).toString(36).padStart(7, 'a').slice(-7);
    const price = 9.9 + (i % 500);
    const coupon =
      i % 3 === 0 ? `满${Math.ceil(price)}元减${5 + (i % 20)}元` : i % 3 === 1 ? `无门槛${3 + (i % 10)}元` : '';
    const cells = [
      id,
      `"测试品牌${i % 997} 商品${i} 热卖爆款 夏季新款 ${['防晒', '面膜', '牙膏', '跑鞋', '口红'][i % 5]}, 官方正品"`,
      `https://img.alicdn.com/bao/uploaded/i${i % 4}/${id}.jpg`,
      `https://${i % 2 ? 'detail.tmall.com' : 'item.taobao.com'}/item.htm?id=${id}`,
      ['美妆个护', '食品', '运动户外', '家居'][i % 4],
      `https://s.click.taobao.com/t${token}`,
      price.toFixed(2),
      String((i * 37) % 100_000),
      (1 + (i % 30)).toFixed(2),
      ((price * (1 + (i % 30))) / 100).toFixed(2),
      `店铺${i % 5000}`,
      `店铺${i % 5000}官方旗舰店`,
      i % 2 ? '天猫' : '淘宝',
      coupon ? `c${i}` : '',
      coupon ? '10000' : '',
      coupon ? String(10_000 - (i % 10_000)) : '',
      coupon,
      coupon ? '2026-11-01' : '',
      coupon ? '2026-12-31' : '',
      coupon ? `https://uland.taobao.com/quan/detail?id=${id}` : '',
      coupon ? `https://uland.taobao.com/coupon/edetail?e=${token}` : '',
    ];
    buf += `\r\n${cells.join(',')}`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

/** The production build of `ref`, made once in a scratch worktree and kept under results/builds/. */
export function buildOf(ref: string): string {
  const sha = execFileSync('git', ['rev-parse', '--short=12', ref], { cwd: root, encoding: 'utf8' }).trim();
  const out = path.join(resultsDir, 'builds', sha);
  if (fs.existsSync(path.join(out, 'manifest.json'))) return out;
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), `zc-build-${sha}-`));
  log(`building ${ref} (${sha}) for comparison …`);
  execFileSync('git', ['worktree', 'add', '--detach', tree, sha], { cwd: root, stdio: 'ignore' });
  try {
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(tree, 'node_modules'));
    execFileSync(path.join(root, 'node_modules', '.bin', 'wxt'), ['build'], { cwd: tree, stdio: 'ignore' });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.cpSync(path.join(tree, '.output', 'chrome-mv3'), out, { recursive: true });
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: root, stdio: 'ignore' });
  }
  return out;
}

/** Resident memory (MB) of this run's extension renderer processes: descendants of this process only. */
function extensionRendererMb(): number {
  return descendantRssMb((cmd) => cmd.includes('--type=renderer') && cmd.includes('--extension-process'));
}

async function poll<T>(what: string, fn: () => Promise<T | null | undefined> | T | null | undefined, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null && v !== undefined && v !== false) return v as T;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops the extension's service worker through CDP and tells whether it is stopped (one CDP session per page). */
async function workerControl(context: BrowserContext, page: Page) {
  const worker = await watchExtensionWorker(context, page);
  return {
    stopped: worker.stopped,
    /** A message in flight can start the worker again as it stops: a few tries. */
    async stop(): Promise<void> {
      await poll('the extension worker', worker.known, 10_000);
      for (let attempt = 1; ; attempt++) {
        await worker.stopNow();
        try {
          await poll('the worker to stop', worker.stopped, 3_000);
          return;
        } catch (e) {
          if (attempt >= 5) throw e;
        }
      }
    },
  };
}
type WorkerControl = Awaited<ReturnType<typeof workerControl>>;

type Dumped = { __zcBench?: { dump(): BenchDump; seen: Map<string, number> } };

/** Loads the feed and returns ms from the first card's post showing to its card drawn. */
async function firstCardMs(page: Page): Promise<number> {
  await page.goto('https://weibo.com/');
  const dump = await poll(
    'a card',
    () =>
      page.evaluate(() => {
        const d = (window as unknown as Dumped).__zcBench?.dump();
        return d && d.card.length > 0 ? d : null;
      }),
    60_000,
  );
  const [id, cardAt] = dump.card.reduce((a, b) => (b[1] < a[1] ? b : a));
  const seenAt = new Map(dump.seen).get(id);
  if (seenAt === undefined) throw new Error(`card for ${id} without its post`);
  return cardAt - seenAt;
}

interface Status {
  id: number;
  idstr: string;
  mid: string;
  mblogid: string;
  [key: string]: unknown;
}
interface FeedPage {
  statuses: Status[];
  [key: string]: unknown;
}
const readPage2 = (): FeedPage =>
  JSON.parse(fs.readFileSync(path.join(DEFAULT_DIST, 'weibo', 'ajax', 'feed', 'page-2.json'), 'utf8'));

let serial = 0;
/** A post id no load has shown, so the extension never read it ahead; its bid matches (the reader checks the pair). */
function freshIds(): Pick<Status, 'id' | 'idstr' | 'mid' | 'mblogid'> {
  const id = 5_200_000_000_000_000 + ++serial;
  const mblogid = midToBid(String(id));
  if (!mblogid) throw new Error(`no bid for ${id}`);
  return { id, idstr: String(id), mid: String(id), mblogid };
}

/** The demo's first guide post of page 2, under a fresh id: it names an item of the packaged 5,000. */
const demoGuidePost = (template: Status) => (): Status => ({ ...structuredClone(template), ...freshIds() });

/** A guide post, like the demo's, naming imported row k (`writeExport`) by item URL behind a t.cn short link. */
const importedGuidePost = (template: Status) => (): Status => {
  const k = (serial * 7_919 + 104_729) % ROWS;
  const short = `http://t.cn/A6Zc${k.toString(36)}`;
  return {
    ...structuredClone(template),
    ...freshIds(),
    text_raw:
      `真心推荐测试品牌${k % 997}这款，不是广！用了一个月太满足了，到手${(9.9 + (k % 500)).toFixed(2)}，` +
      `比专柜便宜一半 ${short} 买了的姐妹来交作业`,
    url_struct: [
      {
        url_title: '网页链接',
        url_type_pic: 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_taobao_default.png',
        short_url: short,
        long_url: `https://item.taobao.com/item.htm?id=${610_000_000_000 + k}`,
        url_type: 39,
        result: true,
      },
    ],
    pic_ids: [],
    pic_num: 0,
    pic_infos: {},
    isLongText: false,
  };
};

interface Fresh {
  /** The demo's first post of page 2, a guide post. */
  template: Status;
  /** The post page 2 starts with, a new one at every fetch. */
  next: () => Status;
  /** The bid of the last one served. */
  last: string;
}

/** Serves the feed's page 2 with `fresh.next()` as its first post. */
async function routePage2(page: Page): Promise<Fresh> {
  const page2 = readPage2();
  const template = page2.statuses[0];
  if (!template) throw new Error("the demo's page 2 is empty");
  const fresh: Fresh = { template, next: demoGuidePost(template), last: '' };
  await page.route(
    (u) =>
      u.hostname === 'weibo.com' && u.pathname === '/ajax/feed/friendstimeline' && u.searchParams.get('page') === '2',
    (route) => {
      const post = fresh.next();
      fresh.last = post.mblogid;
      return route.fulfill({ json: { ...page2, statuses: [post, ...page2.statuses.slice(1)] } });
    },
  );
  return fresh;
}

/**
 * On the open feed: scrolls to the bottom (the page fetches page 2, whose first post is new), then on by 150 px a
 * frame until that post is in the page; ms from it showing to its card drawn.
 */
async function scrollInMs(page: Page, fresh: { last: string }): Promise<number> {
  const loaded = page.waitForResponse(
    (r) => r.url().includes('/ajax/feed/friendstimeline') && r.url().includes('page=2'),
  );
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await loaded;
  const id = fresh.last;
  // A string, not a function: tsx would wrap the function's inner arrow in a `__name` the page lacks.
  await page.evaluate(`new Promise((done) => {
    const step = () => {
      window.scrollBy(0, 150);
      if (window.__zcBench.seen.has(${JSON.stringify(id)})) done(null);
      else requestAnimationFrame(step);
    };
    step();
  })`);
  const dump = await poll(
    `a card for the post ${id} scrolled in`,
    () =>
      page.evaluate((want) => {
        const d = (window as unknown as Dumped).__zcBench?.dump();
        return d?.card.some(([p]) => p === want) ? d : null;
      }, id),
    20_000,
  );
  const seenAt = new Map(dump.seen).get(id);
  const cardAt = new Map(dump.card).get(id);
  if (seenAt === undefined || cardAt === undefined) throw new Error(`no times for ${id}`);
  return cardAt - seenAt;
}

/** Worker stopped and running, their medians: one figure. */
export interface StoppedRunning {
  stoppedMs: number[];
  runningMs: number[];
  stoppedMedianMs: number;
  runningMedianMs: number;
}

export interface FirstCard {
  /** Issue 26's scenario: the worker stopped while the feed is open, then a new guide post scrolls in. */
  scrollIn: StoppedRunning;
  /** For comparison with earlier runs: the feed loaded again after the stop. */
  pageLoad: StoppedRunning;
}

const figure = (stoppedMs: number[], runningMs: number[]): StoppedRunning => ({
  stoppedMs,
  runningMs,
  stoppedMedianMs: median(stoppedMs),
  runningMedianMs: median(runningMs),
});

export function mergeFirstCard(runs: FirstCard[]): FirstCard {
  const all = (k: keyof FirstCard, s: 'stoppedMs' | 'runningMs') => runs.flatMap((r) => r[k][s]);
  return {
    scrollIn: figure(all('scrollIn', 'stoppedMs'), all('scrollIn', 'runningMs')),
    pageLoad: figure(all('pageLoad', 'stoppedMs'), all('pageLoad', 'runningMs')),
  };
}

const IDLE_MS = 3_000;

/**
 * CAT_REPEATS times each, worker running and stopped in turn: the feed loaded (after a stop, for a stopped repeat:
 * the page-load figure), let idle, the worker stopped again, then the scroll-in figure.
 */
async function firstCard(page: Page, worker: WorkerControl, fresh: { last: string }, label: string) {
  // Two loads first: the first after a launch or an import is slower than any that follow.
  await firstCardMs(page);
  await firstCardMs(page);
  const load = { stopped: [] as number[], running: [] as number[] };
  const scroll = { stopped: [] as number[], running: [] as number[] };
  for (let r = 0; r < 2 * REPEATS; r++) {
    const stop = r % 2 === 1;
    if (stop) await worker.stop();
    (stop ? load.stopped : load.running).push(await firstCardMs(page));
    await sleep(IDLE_MS);
    if (stop) {
      await worker.stop();
      // Something the page sends as the worker stops can start it again; only a stopped worker counts.
      for (let tries = 0; !worker.stopped(); tries++) {
        if (tries >= 3) throw new Error('the worker keeps starting again');
        await worker.stop();
      }
    }
    (stop ? scroll.stopped : scroll.running).push(await scrollInMs(page, fresh));
  }
  const out: FirstCard = {
    scrollIn: figure(scroll.stopped, scroll.running),
    pageLoad: figure(load.stopped, load.running),
  };
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  log(
    `  ${label}: worker stopped → first card for a post scrolling in, median ${out.scrollIn.stoppedMedianMs.toFixed(0)} ms ` +
      `[${ms(scroll.stopped)}]; worker running ${out.scrollIn.runningMedianMs.toFixed(0)} ms [${ms(scroll.running)}]`,
  );
  log(
    `  ${label}: (page loaded after the stop: ${out.pageLoad.stoppedMedianMs.toFixed(0)} ms [${ms(load.stopped)}]; ` +
      `worker running ${out.pageLoad.runningMedianMs.toFixed(0)} ms)`,
  );
  return out;
}

export interface ImportFigures {
  rows: number;
  fileMB: number;
  seconds: number;
  rowsPerS: number;
  summary: string;
  rendererMbBefore: number;
  rendererMbPeak: number;
  idbMbPer100k: number;
}

async function importInDashboard(context: BrowserContext, file: string): Promise<ImportFigures> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${id}/dashboard.html#catalogue`);
  await dash.locator('tr[data-source="mock"]').waitFor({ timeout: 60_000 });
  const usage = () => dash.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const usageBefore = await usage();
  // Let the page settle, then take the resting size before the file is handed over.
  await new Promise((r) => setTimeout(r, 2_000));
  const before = extensionRendererMb();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, extensionRendererMb());
  }, 50);
  const t0 = Date.now();
  await dash.getByLabel(/导入商品库/).setInputFiles(file);
  const done = dash.getByText(/：新增 [\d,]+，更新/);
  const refused = dash.getByRole('alert');
  await Promise.race([done.waitFor({ timeout: 900_000 }), refused.waitFor({ timeout: 900_000 })]);
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  if (await refused.isVisible()) throw new Error(`import refused: ${await refused.textContent()}`);
  const summary = (await done.textContent()) ?? '';
  const usageAfter = await usage();
  await dash.close();
  return {
    rows: ROWS,
    fileMB: fs.statSync(file).size / 2 ** 20,
    seconds,
    rowsPerS: ROWS / seconds,
    summary,
    rendererMbBefore: before,
    rendererMbPeak: peak,
    idbMbPer100k: ((usageAfter - usageBefore) / 2 ** 20) * (100_000 / ROWS),
  };
}

async function session(build: string, opts: { cold: boolean; importFile?: string; label: string }) {
  const context = await launchBrowser({ extension: true, extensionPath: build });
  try {
    await context.addInitScript(INSTRUMENT_SCRIPT);
    const page = context.pages()[0] ?? (await context.newPage());
    const fresh = await routePage2(page);
    const worker = opts.cold ? await workerControl(context, page) : null;
    const at5k = worker ? await firstCard(page, worker, fresh, `${opts.label}, 5,000 items`) : null;
    let imported: ImportFigures | null = null;
    let atImported: FirstCard | null = null;
    if (opts.importFile) {
      imported = await importInDashboard(context, opts.importFile);
      log(
        `  ${opts.label}: import of ${ROWS.toLocaleString('en')} rows (${imported.fileMB.toFixed(1)} MB) in ` +
          `${imported.seconds.toFixed(1)} s (${imported.rowsPerS.toFixed(0)} rows/s); extension renderer ` +
          `${imported.rendererMbBefore.toFixed(0)} MB before, peak ${imported.rendererMbPeak.toFixed(0)} MB ` +
          `(+${(imported.rendererMbPeak - imported.rendererMbBefore).toFixed(0)} MB); IndexedDB ` +
          `${imported.idbMbPer100k.toFixed(1)} MB per 100,000 items; ${imported.summary}`,
      );
      if (worker) {
        // From here the post scrolling in names an imported item: looked up among the imported rows.
        fresh.next = importedGuidePost(fresh.template);
        atImported = await firstCard(page, worker, fresh, `${opts.label}, +${ROWS.toLocaleString('en')} items`);
      }
    }
    return { at5k, imported, atImported };
  } finally {
    await context.close();
  }
}

async function main() {
  await ensureDemoBuilt();
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `xuanpinku-${ROWS}.csv`);
  if (!fs.existsSync(file)) writeExport(ROWS, file);
  const cold = process.env.CAT_SKIP_COLD !== '1';
  const withToday = cold && process.env.CAT_SKIP_TODAY !== '1';
  const todayBuild = !withToday
    ? null
    : process.env.CAT_TODAY_BUILD
      ? path.resolve(process.env.CAT_TODAY_BUILD)
      : buildOf(TODAY_REF);
  // Today's build is measured before and after this one, so a machine whose load drifts weighs on both alike.
  const todayRuns: FirstCard[] = [];
  const measureToday = async () => {
    if (!todayBuild) return;
    log(`today's build (${todayBuild}) …`);
    const r = await session(todayBuild, { cold: true, label: `today (${TODAY_REF})` });
    if (r.at5k) todayRuns.push(r.at5k);
  };
  await measureToday();
  log(`catalogue: ${BUILD}`);
  const current = await session(BUILD, { cold, importFile: file, label: 'this build' });
  await measureToday();
  const today = todayRuns.length ? mergeFirstCard(todayRuns) : null;
  const result = { build: BUILD, rows: ROWS, repeats: REPEATS, ...current, today };
  console.log(`CATALOGUE_JSON ${JSON.stringify(result)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
