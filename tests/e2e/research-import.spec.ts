import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { projectEvent, writeStudyZip } from '@/utils/research/export';
import { exampleEnrolment, inPages, syntheticStudyEvents } from '@/utils/research/synthetic';
import { descendantRssMb } from '../bench/lib/proc-rss';
import { deflatedZeros, type RawEntry, stored, writeZip } from '../fixtures/hostile-zips';
import { expect, test } from './fixtures';

/**
 * Issue 27's import acceptance, in the dashboard: a zip bomb and a manifest naming `constructor` are refused with a
 * clear reason and the page keeps working; a 1,000,000-row export completes with a progress bar while the page stays
 * responsive (no task over 200 ms, by a longtask PerformanceObserver in the page), and its peak memory is printed.
 */

const T0 = 1_764_000_000_000;
const enrolment = exampleEnrolment(7, T0);

async function smallExport(rows: number): Promise<Record<string, Uint8Array>> {
  const chunks: Uint8Array[] = [];
  await writeStudyZip({
    enrolment,
    extVersion: '0.1.0',
    now: T0,
    pages: inPages(syntheticStudyEvents(enrolment, rows), 500),
    sink: (c) => chunks.push(c),
  });
  return unzipSync(Buffer.concat(chunks));
}

/** A real export's other files and manifest around `n` synthetic rows, written without the exporter's own pace. */
async function bigExportFile(n: number): Promise<string> {
  const small = await smallExport(10);
  // Named by the exporter's file list, so a cached file from an export with other files is not reused.
  const file = path.join(os.tmpdir(), `zc-import-${n}-${Object.keys(small).sort().join('+')}.zip`);
  if (fs.existsSync(file)) return file;
  const man = JSON.parse(strFromU8(small['manifest.json'] as Uint8Array));
  const parts: Buffer[] = [];
  const counts: Record<string, number> = {};
  let batch: string[] = [];
  let last = 0;
  for (const e of syntheticStudyEvents(enrolment, n, 3)) {
    batch.push(JSON.stringify(projectEvent(e, man.fields)));
    counts[e.type] = (counts[e.type] ?? 0) + 1;
    last = e.ts;
    if (batch.length === 10_000) {
      parts.push(Buffer.from(`${batch.join('\n')}\n`));
      batch = [];
    }
  }
  if (batch.length) parts.push(Buffer.from(`${batch.join('\n')}\n`));
  const ndjson = Buffer.concat(parts);
  man.total = n;
  man.counts = counts;
  man.time_span = { first_ts: T0, last_ts: last };
  man.files['events.ndjson'] = { sha256: createHash('sha256').update(ndjson).digest('hex'), bytes: ndjson.length };
  const entries: RawEntry[] = [
    {
      name: 'events.ndjson',
      data: deflateRawSync(ndjson, { level: 1 }),
      method: 8,
      size: ndjson.length,
      crc: crc32(ndjson),
    },
  ];
  // Every other file the exporter writes (CSV, Parquet, dictionary), as the manifest lists them.
  for (const [name, data] of Object.entries(small)) {
    if (name !== 'events.ndjson' && name !== 'manifest.json') entries.push(stored(name, data));
  }
  entries.push(stored('manifest.json', strToU8(JSON.stringify(man))));
  fs.writeFileSync(file, writeZip(entries));
  return file;
}

/** Resident memory of every process this test launched (the browser and its renderers and workers), in MB. */
function browserRssMb(): number {
  return descendantRssMb();
}

