import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStudyZip } from '@/utils/research/export';
import { exampleEnrolment, inPages, syntheticStudyEvents } from '@/utils/research/synthetic';

/**
 * The README's DuckDB example, run for real: three participants' exports from our exporter, unzipped into
 * exports/<participant>/, and docs/duckdb/funnel.sql over the glob.
 */
const SQL = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/duckdb/funnel.sql'), 'utf8');
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-duckdb-'));
  for (const [n, count] of [
    [1, 400],
    [2, 1_000],
    [3, 600],
  ] as const) {
    const enrolment = exampleEnrolment(n, 1_764_000_000_000 + n);
    const chunks: Uint8Array[] = [];
    await writeStudyZip({
      enrolment,
      extVersion: '0.1.0',
      now: Date.now(),
      pages: inPages(syntheticStudyEvents(enrolment, count, n), 250),
      sink: (c) => chunks.push(c),
    });
    const files = unzipSync(Buffer.concat(chunks));
    const out = path.join(dir, 'exports', enrolment.participant_id.slice(0, 8) + String(n));
    fs.mkdirSync(out, { recursive: true });
    for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(out, name), data);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('DuckDB over many participants’ NDJSON exports', () => {
  it('computes the study funnel with the documented SQL', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
    const reader = await con.runAndReadAll(SQL);
    const [row] = reader.getRowObjectsJson();
    // 40 + 100 + 60 posts: an exposure each, clicks on even posts, saves every 5th, purchases every 10th at 99 yuan.
    expect(row).toEqual({
      participants: '3',
      post_exposures: '0',
      exposures: '200',
      clicks: '100',
      saves: '40',
      purchases: '20',
      gmv_fen: '198000',
    });
    con.closeSync();
  });

  it('reads the same rows and columns the manifest promises', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const glob = path.join(dir, 'exports/*/events.ndjson');
    const reader = await con.runAndReadAll(
      `SELECT count(*) AS n FROM read_json_auto('${glob}', format = 'newline_delimited')`,
    );
    expect(reader.getRowObjectsJson()[0]).toEqual({ n: '2000' });
    const cols = await con.runAndReadAll(
      `DESCRIBE SELECT * FROM read_json_auto('${glob}', format = 'newline_delimited')`,
    );
    const manifest = JSON.parse(
      strFromU8(
        fs.readFileSync(
          path.join(dir, 'exports', fs.readdirSync(path.join(dir, 'exports'))[0] as string, 'manifest.json'),
        ),
      ),
    );
    expect(cols.getRowObjectsJson().map((r) => r.column_name)).toEqual(manifest.fields);
    con.closeSync();
  });
});
