/**
 * Benchmark (not a test): extract + detect + match every corpus post N times against 5,000-, 50,000- and
 * 200,000-item catalogues (every item resident with its title index: more than the worker holds, where imported
 * items are looked up by key); prints median / p95 ms per post and index build time.
 * Run: `npx tsx tests/bench/detect-bench.ts [rounds]` (default 20); DETECT_COUNTS=5000,50000 picks the sizes.
 *
 * Extraction runs on linkedom here, which is slower than Chromium's native DOM, so the extract column is an upper
 * bound; detect+match is the same code that runs in the background worker.
 */

import { loadCorpus } from '../../scripts/eval-detect';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { analysePost } from '../../utils/detect/analyse';
import { buildCatalogueIndex, buildExactMaps, type CatalogueIndex } from '../../utils/match/index';
import type { Post } from '../../utils/types';

const rounds = Number(process.argv[2] ?? 20);

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.floor(q * sorted.length));
  return sorted[i] as number;
}
const fmt = (x: number) => x.toFixed(4);

const corpus = loadCorpus().items;
const extractTimes: number[] = [];
const posts: Post[] = [];
for (let r = 0; r < rounds; r++) {
  for (const { item, json, adapter } of corpus) {
    if (!item) continue;
    const t0 = performance.now();
    const post = adapter.extract(item, json);
    extractTimes.push(performance.now() - t0);
    if (r === 0 && post) posts.push(post);
  }
}
extractTimes.sort((a, b) => a - b);
console.log(`corpus: ${corpus.length} feed items, ${posts.length} extracted posts, ${rounds} rounds`);
console.log(
  `extract (linkedom)        median ${fmt(quantile(extractTimes, 0.5))} ms  p95 ${fmt(quantile(extractTimes, 0.95))} ms`,
);

/** Median, p95 and max ms of detect+match per post against `index`, after a warm-up pass. */
function timePosts(index: CatalogueIndex): string {
  // Warm-up pass so the JIT has seen every path before timing.
  for (const p of posts) analysePost(p, index, { threshold: 3 });
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of posts) {
      const s = performance.now();
      analysePost(p, index, { threshold: 3 });
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  return `detect+match median ${fmt(quantile(times, 0.5))} ms  p95 ${fmt(quantile(times, 0.95))} ms  max ${fmt(times[times.length - 1] ?? 0)} ms`;
}

const RESIDENT = 5000;
const counts = (process.env.DETECT_COUNTS ?? '5000,50000,200000').split(',').map(Number);
for (const count of counts) {
  let t0 = performance.now();
  const items = generateCatalogue({ count });
  const genMs = performance.now() - t0;
  t0 = performance.now();
  const index = buildCatalogueIndex(items);
  const buildMs = performance.now() - t0;
  console.log(
    `${String(items.length).padStart(6)} items: generate ${genMs.toFixed(0)} ms, index build ${buildMs.toFixed(0)} ms; ${timePosts(index)}`,
  );
  if (count <= RESIDENT) continue;
  // The worker's layout with imported lists: the mock resident with its title index, imported items found by key
  // (from IndexedDB's indexes there, from maps here: the lookups' I/O is in the cold-start figure, not this one).
  const resident = buildCatalogueIndex(items.slice(0, RESIDENT));
  const layered: CatalogueIndex = { ...resident, ...buildExactMaps(items) };
  console.log(
    `${String(items.length).padStart(6)} items, ${RESIDENT} resident and the rest by key: ${timePosts(layered)}`,
  );
}
