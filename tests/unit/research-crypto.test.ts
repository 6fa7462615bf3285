import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { completionCode, parseStudyConfig, surveyLink } from '@/utils/research/config';
import {
  CHUNK,
  decryptExport,
  encryptExport,
  generateResearcherKeys,
  importPrivateKey,
  keyId,
  type ResearcherKey,
} from '@/utils/research/crypto';
import { writeStudyZip } from '@/utils/research/export';
import { EXAMPLE_STUDY, exampleEnrolment, inPages, syntheticStudyEvents } from '@/utils/research/synthetic';
import { decryptFiles } from '../../scripts/study';

let keys: { publicKey: JsonWebKey; privateKey: JsonWebKey };
let other: { publicKey: JsonWebKey; privateKey: JsonWebKey };
let zip: Uint8Array;
const enrolment = exampleEnrolment(7, 1_764_000_000_000);

beforeAll(async () => {
  [keys, other] = await Promise.all([generateResearcherKeys(), generateResearcherKeys()]);
  const chunks: Uint8Array[] = [];
  await writeStudyZip({
    enrolment,
    extVersion: '0.1.0',
    now: 1,
    pages: inPages(syntheticStudyEvents(enrolment, 2_000), 500),
    sink: (c) => chunks.push(c),
  });
  zip = Buffer.concat(chunks);
}, 60_000);

const pub = () => keys.publicKey as ResearcherKey;
const join = (parts: Uint8Array[]) => Buffer.concat(parts);

describe('encrypted export (RSA-OAEP-256 wrapped AES-256-GCM, chunked)', () => {
  it('round trip: only the researcher’s private key opens it, and the zip comes back byte for byte', async () => {
    const sealed = join(await encryptExport([zip.subarray(0, 1000), zip.subarray(1000)], pub(), 'p7.zip'));
    expect(sealed.includes(Buffer.from('events.ndjson'))).toBe(false);
    const opened = await decryptExport(sealed, await importPrivateKey(keys.privateKey));
    expect(opened).toMatchObject({ ok: true, name: 'p7.zip', keyId: keyId(pub()) });
    expect(opened.ok && Buffer.from(opened.zip).equals(Buffer.from(zip))).toBe(true);

    const wrong = await decryptExport(sealed, await importPrivateKey(other.privateKey));
    expect(wrong).toMatchObject({ ok: false, problem: expect.stringMatching(/not encrypted to this key/) });
  });

  it('a changed byte, swapped or dropped chunk or a cut-short file fails its check', async () => {
    // Three chunks: the zip repeated past two CHUNKs.
    const big = new Uint8Array(2 * CHUNK + 123).map((_, i) => i % 251);
    const sealed = join(await encryptExport([big], pub(), 'big.zip'));
    const key = await importPrivateKey(keys.privateKey);
    expect((await decryptExport(sealed, key)).ok).toBe(true);

    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 5] = (flipped[flipped.length - 5] ?? 0) ^ 1;
    expect(await decryptExport(flipped, key)).toMatchObject({ ok: false, problem: expect.stringMatching(/chunk 3/) });

    const headerEnd = sealed.indexOf(0x0a, sealed.indexOf(0x0a) + 1) + 1;
    const step = CHUNK + 16;
    const head = sealed.subarray(0, headerEnd);
    const c = [0, 1, 2].map((i) => sealed.subarray(headerEnd + i * step, headerEnd + (i + 1) * step));
    const swapped = join([head, c[1]!, c[0]!, c[2]!]);
    expect((await decryptExport(swapped, key)).ok).toBe(false);
    // Dropping the last chunk leaves a "last" chunk that was not sealed as the last.
    expect((await decryptExport(join([head, c[0]!, c[1]!]), key)).ok).toBe(false);
    expect((await decryptExport(sealed.subarray(0, sealed.length - 10), key)).ok).toBe(false);
    expect(await decryptExport(Buffer.from('PK\u0003\u0004 not ours'), key)).toMatchObject({
      ok: false,
      problem: 'not an encrypted Zhongcao export',
    });
  }, 30_000);

  it('npm run study -- decrypt opens a folder of exports and verifies each zip', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-study-'));
    try {
      const keyPath = path.join(dir, 'researcher-private.jwk.json');
      fs.writeFileSync(keyPath, JSON.stringify(keys.privateKey));
      fs.mkdirSync(path.join(dir, 'inbox'));
      fs.writeFileSync(path.join(dir, 'inbox/a.zip.zcenc'), join(await encryptExport([zip], pub(), 'a.zip')));
      fs.writeFileSync(
        path.join(dir, 'inbox/b.zip.zcenc'),
        join(await encryptExport([zip], other.publicKey as ResearcherKey, 'b.zip')),
      );
      // A participant-chosen inner name cannot escape the output folder.
      fs.writeFileSync(path.join(dir, 'inbox/c.zip.zcenc'), join(await encryptExport([zip], pub(), '../../c.zip')));
      const out = await decryptFiles(keyPath, [path.join(dir, 'inbox')], path.join(dir, 'opened'));
      expect(out.map((r) => [path.basename(r.file), r.ok, r.participant ?? r.problem?.slice(0, 20)])).toEqual([
        ['a.zip.zcenc', true, enrolment.participant_id],
        ['b.zip.zcenc', false, 'not encrypted to thi'],
        ['c.zip.zcenc', true, enrolment.participant_id],
      ]);
      expect(fs.readdirSync(path.join(dir, 'opened')).sort()).toEqual(['a.zip', 'c.zip']);
      expect(out[0]!.rows).toBe(2_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('study config: researcher key and survey link', () => {
  const config = (extra: object) => JSON.stringify({ ...EXAMPLE_STUDY, ...extra });

  it('takes a public key, and refuses a private one or a short one', () => {
    expect(parseStudyConfig(config({ encryption: { public_key: keys.publicKey } })).ok).toBe(true);
    const priv = parseStudyConfig(config({ encryption: { public_key: keys.privateKey } }));
    expect(priv).toMatchObject({ ok: false, errors: [expect.stringMatching(/encryption.public_key: a public key/)] });
    const short = parseStudyConfig(config({ encryption: { public_key: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } } }));
    expect(short).toMatchObject({ ok: false, errors: [expect.stringMatching(/2048/)] });
  });

  it('takes an https survey address with {participant}, and gives the link and completion code', () => {
    const ok = parseStudyConfig(config({ survey: { url: 'https://survey.example.edu/s/feeds?pid={participant}' } }));
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const pid = '2c9d5f0e-7b1a-4c3d-8e9f-0a1b2c3d4e5f';
    expect(surveyLink(ok.config, pid)).toBe(`https://survey.example.edu/s/feeds?pid=${pid}`);
    expect(completionCode(pid)).toBe('2C9D5F0E');
    expect(surveyLink(EXAMPLE_STUDY, pid)).toBeNull();
    for (const url of [
      'http://survey.example.edu/?p={participant}',
      'https://survey.example.edu/',
      'javascript:alert(1)//{participant}',
    ])
      expect(parseStudyConfig(config({ survey: { url } })).ok, url).toBe(false);
  });
});
