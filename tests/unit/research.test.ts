import 'fake-indexeddb/auto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import Dexie from 'dexie';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ZhongcaoDB } from '@/utils/db';
import { drainStaged, eventPages } from '@/utils/db/event-log';
import { deleteAllData } from '@/utils/db/maintenance';
import { createEventFactory } from '@/utils/events/factory';
import { type ZcEvent, ZcEventSchema } from '@/utils/events/schema';
import { type Enrolment, exportedFields, parseStudyConfig } from '@/utils/research/config';
import { buildDataDictionary } from '@/utils/research/dictionary';
import { enrolmentItem, leaveStudy, leftStudyItem } from '@/utils/research/enrolment';
import { writeStudyZip } from '@/utils/research/export';
import { summariseStudy, verifyExport } from '@/utils/research/import';
import { describeImportProblem, type ImportProblem } from '@/utils/research/import-problems';
import { EXAMPLE_STUDY, exampleEnrolment, inPages, syntheticStudyEvents } from '@/utils/research/synthetic';
import { handleLogEvents, type IntakePolicy } from '@/utils/worker/events';
import { stampStudy } from '@/utils/worker/research';

const T0 = 1_764_000_000_000;

async function exportZip(enrolment: Enrolment, events: Iterable<ZcEvent>, pageSize = 97) {
  const chunks: Uint8Array[] = [];
  const manifest = await writeStudyZip({
    enrolment,
    extVersion: '0.1.0',
    now: T0,
    pages: inPages(events, pageSize),
    sink: (c) => chunks.push(c),
  });
  const zip = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    zip.set(c, at);
    at += c.length;
  }
  return { zip, manifest, files: unzipSync(zip) };
}

function rezip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files);
}

describe('study config', () => {
  it('accepts the example study and defaults to no post text', () => {
    const r = parseStudyConfig(JSON.stringify({ ...EXAMPLE_STUDY, export: undefined }));
    expect(r.ok && r.config.export.include_post_text).toBe(false);
  });

  it('names each problem: bad JSON, missing consent version, unknown keys and unknown fields', () => {
    expect(parseStudyConfig('{')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^JSON:/)] });
    const noVersion = { ...EXAMPLE_STUDY, consent: { text: EXAMPLE_STUDY.consent.text } };
    const r1 = parseStudyConfig(JSON.stringify(noVersion));
    expect(r1.ok ? [] : r1.errors).toEqual([expect.stringMatching(/^consent\.version:/)]);
    const r2 = parseStudyConfig(JSON.stringify({ ...EXAMPLE_STUDY, upload_url: 'https://x' }));
    expect(r2.ok ? '' : r2.errors.join()).toMatch(/upload_url/);
    const r3 = parseStudyConfig(JSON.stringify({ ...EXAMPLE_STUDY, export: { fields: ['post_id', 'mood'] } }));
    expect(r3.ok ? '' : r3.errors.join()).toMatch(/export\.fields: unknown field\(s\) mood/);
    const r4 = parseStudyConfig(JSON.stringify({ ...EXAMPLE_STUDY, retention_days: 0 }));
    expect(r4.ok ? '' : r4.errors.join()).toMatch(/^retention_days:/);
  });

  it('an allow-list keeps its fields plus the keys no row can lose', () => {
    const r = parseStudyConfig(JSON.stringify({ ...EXAMPLE_STUDY, export: { fields: ['post_id', 'item_id'] } }));
    if (!r.ok) throw new Error(r.errors.join());
    expect(exportedFields(r.config)).toEqual([
      'event_id',
      'schema_version',
      'ts',
      'post_id',
      'item_id',
      'study_id',
      'participant_id',
      'consent_version',
      'type',
    ]);
  });
});

