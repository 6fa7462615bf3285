/**
 * What a card costs when its host turns over to another post (a tool, not a test). Bundles the overlay (placer, store,
 * React renderer and cards) from a source tree with esbuild, loads it into the demo feed page served as weibo.com
 * (no extension), and drives it directly: one guide post per article in the first PROBE_ARTICLES (5) articles, then
 * PROBE_STEPS steps, each giving one article a new guide post, timed from `overlay.sync` to the React commit (script)
 * and to the forced style and layout after it. Two patterns, PROBE_STEPS each:
 * - `swap`: the article's post is replaced by another guide post in one pass (the host is freed and taken again);
 * - `spare`: the article first shows a plain post (the host leaves the page and waits as a spare), then a guide post.
 * The same catalogue items, in the same order, for every tree. Compare two trees (e.g. before and after a renderer
 * change) with PROBE_SRC=<a checkout> and PROBE_SRC2=<another>: both run in the one browser, alternating, so machine
 * drift hits both alike. Run: `npx tsx tests/bench/turnover-probe.ts`. The page clock is coarsened to 0.1 ms (no
 * cross-origin isolation): read the means.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import { launchBrowser } from '../../scripts/browser';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { type CpuProfile, selfTimeByNode } from './lib/cpu-profile';
import { mean, median } from './lib/stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = [process.env.PROBE_SRC ?? ROOT, ...(process.env.PROBE_SRC2 ? [process.env.PROBE_SRC2] : [])].map((s) =>
  path.resolve(s),
);
const STEPS = Number(process.env.PROBE_STEPS ?? 200);
const ARTICLES = Number(process.env.PROBE_ARTICLES ?? 5);
const ROUNDS = Number(process.env.PROBE_ROUNDS ?? 3);
/** With PROBE_PROFILE=1: unminified bundles, and the V8 CPU profiler on over each tree's rounds (top self time). */
const PROFILE = process.env.PROBE_PROFILE === '1';

/** The overlay of one source tree as a script for the page (`window.__zcProbe`). */
async function bundle(src: string): Promise<string> {
  const entry = path.join(src, `.turnover-probe-${process.pid}.ts`);
  fs.writeFileSync(
    entry,
    `import { createOverlay } from '@/utils/overlay';
import * as placement from '@/utils/overlay/placement';
import { mountOverlayRoot } from '@/utils/overlay/render';
// Closed roots are found through the placer's memory; a tree from before they were closed has open ones.
const rootOf = (h: Element) => (placement as { rootOf?: (h: Element) => ShadowRoot | undefined }).rootOf?.(h) ?? h.shadowRoot;
(window as unknown as Record<string, unknown>).__zcProbe = { createOverlay, mountOverlayRoot, rootOf };
`,
  );
  try {
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      minify: !PROFILE,
      write: false,
      alias: { '@': src },
      nodePaths: [path.join(ROOT, 'node_modules')],
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    // Named, so the profiler tells the overlay's functions from the probe's own.
    return `${out.outputFiles[0]?.text ?? ''}\n//# sourceURL=zc-overlay-probe.js`;
  } finally {
    fs.rmSync(entry);
  }
}

interface Round {
  swap: { script: number[]; layout: number[] };
  spare: { script: number[]; layout: number[] };
  wrong: number;
}

