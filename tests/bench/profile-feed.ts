/**
 * Where the content script's time goes (a tool, not a test): loads an extension build (default: an unminified one,
 * `npx wxt build -c tests/bench/profile.config.ts` writes it to .output/profile/chrome-mv3), scrolls the demo feed through
 * PROFILE_POSTS posts at BENCH_SPEED px/s with the V8 CPU profiler on, and prints the extension's self time by
 * function, with per-post figures. Run: `npx tsx tests/bench/profile-feed.ts`.
 * PROFILE_FEED=plain serves only the demo's posts that get no card, PROFILE_FEED=cards only those that do (same order,
 * 20 a page), so the per-post figure is that kind's cost measured directly instead of split from a mixed feed by a fit.
 * PROFILE_MODE=trace records a Chrome trace of the extension's top-level calls instead of sampling, so each call is timed
 * whole (no sampling, no profiler overhead inside the calls): it prints the extension's JS per post and, per script and
 * function, the calls' median and p90. On the plain feed the page patches the feed about once per post and each patch
 * is one call of the feed observer, so that call's median is the typical ordinary post's cost. Use it with the
 * production build: `PROFILE_BUILD=.output/chrome-mv3 PROFILE_FEED=plain PROFILE_POSTS=600 PROFILE_MODE=trace npx tsx
 * tests/bench/profile-feed.ts`. Trace mode also prints the page's own rendering work on its main thread (style, layout,
 * paint, intersection observers' computations) per post: work the extension causes but that is not its JS.
 * PROFILE_EXT=0 scrolls the same feed without the extension (trace mode), for that work's baseline; the feed with cards
 * is longer, so compare per second of scrolling as well as per post.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { launchBrowser, waitForContentScript } from '../../scripts/browser';
import { type CpuProfile, type CpuProfileNode as Node, selfTimeByNode } from './lib/cpu-profile';
import { median, quantile, sum } from './lib/stats';
import { LIGHT_TRACE_CATEGORIES, type RawEvent, startTrace } from './lib/trace';

const BUILD = path.resolve(process.env.PROFILE_BUILD ?? '.output/profile/chrome-mv3');
const POSTS = Number(process.env.PROFILE_POSTS ?? 400);
const SPEED = Number(process.env.BENCH_SPEED ?? 3000);
const FEED = process.env.PROFILE_FEED ?? 'all';
const MODE = process.env.PROFILE_MODE ?? 'profile';
const WITH_EXTENSION = process.env.PROFILE_EXT !== '0';
if (!WITH_EXTENSION && MODE !== 'trace') throw new Error('PROFILE_EXT=0 needs PROFILE_MODE=trace');

/** The page's rendering steps in a trace (devtools.timeline), as DevTools names them. */
const RENDERING_EVENTS = [
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'IntersectionObserverController::computeIntersections',
];

/** Per rendering step on the page's main thread (the thread with the most style recalculations): count and ms. */
function renderingWork(events: readonly RawEvent[]): { name: string; count: number; ms: number }[] {
  const recalcs = new Map<string, number>();
  for (const e of events)
    if (e.name === 'UpdateLayoutTree') recalcs.set(`${e.pid}:${e.tid}`, (recalcs.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...recalcs].sort((a, b) => b[1] - a[1])[0]?.[0];
  return RENDERING_EVENTS.map((name) => {
    const ms = events
      .filter((e) => e.name === name && e.ph === 'X' && e.dur !== undefined && `${e.pid}:${e.tid}` === main)
      .map((e) => (e.dur as number) / 1000);
    return { name, count: ms.length, ms: sum(ms) };
  });
}

/**
 * Top-level extension calls of a trace: `FunctionCall`s in extension scripts that no other such call on the same thread
 * encloses.
 */
function topLevelCalls(events: readonly RawEvent[]): { key: string; ms: number }[] {
  const calls = events
    .filter((e) => e.ph === 'X' && e.name === 'FunctionCall' && e.dur !== undefined)
    .filter((e) => String(e.args?.data?.url ?? '').startsWith('chrome-extension://'))
    .sort((a, b) => a.ts - b.ts);
  const out: { key: string; ms: number }[] = [];
  const endOn = new Map<string, number>();
  for (const e of calls) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ts < (endOn.get(thread) ?? 0)) continue;
    endOn.set(thread, e.ts + (e.dur as number));
    const d = e.args?.data ?? {};
    const file = String(d.url).replace(/^chrome-extension:\/\/[^/]+\//, '');
    out.push({
      key: `${file} ${d.functionName || '(anonymous)'}:${d.lineNumber ?? 0}:${d.columnNumber ?? 0}`,
      ms: (e.dur as number) / 1000,
    });
  }
  return out;
}