describe('data dictionary', () => {
  const dict = buildDataDictionary();

  it('covers every field of every event type, with a meaning and an example that parses', () => {
    const schemaFields = new Set(ZcEventSchema.options.flatMap((o) => Object.keys(o.shape)));
    expect(new Set(dict.fields.map((f) => f.name))).toEqual(schemaFields);
    expect(dict.event_types.map((t) => t.type).sort()).toEqual(
      ZcEventSchema.options.map((o) => String(o.shape.type.value)).sort(),
    );
    for (const f of dict.fields) {
      expect(f.meaning, f.name).not.toBe('');
      for (const variant of ZcEventSchema.options) {
        const schema = (variant.shape as Record<string, import('zod').ZodType>)[f.name];
        if (!schema || f.name === 'type') continue;
        expect(schema.safeParse(f.example).success, `${f.name} example in ${variant.shape.type.value}`).toBe(true);
      }
    }
  });

  it('reads types and allowed values from the schema', () => {
    const byName = Object.fromEntries(dict.fields.map((f) => [f.name, f]));
    expect(byName.event_id?.type).toBe('string (uuid)');
    expect(byName.tz_offset?.type).toBe('integer (≥ -840, ≤ 840)');
    expect(byName.target?.values).toContain('buy');
    expect(byName.action?.values).toEqual(['like', 'repost', 'comment']);
    expect(byName.study_id?.nullable).toBe(true);
    expect(byName.study_id?.required_in).toEqual([]);
    expect(byName.amount_fen?.event_types).toEqual(['purchase']);
  });
});

