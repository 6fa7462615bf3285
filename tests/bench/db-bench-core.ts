/**
 * Event store benchmark core, run by db-bench.ts (Node + fake-indexeddb) and db-bench-chromium.ts (real Chromium
 * IndexedDB): write N events in batches (one transaction per batch, as the background does), then time the
 * dashboard's queries.
 */
import Dexie from 'dexie';
import { ZhongcaoDB } from '@/utils/db';
import { DAY, START, synthetic } from './lib/synthetic-events';

async function time<T>(
  label: string,
  fn: () => Promise<T>,
  runs = 5,
): Promise<{ label: string; ms: number; result: T }> {
  let result = await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { label, ms: samples[Math.floor(samples.length / 2)]!, result };
}

export async function runDbBench(
  N = 100_000,
  BATCH = 50,
  engine = 'IndexedDB',
  durability: 'default' | 'strict' | 'relaxed' = 'default',
): Promise<string[]> {
  const lines: string[] = [];
  const log = (s: string) => lines.push(s);
  const name = `zc-bench-${Date.now()}`;
  const db = new ZhongcaoDB(name, { chromeTransactionDurability: durability });
  await db.open();
  const events = synthetic(N);

  const t0 = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    // The same call as the background's writeBatch.
    await db.transaction('rw', db.events, () => db.events.bulkPut(batch));
  }
  const writeMs = performance.now() - t0;

  // Idempotent retry cost: re-putting an already stored batch.
  const retry = await time('retry of a stored batch (bulkPut, same ids)', () =>
    db.transaction('rw', db.events, () => db.events.bulkPut(events.slice(0, BATCH))),
  );

  const weekFrom = START + 10 * DAY;
  const queries = [
    await time('exposures in one week ([type+ts] range, count)', () =>
      db.events
        .where('[type+ts]')
        .between(['exposure', weekFrom], ['exposure', weekFrom + 7 * DAY])
        .count(),
    ),
    await time('purchases in one week ([type+ts] range, rows)', () =>
      db.events
        .where('[type+ts]')
        .between(['purchase', weekFrom], ['purchase', weekFrom + 7 * DAY])
        .toArray()
        .then((r) => r.length),
    ),
    await time('events of one post (post_id, rows)', () =>
      db.events
        .where('post_id')
        .equals('P42')
        .toArray()
        .then((r) => r.length),
    ),
    await time('events of one author, last 7 days ([author_id+ts], rows)', () =>
      db.events
        .where('[author_id+ts]')
        .between(['A7', START + 23 * DAY], ['A7', Dexie.maxKey])
        .toArray()
        .then((r) => r.length),
    ),
    await time('events of one author (author_id, count)', () => db.events.where('author_id').equals('A7').count()),
    await time('events of one item (item_id, rows)', () =>
      db.events
        .where('item_id')
        .equals('600000000123')
        .toArray()
        .then((r) => r.length),
    ),
    await time(
      'latest 50 events (ts index, reverse)',
      () =>
        db.events
          .orderBy('ts')
          .reverse()
          .limit(50)
          .toArray()
          .then((r) => r.length),
      5,
    ),
  ];

  const perSec = Math.round((N / writeMs) * 1000);
  log(`engine: ${engine}, transaction durability ${durability}`);
  log(
    `write ${N} events in batches of ${BATCH}: ${(writeMs / 1000).toFixed(1)} s = ${perSec} events/s (${(writeMs / (N / BATCH)).toFixed(2)} ms per batch)`,
  );
  log(`${retry.label}: ${retry.ms.toFixed(1)} ms; stored count still ${await db.events.count()}`);
  for (const q of queries) log(`${q.label}: ${q.ms.toFixed(1)} ms (${q.result} rows)`);

  db.close();
  await Dexie.delete(name);
  return lines;
}
