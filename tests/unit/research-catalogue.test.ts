import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type CatalogueSourceRecord, catalogueProblem, parseStudyConfig } from '@/utils/research/config';
import { writeStudyZip } from '@/utils/research/export';
import { verifyExport } from '@/utils/research/import';
import { EXAMPLE_STUDY, exampleEnrolment, inPages, syntheticStudyEvents } from '@/utils/research/synthetic';

const SHA = 'a'.repeat(64);
const source = (over: Partial<CatalogueSourceRecord>): CatalogueSourceRecord => ({
  id: 'file-x',
  name: 'x.xlsx',
  kind: 'xuanpinku-xlsx',
  sha256: SHA,
  rows: 10,
  enabled: true,
  ...over,
});

describe('a study that pins its catalogue', () => {
  it('names the file by SHA-256 and tells the participant what is missing', () => {
    const r = parseStudyConfig(
      JSON.stringify({ ...EXAMPLE_STUDY, catalogue: { sha256: SHA, name: 'x.xlsx', exclusive: true } }),
    );
    if (!r.ok) throw new Error(r.errors.join());
    const mock = source({ id: 'mock', kind: 'mock', sha256: 'b'.repeat(64) });
    expect(catalogueProblem(r.config, [mock])).toEqual({ code: 'missing', name: 'x.xlsx' });
    expect(catalogueProblem(r.config, [mock, source({ enabled: false })])?.code).toBe('disabled');
    expect(catalogueProblem(r.config, [mock, source({})])?.code).toBe('others-enabled');
    expect(catalogueProblem(r.config, [{ ...mock, enabled: false }, source({})])).toBeNull();
    const bad = parseStudyConfig(JSON.stringify({ ...EXAMPLE_STUDY, catalogue: { sha256: 'ABC' } }));
    expect(bad.ok ? '' : bad.errors.join()).toMatch(/catalogue\.sha256/);
  });

  it('the export manifest records the catalogue sources in effect, and survives verification', async () => {
    const enrolment = exampleEnrolment(1, 1_764_000_000_000);
    const chunks: Uint8Array[] = [];
    const catalogue = [source({}), source({ id: 'mock', kind: 'mock', sha256: 'b'.repeat(64), version: '0.1.0' })];
    const manifest = await writeStudyZip({
      enrolment,
      extVersion: '0.1.0',
      now: enrolment.enrolled_at + 1000,
      pages: inPages(syntheticStudyEvents(enrolment, 20), 50),
      sink: (c) => chunks.push(c),
      catalogue,
    });
    expect(manifest.catalogue).toEqual(catalogue);
    const zip = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      zip.set(c, at);
      at += c.length;
    }
    expect(JSON.parse(new TextDecoder().decode(unzipSync(zip)['manifest.json'])).catalogue).toEqual(catalogue);
    const verified = verifyExport('p.zip', zip);
    expect(verified.ok && verified.manifest.catalogue).toEqual(catalogue);
  });
});