test('imports: a zip bomb and a prototype-named entry are refused; a 1,000,000-row export completes responsively', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(900_000);
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#research`);
  await dash.evaluate(() => {
    const w = window as unknown as { __longtasks: number[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const input = dash.getByLabel('导入参与者数据（ZIP）');
  const small = await smallExport(50);

  // A zip bomb: 3 MB that inflate to 3 GB, declared honestly in its directory.
  const man = JSON.parse(strFromU8(small['manifest.json'] as Uint8Array));
  const gib = 3 * 1024;
  man.files['padding.bin'] = { sha256: '0'.repeat(64), bytes: gib * 1024 * 1024 - 1 };
  const bomb = writeZip([
    ...Object.entries({ ...small, 'manifest.json': strToU8(JSON.stringify(man)) }).map(([n, d]) => stored(n, d)),
    { name: 'padding.bin', data: deflatedZeros(gib), method: 8, size: gib * 1024 * 1024 - 1, crc: 0 },
  ]);
  await input.setInputFiles([{ name: 'bomb.zip', mimeType: 'application/zip', buffer: Buffer.from(bomb) }]);
  await expect(dash.locator('[data-import="rejected"]').last()).toContainText(
    '已拒绝 bomb.zip：padding.bin 解压后有 3221225471 字节，超过上限 1073741824 字节（未解压即拒绝）',
  );

  // A manifest listing `constructor` as a file.
  const proto = JSON.parse(strFromU8(small['manifest.json'] as Uint8Array));
  proto.files = { constructor: { sha256: '0'.repeat(64), bytes: 1 }, ...proto.files };
  const protoZip = writeZip(
    Object.entries({ ...small, 'manifest.json': strToU8(JSON.stringify(proto)) }).map(([n, d]) => stored(n, d)),
  );
  await input.setInputFiles([{ name: 'proto.zip', mimeType: 'application/zip', buffer: Buffer.from(protoZip) }]);
  await expect(dash.locator('[data-import="rejected"]').last()).toContainText(
    '已拒绝 proto.zip：manifest.json 列出的“constructor”不是导出文件的文件名',
  );
  // The page keeps working: the section is there, nothing failed, and a good export is still accepted.
  await expect(dash.locator('[data-section-error]')).toHaveCount(0);
  await expect(dash.getByTestId('rs-hash-note')).toContainText('不能证明数据未被篡改');
  const good = writeZip(Object.entries(small).map(([n, d]) => stored(n, d)));
  await input.setInputFiles([{ name: 'good.zip', mimeType: 'application/zip', buffer: Buffer.from(good) }]);
  await expect(dash.getByTestId('rs-combined')).toHaveText('合计：1 位参与者，50 条事件');

  // A 1,000,000-row export.
  const big = await bigExportFile(1_000_000);
  await dash.getByRole('button', { name: '清空导入' }).click();
  await dash.evaluate(() => {
    (window as unknown as { __longtasks: number[] }).__longtasks = [];
  });
  const rssBefore = browserRssMb();
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, browserRssMb());
  }, 250);
  const t0 = Date.now();
  await input.setInputFiles(big);
  await expect(dash.getByRole('progressbar', { name: '导入进度' })).toBeVisible();
  // While it runs, the page answers at once.
  const pings: number[] = [];
  while ((await dash.getByTestId('rs-combined').count()) === 0) {
    const p0 = Date.now();
    await dash.evaluate(() => 1);
    pings.push(Date.now() - p0);
    await dash.waitForTimeout(500);
    if (Date.now() - t0 > 800_000) break;
  }
  clearInterval(sampler);
  const seconds = (Date.now() - t0) / 1000;
  await expect(dash.getByTestId('rs-combined')).toHaveText('合计：1 位参与者，1000000 条事件');
  const longtasks = await dash.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks);
  const longest = Math.max(0, ...longtasks);
  console.log(
    `[import 1,000,000 rows] ${seconds.toFixed(1)} s; zip ${(fs.statSync(big).size / 1e6).toFixed(1)} MB; ` +
      `browser RSS ${rssBefore.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (+${(peak - rssBefore).toFixed(0)} MB); ` +
      `long tasks ${longtasks.length}, longest ${longest.toFixed(0)} ms; page round trip max ${Math.max(...pings)} ms`,
  );
  expect(longest).toBeLessThanOrEqual(200);
});
