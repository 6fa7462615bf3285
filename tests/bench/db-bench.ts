/**
 * `npx tsx tests/bench/db-bench.ts`: the event-store benchmark on fake-indexeddb under Node, which is much slower than
 * Chromium's IndexedDB (see db-bench-chromium.ts for the real figure). Env: BENCH_EVENTS (100000), BENCH_BATCH (50).
 */
import 'fake-indexeddb/auto';
import { runDbBench } from './db-bench-core';

const lines = await runDbBench(
  Number(process.env.BENCH_EVENTS ?? 100_000),
  Number(process.env.BENCH_BATCH ?? 50),
  `fake-indexeddb on Node ${process.versions.node}`,
);
for (const line of lines) console.log(line);