/** Serves the demo's feed pages with only one kind of post (see above). */
async function routeOneKind(context: BrowserContext, kind: 'plain' | 'cards'): Promise<void> {
  const dist = path.resolve('demo/dist');
  const truth = JSON.parse(fs.readFileSync(path.join(dist, 'truth.json'), 'utf8')) as {
    pc: { mblogid: string; expectedItemIds: string[] }[];
  };
  const cards = new Set(truth.pc.filter((p) => p.expectedItemIds.length > 0).map((p) => p.mblogid));
  const dir = path.join(dist, 'weibo', 'ajax', 'feed');
  const statuses: { mblogid: string }[] = [];
  const html = fs.readFileSync(path.join(dist, 'weibo', 'index.html'), 'utf8');
  const open = '<script id="__INITIAL_FEED__" type="application/json">';
  const start = html.indexOf(open) + open.length;
  const end = html.indexOf('</script>', start);
  const pages = [JSON.parse(html.slice(start, end)) as { statuses: { mblogid: string }[] }];
  for (let page = 2; fs.existsSync(path.join(dir, `page-${page}.json`)); page++) {
    pages.push(JSON.parse(fs.readFileSync(path.join(dir, `page-${page}.json`), 'utf8')));
  }
  for (const { statuses: list } of pages) {
    for (const st of list) if (cards.has(st.mblogid) === (kind === 'cards')) statuses.push(st);
  }
  const pageOf = (page: number) =>
    JSON.stringify({ ok: 1, statuses: statuses.slice((page - 1) * 20, page * 20), page, pages: pages.length });
  // The first page is in the document itself; `<` escaped so no post text can close the script element.
  const doc = `${html.slice(0, start)}${pageOf(1).replace(/</g, '\\u003c')}${html.slice(end)}`;
  await context.route(
    (url) => /^(?:www\.)?weibo\.com$/.test(url.hostname) && !/^\/(?:ajax|assets)\/|\.ico$/.test(url.pathname),
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: doc }),
  );
  await context.route(/\/ajax\/feed\/friendstimeline/, async (route) => {
    const page = Number(new URL(route.request().url()).searchParams.get('page') ?? '1') || 1;
    await route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: pageOf(page) });
  });
}

