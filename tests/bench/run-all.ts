/**
 * `npm run bench`: builds the extension and the demo, runs every benchmark in headless Debian Chromium (and Node for
 * detect+match), and writes tests/bench/results/latest.json and latest.md (also printed) with the issue-9 budgets and
 * issue 26's catalogue budgets. `npm run bench -- catalogue` runs the catalogue part alone (catalogue.json / .md).
 * Env: BENCH_POSTS, BENCH_SPEED (feed), BENCH_DB_EVENTS (20000), BENCH_SKIP_BUILD=1, BENCH_DIRECT=0 (skips the
 * one-kind feeds), BENCH_CATALOGUE=0 (skips the catalogue part); CAT_* (see catalogue-bench.ts).
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureDemoBuilt } from '../../demo/serve';
import { CHROMIUM_PATH } from '../../scripts/browser';
import { addedFigures, DEFAULT_FEED_OPTIONS, type FeedBenchResult, runFeedBench } from './feed-bench';
import {
  type Budget,
  type CatalogueFigures,
  catalogueBudgets,
  type DirectFigures,
  mainThreadBudgets,
  passes,
  renderCatalogueMarkdown,
  renderMarkdown,
} from './lib/report';

const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = path.join(import.meta.dirname, 'results');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const log = (line: string) => console.error(line);

function machine() {
  let chromium = '';
  try {
    chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    chromium = `unknown (${CHROMIUM_PATH})`;
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    chromium,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** Runs one of the existing benchmark scripts and returns its stdout (they print human-readable lines). */
async function script(file: string, args: string[] = [], env: Record<string, string> = {}): Promise<string> {
  const t0 = Date.now();
  const { stdout } = await promisify(execFile)(tsx, [path.join(import.meta.dirname, file), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  log(`  ${file}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return stdout;
}

function num(text: string, re: RegExp): number | null {
  const m = re.exec(text);
  return m?.[1] !== undefined ? Number(m[1]) : null;
}

/** The 200,000-item detect+match lines of detect-bench.ts. */
function detect200k(out: string): CatalogueFigures['detect200k'] {
  return {
    layeredMedianMs: num(out, /\b200000 items, \d+ resident and the rest by key:.*?median ([\d.]+) ms/),
    residentMedianMs: num(out, /\b200000 items: generate.*?median ([\d.]+) ms/),
  };
}

/** Issue 26's catalogue figures: catalogue-bench.ts in Chromium, with the detect+match lines passed in. */
async function catalogueFigures(detectOut: string): Promise<CatalogueFigures | null> {
  log('catalogue: worker stopped → first card for a post scrolling in (this build and today’s), 200,000-row import, …');
  const out = await script('catalogue-bench.ts');
  const line = out.split('\n').find((l) => l.startsWith('CATALOGUE_JSON '));
  if (!line) return null;
  return { ...JSON.parse(line.slice('CATALOGUE_JSON '.length)), detect200k: detect200k(detectOut) };
}

function build() {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    log('building the extension (wxt build) and the demo feed …');
    execFileSync(path.join(root, 'node_modules', '.bin', 'wxt'), ['build'], { cwd: root, stdio: 'ignore' });
  }
}

/** `npm run bench -- catalogue`: the catalogue budgets alone, in results/catalogue.json and catalogue.md. */
async function catalogueOnly() {
  const started = Date.now();
  const info = machine();
  log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, load ${info.loadAverageAtStart.join(' ')}`);
  build();
  await ensureDemoBuilt();
  log('detect+match at 200,000 items (Node) …');
  const detectOut = await script('detect-bench.ts', [process.env.BENCH_DETECT_ROUNDS ?? '10'], {
    DETECT_COUNTS: '200000',
  });
  const catalogue = await catalogueFigures(detectOut);
  if (!catalogue) throw new Error('catalogue-bench.ts printed no figures');
  const budgets = catalogueBudgets(catalogue);
  const durationS = Math.round((Date.now() - started) / 1000);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(
    path.join(resultsDir, 'catalogue.json'),
    `${JSON.stringify({ machine: info, durationS, budgets: budgets.map((b) => ({ ...b, pass: passes(b) })), catalogue }, null, 2)}\n`,
  );
  const md = renderCatalogueMarkdown(info, durationS, budgets, catalogue);
  fs.writeFileSync(path.join(resultsDir, 'catalogue.md'), md);
  console.log(md);
}

async function main() {
  const started = Date.now();
  const info = machine();
  log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, load ${info.loadAverageAtStart.join(' ')}`);
  build();
  await ensureDemoBuilt();

  log(
    `feed: ${DEFAULT_FEED_OPTIONS.posts} posts at ${DEFAULT_FEED_OPTIONS.speedPxPerS} px/s, without then with the extension`,
  );
  const feed: FeedBenchResult = await runFeedBench({ ...DEFAULT_FEED_OPTIONS, log });

  // The budgets' per-kind split comes from a fit over the mixed feed, which moves from run to run (its per-second term
  // takes more or less of the same total); each kind on a feed of its own needs no split.
  let direct: DirectFigures | null = null;
  if (process.env.BENCH_DIRECT !== '0') {
    const one = async (kind: 'plain' | 'cards', posts: number) => {
      log(
        `extension JS on a feed of ${kind === 'plain' ? 'ordinary' : 'card'} posts only (${posts} posts, CPU profiler) …`,
      );
      const out = await script('profile-feed.ts', [], {
        PROFILE_BUILD: path.join(root, '.output', 'chrome-mv3'),
        PROFILE_FEED: kind,
        PROFILE_POSTS: String(posts),
        PROFILE_TOP: '0',
      });
      const m = /^(\d+) posts in [\d.]+ s; extension JS (\d+) ms = ([\d.]+) ms per post/m.exec(out);
      return m ? { posts: Number(m[1]), extJsMs: Number(m[2]), msPerPost: Number(m[3]) } : null;
    };
    direct = { ordinary: await one('plain', 600), card: await one('cards', 300) };
  }

  log('detect+match (Node) …');
  const detectOut = await script('detect-bench.ts', [process.env.BENCH_DETECT_ROUNDS ?? '10']);
  const detect = {
    at5k: {
      medianMs: num(detectOut, /\b5000 items:.*?median ([\d.]+) ms/),
      p95Ms: num(detectOut, /\b5000 items:.*?p95 ([\d.]+) ms/),
    },
    at50k: {
      medianMs: num(detectOut, /\b50000 items:.*?median ([\d.]+) ms/),
      p95Ms: num(detectOut, /\b50000 items:.*?p95 ([\d.]+) ms/),
    },
    output: detectOut.trim().split('\n'),
  };

  const dbEvents = process.env.BENCH_DB_EVENTS ?? '20000';
  log(`event writes through the background (${dbEvents} events, content script → worker → IndexedDB) …`);
  const writeOut = await script('write-bench.ts', [], { BENCH_EVENTS: dbEvents, BENCH_WRITE_REPEATS: '3' });
  log(`event store queries (${dbEvents} events, Chromium IndexedDB) …`);
  const dbOut = await script('db-bench-chromium.ts', [], { BENCH_EVENTS: dbEvents });
  const db = {
    events: Number(dbEvents),
    batch: num(writeOut, /in batches of (\d+)/),
    repeats: num(writeOut, /median of (\d+) runs/),
    // One feed tab's outbox (one batch in flight), the path every logged event takes.
    // Medians of BENCH_WRITE_REPEATS runs each.
    eventsPerS: num(writeOut, /1 sender: median of \d+ runs = (\d+) events\/s/),
    fourSendersPerS: num(writeOut, /4 senders: median of \d+ runs = (\d+) events\/s/),
    // Acknowledged is durable (staged); these are the rates until the same events are in the indexed log.
    endToEndPerS: num(writeOut, /1 sender: median of .*?\((\d+) events\/s end to end\)/),
    fourSendersEndToEndPerS: num(writeOut, /4 senders: median of .*?\((\d+) events\/s end to end\)/),
    storageCeilingPerS: num(writeOut, /1000 per transaction: [\d.]+ s = (\d+) events\/s/),
    output: [...writeOut.trim().split('\n'), ...dbOut.trim().split('\n')],
  };

  log('popup first render (100,000 events, 1,000 orders) …');
  const popupOut = await script('popup-bench.ts');
  const popup = {
    firstRenderMedianMs: num(popupOut, /first 种草 row painted: median (\d+) ms/),
    output: popupOut.trim().split('\n'),
  };

  const catalogue = process.env.BENCH_CATALOGUE === '0' ? null : await catalogueFigures(detectOut);

  const w = feed.with;
  const o = feed.without;
  const attributableLongTasks = w.trace.longTasks.filter((t) => t.attributable).length;
  const budgets: Budget[] = [
    ...mainThreadBudgets(feed),
    { name: 'Long tasks attributable to the extension (pass 1)', value: attributableLongTasks, unit: '', max: 0 },
    {
      name: 'Card in place after the post appears, median (steady state)',
      value: w.pass1.cards.steadyMedianMs,
      unit: 'ms',
      max: 16,
    },
    {
      name: 'Card in place after the post appears, p95 (steady state)',
      value: w.pass1.cards.steadyP95Ms,
      unit: 'ms',
      max: 50,
    },
    { name: 'Heap growth across a second pass', value: feed.added.heapGrowthPass2Bytes / 2 ** 20, unit: 'MB', max: 5 },
    { name: 'Content script minified', value: feed.bundle.bytes / 1000, unit: 'KB', max: 250 },
    {
      name: 'Content script start-up evaluation, median of fresh loads',
      value: w.startupLoads?.medianMs ?? null,
      unit: 'ms',
      max: 15,
    },
    { name: 'Detect+match per post, median at 50,000 items', value: detect.at50k.medianMs, unit: 'ms', max: 0.2 },
    { name: 'Background writes in batches', value: db.eventsPerS, unit: 'events/s', min: 10_000 },
    { name: 'Popup first render at 100,000 events', value: popup.firstRenderMedianMs, unit: 'ms', max: 300 },
    ...(catalogue ? catalogueBudgets(catalogue) : []),
  ];

  const result = {
    machine: info,
    durationS: Math.round((Date.now() - started) / 1000),
    budgets: budgets.map((b) => ({ ...b, pass: passes(b) })),
    feed,
    detect,
    db,
    popup,
    direct,
    catalogue,
  };
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = renderMarkdown({
    machine: info,
    durationS: result.durationS,
    budgets,
    feed,
    without: o,
    with: w,
    detect,
    db,
    popup,
    direct,
    catalogue,
  });
  fs.writeFileSync(path.join(resultsDir, 'latest.md'), md);
  console.log(md);
}

/**
 * BENCH_RERENDER=1: re-reads latest.json and writes latest.md again with the current figures and budget rules, without
 * re-running anything (for a change in how a saved run is read; the measurements are not touched).
 */
function rerender() {
  const saved = JSON.parse(fs.readFileSync(path.join(resultsDir, 'latest.json'), 'utf8'));
  const feed: FeedBenchResult = saved.feed;
  feed.added = addedFigures(feed.without, feed.with, feed.withoutAfter);
  // The main-thread budgets lead the list (see `main`).
  const rules = mainThreadBudgets(feed);
  const budgets: Budget[] = saved.budgets.map((b: Budget, i: number) => {
    const { pass: _pass, ...rest } = { ...b, ...rules[i] } as Budget & { pass?: boolean | null };
    return rest;
  });
  saved.budgets = budgets.map((b) => ({ ...b, pass: passes(b) }));
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(saved, null, 2)}\n`);
  const md = renderMarkdown({ ...saved, budgets, without: feed.without, with: feed.with });
  fs.writeFileSync(path.join(resultsDir, 'latest.md'), md);
  console.log(md);
}

if (process.env.BENCH_RERENDER === '1') rerender();
else if (process.argv.slice(2).includes('catalogue')) await catalogueOnly();
else await main();
