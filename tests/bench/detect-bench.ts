/**
 * Benchmark (not a test): extract + detect + match every corpus post N times against 5,000- and 50,000-item
 * catalogues; prints median / p95 ms per post and index build time.
 * Run: `npx tsx tests/bench/detect-bench.ts [rounds]` (default 20).
 *
 * Extraction runs on linkedom here, which is slower than Chromium's native DOM, so the extract column is an upper
 * bound; detect+match is the same code that runs in the background worker.
 */

import { loadCorpus } from '../../scripts/eval-detect';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { analysePost } from '../../utils/detect/analyse';
import { buildCatalogueIndex } from '../../utils/match/index';
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

for (const count of [5000, 50_000]) {
  let t0 = performance.now();
  const items = generateCatalogue({ count });
  const genMs = performance.now() - t0;
  t0 = performance.now();
  const index = buildCatalogueIndex(items);
  const buildMs = performance.now() - t0;
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
  console.log(
    `${String(items.length).padStart(6)} items: generate ${genMs.toFixed(0)} ms, index build ${buildMs.toFixed(0)} ms; ` +
      `detect+match median ${fmt(quantile(times, 0.5))} ms  p95 ${fmt(quantile(times, 0.95))} ms  max ${fmt(times[times.length - 1] ?? 0)} ms`,
  );
}
