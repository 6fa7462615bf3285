import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ZcEvent } from '@/utils/events/schema';
import type { Enrolment } from '@/utils/research/config';
import { writeStudyZip } from '@/utils/research/export';
import { summariseStudy, verifyExport } from '@/utils/research/import';
import { describeImportProblem } from '@/utils/research/import-problems';
import { StudyAccumulator } from '@/utils/research/import-stream';
import { exampleEnrolment, inPages, syntheticStudyEvents } from '@/utils/research/synthetic';
import { deflatedZeros, stored, writeZip } from '../fixtures/hostile-zips';

/** Issue 27, finding 4 (a participant's zip could blank the dashboard) and finding 5 (deduplication, hashes). */

const T0 = 1_764_000_000_000;
const a = exampleEnrolment(1, T0);
const b = exampleEnrolment(2, T0 + 5_000);

async function exportZip(enrolment: Enrolment, events: Iterable<ZcEvent>) {
  const chunks: Uint8Array[] = [];
  await writeStudyZip({
    enrolment,
    extVersion: '0.1.0',
    now: T0,
    pages: inPages(events, 97),
    sink: (c) => chunks.push(c),
  });
  const zip = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    zip.set(c, at);
    at += c.length;
  }
  return { zip, files: unzipSync(zip) };
}

/** Rewrites events.ndjson and a manifest that agrees with it (hashes recomputed, as anyone editing a file can). */
function withRows(
  files: Record<string, Uint8Array>,
  ndjson: string,
  manifestEdit: (m: Record<string, unknown>) => void = () => {},
) {
  const man = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
  const bytes = strToU8(ndjson);
  man.files['events.ndjson'] = { sha256: bytesToHex(sha256(bytes)), bytes: bytes.length };
  manifestEdit(man);
  return zipSync({ ...files, 'events.ndjson': bytes, 'manifest.json': strToU8(JSON.stringify(man)) });
}

describe('imports as streams (issue 27, finding 4)', () => {
  it('gives the same study summary as the whole-file import it replaces', async () => {
    const one = await exportZip(a, syntheticStudyEvents(a, 400, 1));
    const two = await exportZip(b, syntheticStudyEvents(b, 600, 2));
    const acc = new StudyAccumulator();
    expect(await acc.importZip('a.zip', one.zip)).toMatchObject({ ok: true, rows: 400, added: 400 });
    expect(await acc.importZip('b.zip', two.zip)).toMatchObject({ ok: true, rows: 600 });
    expect(await acc.importZip('a-again.zip', one.zip)).toMatchObject({ ok: true, rows: 400, added: 0 });
    const r1 = verifyExport('a.zip', one.zip);
    const r2 = verifyExport('b.zip', two.zip);
    if (!r1.ok || !r2.ok) throw new Error('the reference import refused a good export');
    expect(acc.summary()).toEqual(summariseStudy([r1, r2]));
  });

  it('refuses a manifest that lists "constructor" or "toString" as a file, with a clear reason, and goes on', async () => {
    const good = await exportZip(a, syntheticStudyEvents(a, 50));
    const acc = new StudyAccumulator();
    for (const evil of ['constructor', 'toString', '__proto__']) {
      const man = JSON.parse(strFromU8(good.files['manifest.json'] as Uint8Array));
      man.files = JSON.parse(
        `{${JSON.stringify(evil)}: {"sha256": "${'0'.repeat(64)}", "bytes": 1}, ${JSON.stringify(man.files).slice(1)}`,
      );
      const zip = zipSync({ ...good.files, 'manifest.json': strToU8(JSON.stringify(man)) });
      const r = await acc.importZip('evil.zip', zip);
      expect(r).toMatchObject({ ok: false, issue: { code: 'badFileName', file: evil } });
      expect(verifyExport('evil.zip', zip)).toMatchObject({ ok: false, issue: { code: 'badFileName' } });
    }
    expect(await acc.importZip('good.zip', good.zip)).toMatchObject({ ok: true });
  });

  it('refuses a zip bomb (3 MB that inflate to 3 GB) from its directory, before inflating it', async () => {
    const good = await exportZip(a, syntheticStudyEvents(a, 50));
    const man = JSON.parse(strFromU8(good.files['manifest.json'] as Uint8Array));
    const gib = 3 * 1024;
    man.files['padding.bin'] = { sha256: '0'.repeat(64), bytes: gib * 1024 * 1024 - 1 };
    const entries = Object.entries({ ...good.files, 'manifest.json': strToU8(JSON.stringify(man)) }).map(([n, d]) =>
      stored(n, d),
    );
    const bomb = writeZip([
      ...entries,
      { name: 'padding.bin', data: deflatedZeros(gib), method: 8, size: gib * 1024 * 1024 - 1, crc: 0 },
    ]);
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const t0 = performance.now();
    const r = await new StudyAccumulator().importZip('bomb.zip', bomb);
    expect(r).toMatchObject({ ok: false, issue: { code: 'entryTooLarge', file: 'padding.bin' } });
    expect(performance.now() - t0).toBeLessThan(500);
    expect(verifyExport('bomb.zip', bomb)).toMatchObject({ ok: false, issue: { code: 'entryTooLarge' } });
  });

  it('refuses an entry that inflates past what the directory declared (a lying header), once it does', async () => {
    const good = await exportZip(a, syntheticStudyEvents(a, 50));
    const zip = zipSync(good.files);
    // Shrink the declared size of events.ndjson in the central directory and the manifest alike.
    const nd = good.files['events.ndjson'] as Uint8Array;
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = zip.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLen = view.getUint16(i + 28, true);
      if (strFromU8(zip.subarray(i + 46, i + 46 + nameLen)) === 'events.ndjson') view.setUint32(i + 24, 100, true);
    }
    expect(nd.length).toBeGreaterThan(100);
    const r = await new StudyAccumulator().importZip('liar.zip', zip);
    expect(r.ok).toBe(false);
  });

  it('refuses a line longer than the limit without building it', async () => {
    const good = await exportZip(a, syntheticStudyEvents(a, 5));
    const long = `{"pad":"${'x'.repeat(100_000)}"}\n`;
    const r = await new StudyAccumulator().importZip('long.zip', withRows(good.files, long));
    expect(r).toMatchObject({ ok: false, issue: { code: 'lineTooLong', line: 1 } });
  });
});

