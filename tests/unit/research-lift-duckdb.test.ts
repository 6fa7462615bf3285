import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStudyZip } from '@/utils/research/export';
import { type AcceptedExport, summariseStudy, verifyExport } from '@/utils/research/import';
import { exampleEnrolment, inPages, syntheticGuideStudyEvents } from '@/utils/research/synthetic';

/**
 * The dashboard's study summary and docs/duckdb/{funnel,depth}.sql over the same exports give the same numbers:
 * 12 participants browsing guide posts with and without cards, one of whom sent the same export twice.
 */
const sql = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/duckdb', name), 'utf8');
let dir: string;
const accepted: AcceptedExport[] = [];

async function zipOf(n: number): Promise<Uint8Array> {
  const enrolment = exampleEnrolment(n, 1_764_000_000_000 + n * 1000);
  const chunks: Uint8Array[] = [];
  await writeStudyZip({
    enrolment,
    extVersion: '0.1.0',
    now: 1_765_000_000_000,
    pages: inPages(syntheticGuideStudyEvents(enrolment, 60, n), 200),
    sink: (c) => chunks.push(c),
  });
  return Buffer.concat(chunks);
}

function unzipTo(bytes: Uint8Array, name: string): void {
  const out = path.join(dir, 'exports', name);
  fs.mkdirSync(out, { recursive: true });
  for (const [file, data] of Object.entries(unzipSync(bytes))) fs.writeFileSync(path.join(out, file), data);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-lift-'));
  for (let n = 1; n <= 12; n++) {
    const bytes = await zipOf(n);
    const r = verifyExport(`p${n}.zip`, bytes);
    if (!r.ok) throw new Error(r.problem);
    accepted.push(r);
    unzipTo(bytes, `p${n}`);
    if (n === 3) {
      accepted.push(r);
      unzipTo(bytes, 'p3-again');
    }
  }
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The documented way to read the Parquet files instead: the same SQL with read_parquet over the same folders. */
const overParquet = (text: string) =>
  text.replace(
    "read_json_auto('exports/*/events.ndjson', format = 'newline_delimited', union_by_name = true)",
    "read_parquet('exports/*/events.parquet', union_by_name = true)",
  );

async function run(file: string, parquet = false) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
  const text = parquet ? overParquet(sql(file)) : sql(file);
  if (parquet) expect(text).toContain('read_parquet');
  const rows = (await con.runAndReadAll(text)).getRowObjectsJS();
  con.closeSync();
  return rows;
}

const num = (v: unknown) => (v === null ? null : Number(v));

describe('DuckDB over merged exports gives the dashboard’s numbers', { timeout: 30_000 }, () => {
  it('the funnel, post-level row included', async () => {
    const s = summariseStudy(accepted);
    const [row] = await run('funnel.sql');
    expect(s.postExposures).toBeGreaterThan(500);
    expect({
      participants: num(row!.participants),
      post_exposures: num(row!.post_exposures),
      exposures: num(row!.exposures),
      clicks: num(row!.clicks),
      saves: num(row!.saves),
      purchases: num(row!.purchases),
    }).toEqual({
      participants: s.participants,
      post_exposures: s.postExposures,
      exposures: s.funnel.exposure,
      clicks: s.funnel.click,
      saves: s.funnel.save,
      purchases: s.funnel.purchase,
    });
  });

  it('the interaction-depth table: counts, rates, intervals, lift and small cells', async () => {
    const s = summariseStudy(accepted);
    const rows = await run('depth.sql');
    expect(rows.map((r) => r.group)).toEqual(s.lift.map((l) => l.key));
    // The data must exercise the table: purchases in the groups, some readable cells and some too small.
    expect(s.lift.find((l) => l.key === 'seen-only')!.converted).toBeGreaterThan(10);
    expect(s.lift.some((l) => l.small)).toBe(true);
    expect(s.lift.some((l) => !l.small)).toBe(true);
    s.lift.forEach((l, i) => {
      const r = rows[i]!;
      expect([num(r.n), num(r.converted), r.small, r.lift_small], l.key).toEqual([
        l.n,
        l.converted,
        l.small,
        l.liftSmall,
      ]);
      const pairs: [unknown, number | null | undefined][] = [
        [r.rate, l.rate],
        [r.rate_lo, l.rateCi?.lo],
        [r.rate_hi, l.rateCi?.hi],
        [r.lift, l.lift],
        [r.lift_lo, l.liftCi?.lo],
        [r.lift_hi, l.liftCi?.hi],
      ];
      for (const [got, want] of pairs) {
        if (want === null || want === undefined) expect(got, l.key).toBeNull();
        else expect(num(got), l.key).toBeCloseTo(want, 9);
      }
    });
  });

  it('events.parquet gives the same funnel and depth table as events.ndjson', async () => {
    expect(await run('funnel.sql', true)).toEqual(await run('funnel.sql'));
    expect(await run('depth.sql', true)).toEqual(await run('depth.sql'));
  });

  it('events.parquet is typed from the event schema', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const file = path.join(dir, 'exports/p1/events.parquet');
    const cols = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowObjectsJS();
    const type = Object.fromEntries(cols.map((c) => [c.column_name, c.column_type]));
    expect(type).toMatchObject({
      event_id: 'VARCHAR',
      type: 'VARCHAR',
      ts: 'BIGINT',
      schema_version: 'BIGINT',
      tz_offset: 'BIGINT',
      max_ratio: 'DOUBLE',
      has_card: 'BOOLEAN',
      exposed: 'BOOLEAN',
      amount_fen: 'BIGINT',
      ref_kinds: 'VARCHAR',
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'exports/p1/manifest.json'), 'utf8'));
    expect(cols.map((c) => c.column_name)).toEqual(manifest.fields);
    const [n] = (await con.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${file}')`)).getRowObjectsJS();
    expect(Number(n!.n)).toBe(manifest.total);
    con.closeSync();
  });
});
