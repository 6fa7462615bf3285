/**
 * A study of many participants, merged by the documented DuckDB SQL:
 *   npx tsx tests/bench/study-merge-bench.ts [--participants=1000] [--posts=100]
 * Makes each participant's export with our exporter (syntheticGuideStudyEvents: guide posts with and without cards,
 * interactions, purchases), unzips it into exports/<participant>/, then times docs/duckdb/funnel.sql and depth.sql
 * over all NDJSON files and over all Parquet files (@duckdb/node-api, one connection, cold each time).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { unzipSync } from 'fflate';
import { writeStudyZip } from '@/utils/research/export';
import { exampleEnrolment, inPages, syntheticGuideStudyEvents } from '@/utils/research/synthetic';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const PARTICIPANTS = Number(arg('participants', '1000'));
const POSTS = Number(arg('posts', '100'));
const ROOT = path.resolve(import.meta.dirname, '../..');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-merge-bench-'));
try {
  const t0 = performance.now();
  let events = 0;
  let zipBytes = 0;
  for (let n = 1; n <= PARTICIPANTS; n++) {
    const enrolment = exampleEnrolment(n, 1_764_000_000_000 + n * 1000);
    const chunks: Uint8Array[] = [];
    const manifest = await writeStudyZip({
      enrolment,
      extVersion: '0.1.0',
      now: 1_765_000_000_000,
      pages: inPages(syntheticGuideStudyEvents(enrolment, POSTS, n), 5_000),
      sink: (c) => chunks.push(c),
    });
    events += manifest.total;
    const zip = Buffer.concat(chunks);
    zipBytes += zip.length;
    const out = path.join(dir, 'exports', enrolment.participant_id);
    fs.mkdirSync(out, { recursive: true });
    for (const [name, data] of Object.entries(unzipSync(zip))) fs.writeFileSync(path.join(out, name), data);
  }
  const makeMs = performance.now() - t0;
  console.log(
    `${PARTICIPANTS} participants, ${events.toLocaleString('en')} events, zips ${(zipBytes / 1048576).toFixed(1)} MB: made and unzipped in ${(makeMs / 1000).toFixed(1)} s`,
  );

  for (const parquet of [false, true]) {
    for (const file of ['funnel.sql', 'depth.sql']) {
      let text = fs.readFileSync(path.join(ROOT, 'docs/duckdb', file), 'utf8');
      if (parquet)
        text = text.replace(
          "read_json_auto('exports/*/events.ndjson', format = 'newline_delimited', union_by_name = true)",
          "read_parquet('exports/*/events.parquet', union_by_name = true)",
        );
      const db = await DuckDBInstance.create(':memory:');
      const con = await db.connect();
      await con.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
      const t1 = performance.now();
      const rows = (await con.runAndReadAll(text)).getRowObjectsJson();
      const ms = performance.now() - t1;
      con.closeSync();
      console.log(`${file} over ${parquet ? 'events.parquet' : 'events.ndjson'}: ${(ms / 1000).toFixed(2)} s`);
      if (file === 'funnel.sql') console.log(`  ${JSON.stringify(rows[0])}`);
      else
        for (const r of rows)
          console.log(
            `  ${String(r.group).padEnd(10)} n=${r.n} converted=${r.converted} rate=${Number(r.rate).toFixed(4)} lift=${r.lift === null ? '—' : Number(r.lift).toFixed(2)} [${r.lift_lo === null ? '—' : Number(r.lift_lo).toFixed(2)}, ${r.lift_hi === null ? '—' : Number(r.lift_hi).toFixed(2)}]${r.small ? ' small' : ''}`,
          );
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