const context = await launchBrowser({ extension: WITH_EXTENSION, extensionPath: BUILD });
try {
  if (FEED === 'plain' || FEED === 'cards') await routeOneKind(context, FEED);
  else if (FEED !== 'all') throw new Error(`PROFILE_FEED must be plain, cards or all, not ${FEED}`);
  if (WITH_EXTENSION && !context.serviceWorkers().length) await context.waitForEvent('serviceworker');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('https://weibo.com/');
  if (WITH_EXTENSION) await waitForContentScript(page);
  // Wait until the extension is at work: its first card, or on a feed without any, the first answer's time to land.
  if (FEED === 'plain' || !WITH_EXTENSION) {
    await page.locator('article').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
  } else await page.locator('zhongcao-cards').first().waitFor({ state: 'attached', timeout: 30_000 });
  const cdp = await context.newCDPSession(page);
  const events: RawEvent[] = [];
  let stopTrace: (() => Promise<void>) | null = null;
  if (MODE === 'trace') {
    // One batch can hold tens of thousands of events: too many to spread into `push`.
    const add = (batch: readonly RawEvent[]) => {
      for (const e of batch) events.push(e);
    };
    stopTrace = await startTrace(cdp, { add }, LIGHT_TRACE_CATEGORIES);
  } else if (MODE === 'profile') {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  } else throw new Error(`PROFILE_MODE must be profile or trace, not ${MODE}`);
  const t0 = Date.now();
  const seen = (await page.evaluate(`(async () => {
    const seen = new Set();
    const idOf = (a) => /\\/\\d+\\/([A-Za-z0-9]+)/.exec(a.getAttribute('href') || '')?.[1];
    let last = performance.now();
    return await new Promise((resolve) => {
      const step = (now) => {
        for (const a of document.querySelectorAll('article a[class*="_time_"]')) { const id = idOf(a); if (id) seen.add(id); }
        if (seen.size >= ${POSTS}) return resolve(seen.size);
        window.scrollBy(0, (${SPEED} * Math.min(now - last, 100)) / 1000);
        last = now;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  })()`)) as number;
  const wall = Date.now() - t0;
  if (stopTrace) {
    await stopTrace();
    const calls = topLevelCalls(events);
    const extMs = sum(calls.map((c) => c.ms));
    console.log(
      `${seen} posts in ${(wall / 1000).toFixed(1)} s; extension JS ${extMs.toFixed(0)} ms = ${(extMs / seen).toFixed(3)} ms per post (trace, ${calls.length} top-level calls)`,
    );
    const byKey = new Map<string, number[]>();
    for (const c of calls) {
      const list = byKey.get(c.key);
      if (list) list.push(c.ms);
      else byKey.set(c.key, [c.ms]);
    }
    const rows = [...byKey].map(([k, ms]) => ({ k, ms, total: sum(ms) }));
    console.log(`the page's rendering work on its main thread${WITH_EXTENSION ? '' : ' (without the extension)'}:`);
    for (const { name, count, ms } of renderingWork(events)) {
      console.log(
        `  ${ms.toFixed(0).padStart(6)} ms  ${(ms / seen).toFixed(3)} ms/post  ${((ms * 1000) / wall).toFixed(1)} ms/s  ${count} events  ${name}`,
      );
    }
    for (const { k, ms, total } of rows
      .sort((a, b) => b.total - a.total)
      .slice(0, Number(process.env.PROFILE_TOP ?? 10))) {
      console.log(
        `  ${total.toFixed(1).padStart(8)} ms  ${(total / seen).toFixed(4)} ms/post  ${ms.length} calls, median ${median(ms).toFixed(3)} ms, p90 ${quantile(ms, 0.9).toFixed(3)} ms  ${k}`,
      );
    }
  } else {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = selfTimeByNode(profile);
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const isExt = (n: Node | undefined): n is Node => n?.callFrame.url.startsWith('chrome-extension://') ?? false;
    const fileOf = (n: Node) => n.callFrame.url.replace(/^chrome-extension:\/\/[^/]+\//, '');
    const frameOf = (n: Node) =>
      `${n.callFrame.functionName || '(anonymous)'} ${fileOf(n)}:${n.callFrame.lineNumber + 1}`;
    const byFn = new Map<string, number>();
    const byFile = new Map<string, number>();
    // Inclusive time: every extension function on a sample's stack is credited once, so entry points (the observer's
    // pass, the renderer's commit, the exposure scan) show what they cost with everything they call.
    const inclusive = new Map<string, number>();
    const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
    let ext = 0;
    for (const [id, ms] of self) {
      // Extension time: samples whose own frame is in an extension script, plus native/GC frames called from one.
      const stack: Node[] = [];
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur);
        if (isExt(n)) stack.push(n);
      }
      const owner = stack[0];
      if (!owner) continue;
      ext += ms;
      const n = byId.get(id) as Node;
      add(
        byFn,
        `${frameOf(owner)}${n === owner ? '' : ` → ${n.callFrame.functionName || n.callFrame.url || '(native)'}`}`,
        ms,
      );
      add(byFile, fileOf(owner), ms);
      for (const k of new Set(stack.map(frameOf))) add(inclusive, k, ms);
    }
    console.log(
      `${seen} posts in ${(wall / 1000).toFixed(1)} s; extension JS ${ext.toFixed(0)} ms = ${(ext / seen).toFixed(3)} ms per post`,
    );
    for (const [f, ms] of [...byFile].sort((a, b) => b[1] - a[1]))
      console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${f}`);
    const printTop = (title: string, m: Map<string, number>) => {
      console.log(title);
      for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 40)))
        console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${(ms / seen).toFixed(4)} ms/post  ${k}`);
    };
    printTop('top functions (self, with the native callee where the sample was outside extension code):', byFn);
    printTop('top functions (inclusive: with everything they call):', inclusive);
  }
} finally {
  await context.close();
}