describe('deduplication and what hashes prove (issue 27, finding 5)', () => {
  it('refuses a file whose rows repeat an event_id, instead of counting it twice in one place and once in another', async () => {
    const good = await exportZip(a, syntheticStudyEvents(a, 20));
    const nd = strFromU8(good.files['events.ndjson'] as Uint8Array);
    const first = nd.split('\n')[1] as string;
    const type = JSON.parse(first).type as string;
    const zip = withRows(good.files, `${nd}${first}\n`, (m) => {
      (m.counts as Record<string, number>)[type] = ((m.counts as Record<string, number>)[type] ?? 0) + 1;
      m.total = (m.total as number) + 1;
    });
    const r = await new StudyAccumulator().importZip('dup.zip', zip);
    expect(r).toMatchObject({ ok: false, issue: { code: 'rowDuplicate', line: 21 } });
  });

  it("one participant reusing another's event ids does not hide the other's rows", async () => {
    const rowsA = [...syntheticStudyEvents(a, 100, 1)];
    const one = await exportZip(a, rowsA);
    // b's export carries a's event ids (recomputed hashes: the hashes cannot tell).
    const rowsB = [...syntheticStudyEvents(b, 100, 2)].map((e, i) => ({
      ...e,
      event_id: rowsA[i]?.event_id as string,
    }));
    const two = await exportZip(b, rowsB);
    const acc = new StudyAccumulator();
    await acc.importZip('b.zip', two.zip);
    await acc.importZip('a.zip', one.zip);
    expect(acc.summary()).toMatchObject({ participants: 2, events: 200 });
  });

  it('the refusal of a changed file says the hash detects corruption, and the README says it is not proof', async () => {
    const fs = await import('node:fs');
    const readme = fs.readFileSync('README.md', 'utf8');
    expect(readme).toMatch(/detect corruption, not tampering/);
    const { importMessages: researchMessages } = await import('@/components/research/import-messages');
    expect(researchMessages('en', 'hashNote')).toMatch(/corruption, not tampering/);
    expect(researchMessages('zh-CN', 'hashNote')).toMatch(/篡改/);
    expect(describeImportProblem({ code: 'modified', file: 'events.ndjson' }, 'en')).toMatch(/SHA-256/);
  });
});