describe('study export zip', () => {
  const enrolment = exampleEnrolment(1, T0);
  const events = [...syntheticStudyEvents(enrolment, 1_000)];

  it('NDJSON, CSV, dictionary and manifest agree: counts, hashes, fields', async () => {
    const { files, manifest } = await exportZip(enrolment, events);
    expect(Object.keys(files).sort()).toEqual([
      'dictionary.json',
      'dictionary.md',
      'events.csv',
      'events.ndjson',
      'events.parquet',
      'manifest.json',
    ]);
    expect(JSON.parse(strFromU8(files['manifest.json'] as Uint8Array))).toEqual(manifest);
    for (const [name, entry] of Object.entries(manifest.files)) {
      expect(bytesToHex(sha256(files[name] as Uint8Array)), name).toBe(entry.sha256);
    }
    const lines = strFromU8(files['events.ndjson'] as Uint8Array)
      .trimEnd()
      .split('\n');
    const csv = strFromU8(files['events.csv'] as Uint8Array)
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(1_000);
    expect(csv).toHaveLength(1_001);
    expect(csv[0]?.split(',')).toEqual(manifest.fields);
    expect(Object.keys(JSON.parse(lines[0] as string))).toEqual(manifest.fields);
    const dict = JSON.parse(strFromU8(files['dictionary.json'] as Uint8Array));
    expect(dict.fields.map((f: { name: string }) => f.name)).toEqual(manifest.fields);
    const counts: Record<string, number> = {};
    for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
    expect(manifest.counts).toEqual(counts);
    expect(manifest.time_span).toEqual({ first_ts: T0, last_ts: T0 + 999_000 });
  });

  it('leaves out events before consent, of another study or participant', async () => {
    const other = exampleEnrolment(2, T0);
    const before = { ...events[0], event_id: crypto.randomUUID(), ts: T0 - 1 } as ZcEvent;
    const untagged = stampStudy([{ ...events[1], event_id: crypto.randomUUID() } as ZcEvent], null)[0] as ZcEvent;
    const foreign = [...syntheticStudyEvents(other, 5, 9)];
    const { manifest, files } = await exportZip(enrolment, [before, untagged, ...foreign, ...events.slice(0, 10)]);
    expect(manifest.total).toBe(10);
    const text = strFromU8(files['events.ndjson'] as Uint8Array);
    expect(text).not.toContain(before.event_id);
    expect(text).not.toContain(other.participant_id);
  });

  it('an allow-list drops the other fields from every file', async () => {
    const study = { ...EXAMPLE_STUDY, export: { include_post_text: false, fields: ['post_id'] } };
    const { files, manifest } = await exportZip({ ...enrolment, study }, events.slice(0, 50));
    const all = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(manifest.fields).not.toContain('author_id');
    expect(all).not.toMatch(/"author_id"|,author_id|A\d+"/);
    expect(strFromU8(files['events.csv'] as Uint8Array)).not.toContain('visible_ms');
  });

  it('reads a Dexie log in pages across runs of equal timestamps without losing or repeating a row', async () => {
    const db = new ZhongcaoDB(`zc-research-${crypto.randomUUID()}`);
    try {
      // 1,000 events on 7 distinct timestamps: every page boundary falls inside a tie.
      const tied = events.map((e, i) => ({ ...e, ts: T0 + Math.floor(i / 150) }));
      await db.events.bulkPut(tied);
      const seen: string[] = [];
      for await (const page of eventPages(db, T0, 64)) seen.push(...page.map((e) => e.event_id));
      expect(seen).toHaveLength(1_000);
      expect(new Set(seen).size).toBe(1_000);
      const { manifest } = await exportZip(enrolment, tied);
      expect(manifest.total).toBe(1_000);
    } finally {
      db.close();
      await Dexie.delete(db.name);
    }
  });
});

describe('import', () => {
  const a = exampleEnrolment(1, T0);
  const b = exampleEnrolment(2, T0 + 5_000);

  it('accepts good exports and merges them into one funnel and depth table', async () => {
    const one = await exportZip(a, syntheticStudyEvents(a, 400, 1));
    const two = await exportZip(b, syntheticStudyEvents(b, 600, 2));
    const r1 = verifyExport('a.zip', one.zip);
    const r2 = verifyExport('b.zip', two.zip);
    if (!r1.ok || !r2.ok) throw new Error(`${!r1.ok ? r1.problem : ''} ${!r2.ok ? r2.problem : ''}`);
    const s = summariseStudy([r1, r2, r1]);
    expect(s.participants).toBe(2);
    expect(s.events).toBe(1_000);
    // 40 + 60 posts: one exposure each; clicks on even posts; saves every 5th; purchases every 10th.
    expect(s.funnel).toEqual({ exposure: 100, click: 50, save: 20, purchase: 10 });
    const like = s.depth.find((g) => g.key === 'like');
    const seenOnly = s.depth.find((g) => g.key === 'seen-only');
    // Liked: posts 0,4,8,… (10 + 15 = 25), 5 of them bought (multiples of 20 → 0,20 / 0,20,40).
    expect(like).toMatchObject({ n: 25, converted: 5 });
    expect(seenOnly).toMatchObject({ n: 75, converted: 5 });
  });

  it('refuses a changed row, a changed manifest count, an unknown schema version and a non-zip, naming the problem', async () => {
    const good = await exportZip(a, syntheticStudyEvents(a, 50));
    const nd = strFromU8(good.files['events.ndjson'] as Uint8Array);

    const edited = { ...good.files, 'events.ndjson': strToU8(nd.replace('"click"', '"save"')) };
    expect(verifyExport('t.zip', rezip(edited))).toMatchObject({
      ok: false,
      problem: 'events.ndjson was modified: its SHA-256 does not match the manifest',
    });

    const man = JSON.parse(strFromU8(good.files['manifest.json'] as Uint8Array));
    const recount = { ...good.files, 'manifest.json': strToU8(JSON.stringify({ ...man, total: man.total + 1 })) };
    expect(verifyExport('c.zip', rezip(recount))).toMatchObject({ ok: false, problem: /manifest says 51/ });

    const v2 = { ...good.files, 'manifest.json': strToU8(JSON.stringify({ ...man, schema_version: 3 })) };
    expect(verifyExport('v.zip', rezip(v2))).toMatchObject({ ok: false, problem: /unsupported schema version 3/ });

    // Rows re-hashed consistently but no longer valid events: caught by the schema, not the hash.
    const bad = nd.replace(/"ts":\d+/, '"ts":-5');
    const badFiles: Record<string, Uint8Array> = { ...good.files, 'events.ndjson': strToU8(bad) };
    man.files['events.ndjson'] = { sha256: bytesToHex(sha256(strToU8(bad))), bytes: strToU8(bad).length };
    badFiles['manifest.json'] = strToU8(JSON.stringify(man));
    expect(verifyExport('s.zip', rezip(badFiles))).toMatchObject({ ok: false, problem: /line 1: .*ts/ });

    expect(verifyExport('x.zip', strToU8('hello'))).toMatchObject({ ok: false, problem: /not a readable zip/ });
  });

  it('says why in the reader’s language: every refusal has its zh-CN sentence with the details filled in', async () => {
    const good = await exportZip(a, syntheticStudyEvents(a, 50));
    const nd = strFromU8(good.files['events.ndjson'] as Uint8Array);
    const edited = verifyExport('t.zip', rezip({ ...good.files, 'events.ndjson': strToU8(`${nd}{}\n`) }));
    if (edited.ok) throw new Error('a changed file was accepted');
    expect(edited.issue).toEqual({ code: 'modified', file: 'events.ndjson' });
    expect(describeImportProblem(edited.issue, 'zh-CN')).toBe('events.ndjson 已被改动：SHA-256 与 manifest 不符');
    const notZip = verifyExport('x.zip', strToU8('hello'));
    if (notZip.ok) throw new Error('a non-zip was accepted');
    expect(describeImportProblem(notZip.issue, 'zh-CN')).toMatch(/^不是可读取的 ZIP 文件（.+）$/);
    // No refusal falls back to English or leaves a placeholder unfilled.
    const samples: ImportProblem[] = [
      { code: 'tooLarge', bytes: 1 },
      { code: 'notZip', detail: 'x' },
      { code: 'noManifest' },
      { code: 'manifestNotJson' },
      { code: 'manifestMalformed', at: 'a', detail: 'x' },
      { code: 'formatVersion', version: 9 },
      { code: 'schemaVersion', version: 9, supported: '1' },
      { code: 'notListed', file: 'f' },
      { code: 'fileMissing', file: 'f' },
      { code: 'modified', file: 'f' },
      { code: 'extraFiles', files: 'f' },
      { code: 'lineNotJson', line: 3 },
      { code: 'rowNotObject', line: 3 },
      { code: 'rowUnknownField', line: 3, field: 'f' },
      { code: 'rowUnknownType', line: 3, type: 't' },
      { code: 'rowSchema', line: 3, type: 't', at: 'a', detail: 'x' },
      { code: 'rowNoId', line: 3 },
      { code: 'rowOtherStudy', line: 3 },
      { code: 'rowBeforeConsent', line: 3 },
      { code: 'totalMismatch', rows: 1, total: 2 },
      { code: 'countMismatch', type: 't', rows: 1, total: 2 },
    ];
    for (const p of samples) {
      const zh = describeImportProblem(p, 'zh-CN');
      const en = describeImportProblem(p, 'en');
      expect(zh, p.code).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, p.code).not.toMatch(/[{}]/);
      expect(en, p.code).not.toMatch(/[{}\u4e00-\u9fff]/);
    }
  });
});

