/**
 * Research export benchmark: N synthetic study events → the study zip, the way the dashboard does it (Dexie pages of
 * 5,000 by `ts`, streaming deflate, incremental SHA-256), with the zip written to a file as it is produced.
 *   npx tsx tests/bench/export-bench.ts [--n=1000000] [--source=idb|gen]
 * `idb` (default) stores the events in fake-indexeddb (an in-memory IndexedDB for Node, not Chrome's) first; `gen`
 * feeds the exporter straight from a generator to show the exporter's own cost. RSS is sampled every 25 ms.
 */
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZhongcaoDB } from '@/utils/db';
import { eventPages } from '@/utils/db/event-log';
import { writeStudyZip } from '@/utils/research/export';
import { exampleEnrolment, inPages, syntheticStudyEvents } from '@/utils/research/synthetic';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const N = Number(arg('n', '1000000'));
const SOURCE = arg('source', 'idb');
const MB = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const enrolment = exampleEnrolment(1, 1_764_000_000_000);
  let pages: AsyncIterable<readonly import('@/utils/events/schema').ZcEvent[]>;
  let loadMs = 0;
  if (SOURCE === 'idb') {
    const db = new ZhongcaoDB(`zc-export-bench-${Date.now()}`);
    const t0 = performance.now();
    let batch = [];
    for (const e of syntheticStudyEvents(enrolment, N)) {
      batch.push(e);
      if (batch.length === 20_000) {
        await db.events.bulkPut(batch);
        batch = [];
      }
    }
    if (batch.length) await db.events.bulkPut(batch);
    loadMs = performance.now() - t0;
    pages = eventPages(db, enrolment.enrolled_at, 5_000);
  } else {
    pages = inPages(syntheticStudyEvents(enrolment, N), 5_000);
  }
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);

  const out = path.join(os.tmpdir(), `zc-export-bench-${process.pid}.zip`);
  const fd = fs.openSync(out, 'w');
  let zipBytes = 0;
  const t1 = performance.now();
  const manifest = await writeStudyZip({
    enrolment,
    extVersion: '0.1.0',
    now: Date.now(),
    pages,
    sink: (chunk) => {
      fs.writeSync(fd, chunk);
      zipBytes += chunk.length;
    },
  });
  const exportMs = performance.now() - t1;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  fs.closeSync(fd);
  fs.rmSync(out);

  const nd = manifest.files['events.ndjson'];
  const csv = manifest.files['events.csv'];
  console.log(
    JSON.stringify(
      {
        source: SOURCE === 'idb' ? 'fake-indexeddb (Node, in-memory)' : 'generator (no database)',
        events: manifest.total,
        load_s: +(loadMs / 1000).toFixed(1),
        export_s: +(exportMs / 1000).toFixed(1),
        events_per_s: Math.round(manifest.total / (exportMs / 1000)),
        rss_before_export: MB(rssBefore),
        rss_peak_during_export: MB(peak),
        rss_added_by_export: MB(peak - rssBefore),
        ndjson: MB(nd?.bytes ?? 0),
        csv: MB(csv?.bytes ?? 0),
        zip: MB(zipBytes),
        node: process.version,
        cpus: os.cpus().length,
      },
      null,
      2,
    ),
  );
  if (manifest.total !== N) throw new Error(`exported ${manifest.total} of ${N}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