/** One round in a fresh page: the probe, in the page. */
async function round(page: Page, script: string, items: unknown[]): Promise<Round> {
  await page.goto('https://weibo.com/');
  await page.waitForFunction((n) => document.querySelectorAll('article').length >= n, ARTICLES);
  await page.addScriptTag({ content: script });
  return page.evaluate(
    async ([catalogue, steps, articleCount]) => {
      type Item = { item_id: string; pict_url: string };
      const probe = (window as unknown as Record<string, unknown>).__zcProbe as {
        createOverlay: (
          img: (u: string) => string,
          load: () => Promise<unknown>,
        ) => {
          sync(items: { id: string; el: Element }[], shown: (id: string) => unknown): boolean;
          setResults(r: unknown[]): void;
        };
        mountOverlayRoot: unknown;
        rootOf: (host: Element) => ShadowRoot | null | undefined;
      };
      const overlay = probe.createOverlay(
        (u) =>
          `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="88" height="88"><rect width="88" height="88" fill="#${u.length.toString(16).padStart(6, 'c')}"/></svg>`)}`,
        async () => ({ mount: probe.mountOverlayRoot }),
      );
      const answers = new Map<string, unknown>();
      let next = 0;
      let cursor = 0;
      const guide = () => {
        const id = `Probe${next++}`;
        // Every third post shows two items (a carousel), the rest one.
        const its = (next % 3 === 0 ? [0, 1] : [0]).map(() => catalogue[cursor++ % catalogue.length] as Item);
        const answer = {
          postId: id,
          detection: { postId: id, isGuide: true, score: 5, threshold: 3, reasons: [{ code: 'tpwd', weight: 4 }] },
          matches: its.map((i) => ({ itemId: i.item_id, kind: 'exact', confidence: 1, via: 'tpwd' })),
          items: its,
        };
        answers.set(id, answer);
        overlay.setResults([answer]);
        return id;
      };
      const shown = (id: string) => answers.get(id) ?? null;
      const els = [...document.querySelectorAll('article')].slice(0, articleCount);
      const list = els.map((el) => ({ id: guide(), el }));
      overlay.sync(list, shown);
      // The renderer loads asynchronously the first time; wait for every card.
      for (let i = 0; i < 200 && document.querySelectorAll('zhongcao-cards').length < els.length; i++)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const flush = async () => {
        for (let i = 0; i < 3; i++) await Promise.resolve();
      };
      const out = {
        swap: { script: [] as number[], layout: [] as number[] },
        spare: { script: [] as number[], layout: [] as number[] },
        wrong: 0,
      };
      const step = async (k: number, id: string, into: { script: number[]; layout: number[] } | null) => {
        list[k] = { id, el: els[k] as HTMLElement };
        await frame();
        void document.body.offsetHeight;
        const t0 = performance.now();
        overlay.sync(list, shown);
        await flush();
        const t1 = performance.now();
        void document.body.offsetHeight;
        const t2 = performance.now();
        into?.script.push(t1 - t0);
        into?.layout.push(t2 - t1);
      };
      for (let i = 0; i < steps; i++) {
        const k = i % els.length;
        const id = guide();
        await step(k, id, out.swap);
        const host = els[k]?.querySelector('zhongcao-cards');
        const want = (answers.get(id) as { items: Item[] }).items.map((it) => it.item_id);
        const got = [...((host && probe.rootOf(host))?.querySelectorAll('[data-zc-item]') ?? [])].map((c) =>
          c.getAttribute('data-zc-item'),
        );
        if (host?.getAttribute('data-post-id') !== id || got.join() !== want.join()) out.wrong++;
      }
      for (let i = 0; i < steps; i++) {
        const k = i % els.length;
        await step(k, `Plain${i}`, null);
        await step(k, guide(), out.spare);
      }
      return out;
    },
    [items, STEPS, ARTICLES] as const,
  );
}

const catalogue = generateCatalogue().slice(0, 600);
const scripts = await Promise.all(SOURCES.map(bundle));
const context = await launchBrowser({ extension: false });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript('globalThis.__name = (f) => f;');
  const results = SOURCES.map(() => [] as Round[]);
  const cdp = PROFILE ? await context.newCDPSession(page) : null;
  const selfTime = SOURCES.map(() => new Map<string, number>());
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  }
  for (let r = 0; r < ROUNDS; r++)
    for (const [i, script] of scripts.entries()) {
      await cdp?.send('Profiler.start');
      results[i]?.push(await round(page, script, catalogue));
      if (!cdp) continue;
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      for (const [id, ms] of selfTimeByNode(profile)) {
        const f = byId.get(id)?.callFrame;
        if (!f || f.functionName === '(idle)' || f.functionName === '(program)') continue;
        const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}` : '(native)'}`;
        const m = selfTime[i] as Map<string, number>;
        m.set(key, (m.get(key) ?? 0) + ms);
      }
    }
  const fmt = (xs: number[]) => `mean ${mean(xs).toFixed(2)} / median ${median(xs).toFixed(2)} ms`;
  console.log(`${os.cpus().length} cores; ${ROUNDS} rounds × ${STEPS} steps per pattern, ${ARTICLES} articles`);
  for (const [i, src] of SOURCES.entries()) {
    const rounds = results[i] ?? [];
    const all = (pick: (r: Round) => number[]) => rounds.flatMap(pick);
    console.log(src);
    for (const pattern of ['swap', 'spare'] as const) {
      const script = all((r) => r[pattern].script);
      const layout = all((r) => r[pattern].layout);
      console.log(
        `  ${pattern.padEnd(5)} script ${fmt(script)}; style+layout ${fmt(layout)}; total mean ${(mean(script) + mean(layout)).toFixed(2)} ms`,
      );
    }
    console.log(`  wrong cards after a swap: ${rounds.reduce((n, r) => n + r.wrong, 0)}`);
    if (PROFILE) {
      const steps = ROUNDS * STEPS * 3;
      console.log(`  self time per turnover step (${steps} steps, including the untimed plain-post steps):`);
      for (const [k, ms] of [...(selfTime[i] ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 30))
        console.log(`    ${(ms / steps).toFixed(4)} ms  ${k}`);
    }
  }
} finally {
  await context.close();
}