describe('tagging at write time', () => {
  let db: ZhongcaoDB;
  const make = createEventFactory({ pageId: crypto.randomUUID(), extVersion: '0.1.0' });
  const runtimeId = 'zhongcao-test-id';
  // Every batch staged (as under a burst), so "still staged when the participant leaves" is what the test sees.
  const staging: IntakePolicy = { arrive: () => true, write: (run) => run() };
  /** Events in through the background's real intake from our content script on weibo.com, left staged. */
  const log = (events: ZcEvent[]) =>
    handleLogEvents(
      { events },
      { id: runtimeId, url: 'https://weibo.com/', tab: { id: 1 } },
      { db, runtimeId, extensionOrigin: `chrome-extension://${runtimeId}`, drainSoon: () => {}, intake: staging },
    );
  beforeEach(async () => {
    fakeBrowser.reset();
    db = new ZhongcaoDB(`zc-tag-${crypto.randomUUID()}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('tags only events at or after consent, ignores tags a sender forged, and stops after leaving', async () => {
    const enrolment = exampleEnrolment(3, T0);
    await enrolmentItem.setValue(enrolment);
    const before = make('dismiss', { post_id: 'P1', author_id: null, item_id: null }, T0 - 10);
    const forged = { ...make('dismiss', { post_id: 'P2', author_id: null, item_id: null }, T0 - 5), study_id: 'x' };
    const after = make('dismiss', { post_id: 'P3', author_id: null, item_id: null }, T0 + 10);
    await log([before, forged, after]);
    await drainStaged(db);
    const rows = await db.events.orderBy('ts').toArray();
    expect(rows.map((r) => r.study_id ?? null)).toEqual([null, null, 'feeds-2026']);
    expect(rows[2]).toMatchObject({ participant_id: enrolment.participant_id, consent_version: 'v1' });

    // Still staged when the participant leaves: deleted with the rest, never landing in the log afterwards.
    await log([make('dismiss', { post_id: 'P5', author_id: null, item_id: null }, T0 + 15)]);
    expect(await leaveStudy(true, db)).toBe(2);
    expect(await enrolmentItem.getValue()).toBeNull();
    await log([make('dismiss', { post_id: 'P4', author_id: null, item_id: null }, T0 + 20)]);
    await drainStaged(db);
    expect((await db.events.orderBy('ts').toArray()).map((r) => [r.post_id, r.study_id ?? null])).toEqual([
      ['P1', null],
      ['P2', null],
      ['P4', null],
    ]);
  });

  /** Like `log`, but the participant leaves (`leave`) after the batch is tagged and before it is written. */
  const logWhileLeaving = (events: ZcEvent[], leave: () => Promise<unknown>) =>
    handleLogEvents(
      { events },
      { id: runtimeId, url: 'https://weibo.com/', tab: { id: 1 } },
      {
        db,
        runtimeId,
        extensionOrigin: `chrome-extension://${runtimeId}`,
        drainSoon: () => {},
        intake: {
          arrive: () => false,
          write: async (run) => {
            await leave();
            return run();
          },
        },
      },
    );
  const dismiss = (post: string, ts: number) => make('dismiss', { post_id: post, author_id: null, item_id: null }, ts);
  const tags = async () => (await db.events.orderBy('ts').toArray()).map((r) => [r.post_id, r.participant_id ?? null]);

  it('a batch tagged just before the participant left with deletion is deleted once it lands', async () => {
    const enrolment = exampleEnrolment(5, T0);
    await enrolmentItem.setValue(enrolment);
    await log([dismiss('P1', T0 - 10), dismiss('P2', T0 + 10)]);
    await logWhileLeaving([dismiss('P3', T0 + 20)], () => leaveStudy(true, db, T0 + 25));
    await drainStaged(db);
    expect(await tags()).toEqual([['P1', null]]);
    expect(await leftStudyItem.getValue()).toEqual({ left_at: T0 + 25, deleted: true });
  });

  it('when the data is kept, a racing batch keeps its tags up to the leave and loses them after', async () => {
    const enrolment = exampleEnrolment(6, T0);
    await enrolmentItem.setValue(enrolment);
    await logWhileLeaving([dismiss('P1', T0 + 20), dismiss('P2', T0 + 30)], () => leaveStudy(false, db, T0 + 25));
    await drainStaged(db);
    expect(await tags()).toEqual([
      ['P1', enrolment.participant_id],
      ['P2', null],
    ]);
  });

  it('"delete all" while a tagged batch is on its way leaves no tagged row behind', async () => {
    await enrolmentItem.setValue(exampleEnrolment(7, T0));
    await logWhileLeaving([dismiss('P1', T0 + 20)], () => deleteAllData(db, T0 + 25));
    await drainStaged(db);
    expect(await tags()).toEqual([]);
  });

  it('a batch whose enrolment still holds is not touched', async () => {
    const enrolment = exampleEnrolment(8, T0);
    await enrolmentItem.setValue(enrolment);
    await leftStudyItem.setValue({ left_at: T0 - 100, deleted: true });
    await log([dismiss('P1', T0 + 20)]);
    await drainStaged(db);
    expect(await tags()).toEqual([['P1', enrolment.participant_id]]);
  });

  it('"delete all" removes the participant id too', async () => {
    await enrolmentItem.setValue(exampleEnrolment(4, T0));
    await deleteAllData(db);
    expect(await enrolmentItem.getValue()).toBeNull();
  });
});

describe('the retention purge runs on schedule without extra permissions', () => {
  it('purges events beyond the retention window when due, then not again within the period', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    const { ZhongcaoDB } = await import('../../utils/db');
    const { runScheduledPurge, RETENTION_PERIOD_MS } = await import('../../utils/worker/research');
    const { retentionDaysItem } = await import('../../utils/db/protected-item');
    fakeBrowser.reset();
    const db = new ZhongcaoDB(`purge-${Math.random()}`);
    const day = 24 * 60 * 60 * 1000;
    const now = Date.UTC(2026, 10, 24);
    await retentionDaysItem.setValue(30);
    const ev = (id: string, ts: number) => ({
      event_id: id,
      type: 'detect',
      schema_version: 1,
      ts,
      tz_offset: 480,
      page_id: 'p',
      post_id: 'x',
      author_id: 'a',
      item_id: null,
      ext_version: '0.1.0',
      score: 5,
    });
    await db.events.bulkPut([ev('old', now - 40 * day), ev('new', now - day)] as never[]);
    expect(await runScheduledPurge(db, now)).toBe(1);
    expect((await db.events.toArray()).map((e) => e.event_id)).toEqual(['new']);
    await db.events.put(ev('old2', now - 40 * day) as never);
    expect(await runScheduledPurge(db, now + RETENTION_PERIOD_MS / 2)).toBeNull();
    expect(await runScheduledPurge(db, now + RETENTION_PERIOD_MS + 1)).toBe(1);
    db.close();
  });
});
