import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { META_KEYS, db as sharedDb, ZhongcaoDB } from '@/utils/db';
import { readMeta } from '@/utils/db/maintenance';
import { retentionDaysItem } from '@/utils/db/protected-item';
import { createEventFactory } from '@/utils/events/factory';
import { Outbox } from '@/utils/events/outbox';
import type { ZcEvent } from '@/utils/events/schema';
import type { Enrolment } from '@/utils/research/config';
import { enrolmentItem } from '@/utils/research/enrolment';
import { beginStudyExport, markStudyExported, readExportedUntil } from '@/utils/research/exported-until';
import { type EventDeps, handleLogEvents, type IntakePolicy } from '@/utils/worker/events';
import { PageViewBudget } from '@/utils/worker/page-view-budget';
import { readEnrolment, runRetentionPurge } from '@/utils/worker/research';

/**
 * Issue 27 (one bad input never stops the rest; quota handling that cannot deadlock; retention the page cannot
 * shorten to nothing) and the worker's half of issue 25 item 2 (ids checked, a page view's events capped, study rows
 * not exported never purged). Each test failed on the code before these changes.
 */

const RUNTIME_ID = 'zhongcao-test-id';
const DAY = 86_400_000;
const NOW = 1_780_000_000_000;
const ITEM = '600000000001';
const feedTab = { id: RUNTIME_ID, url: 'https://weibo.com/', tab: { id: 3 } };
const make = createEventFactory({ pageId: crypto.randomUUID(), extVersion: '0.1.0', now: () => NOW });
const exposure = (post: string, at = NOW, item = ITEM) =>
  make('exposure', { post_id: post, author_id: 'A1', item_id: item, visible_ms: 1000, max_ratio: 1 }, at);
const direct: IntakePolicy = { arrive: () => false, write: (run) => run() };

let db: ZhongcaoDB;
let diskFull: boolean;
let deps: Partial<EventDeps>;

beforeEach(async () => {
  fakeBrowser.reset();
  await sharedDb.meta.clear();
  db = new ZhongcaoDB(`zc-checks-${crypto.randomUUID()}`);
  diskFull = false;
  // A full disk: every write fails until something is deleted.
  db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            if (req.type === 'delete' || req.type === 'deleteRange') {
              return table.mutate(req).then((r) => {
                if (name === 'events') diskFull = false;
                return r;
              });
            }
            if (diskFull) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            return table.mutate(req);
          },
        };
      },
    }),
  });
  await db.open();
  deps = {
    db,
    runtimeId: RUNTIME_ID,
    extensionOrigin: `chrome-extension://${RUNTIME_ID}`,
    now: () => NOW,
    warn: () => {},
    drainSoon: () => {},
    intake: direct,
    knownItems: async () => (id) => id === ITEM,
    pageBudget: new PageViewBudget(),
  };
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('one bad event never stops the rest (issue 27, finding 1)', () => {
  it('an event with a 100-character id among 51 good ones: the 51 are stored, it alone is refused and counted', async () => {
    const good = Array.from({ length: 51 }, (_, i) => exposure(`P${i}`));
    const bad = { ...exposure('PX'), event_id: 'x'.repeat(100) };
    const reply = await handleLogEvents({ events: [bad, ...good] }, feedTab, deps);
    expect(reply.acked).toHaveLength(51);
    expect(reply.refused).toEqual([{ index: 0, code: 'schema', reason: expect.stringContaining('event_id') }]);
    expect(await db.events.count()).toBe(51);
    expect((await readMeta(db))[META_KEYS.refusedEvents]?.value).toMatchObject({ count: 1 });
  });

  it('the outbox drops a refused head event instead of resending it: after 10 flushes all else is stored', async () => {
    const outbox = new Outbox<ZcEvent>({
      send: (events, report) => handleLogEvents({ events, dropped: report.dropped || undefined }, feedTab, deps),
      maxBatch: 200,
      setTimer: () => 0 as unknown as ReturnType<typeof setTimeout>,
      clearTimer: () => {},
    });
    outbox.push({ ...exposure('PX'), event_id: 'x'.repeat(100) } as ZcEvent);
    for (let i = 0; i < 51; i++) outbox.push(exposure(`P${i}`));
    for (let i = 0; i < 10; i++) await outbox.flush();
    expect(await db.events.count()).toBe(51);
    expect(outbox.size).toBe(0);
    expect(outbox.refusedTotal).toBe(1);
    expect((await readMeta(db))[META_KEYS.refusedEvents]?.value).toMatchObject({ count: 1, by_code: { schema: 1 } });
  });
});

describe('quota handling that cannot deadlock (issue 27, finding 3)', () => {
  it('a full disk with dropped events to count: the purge runs, then the batch and the count are stored', async () => {
    await retentionDaysItem.setValue(30);
    await db.events.bulkPut([exposure('OLD1', NOW - 40 * DAY), exposure('OLD2', NOW - 35 * DAY)]);
    diskFull = true;
    const reply = await handleLogEvents({ events: [exposure('NEW')], dropped: 7 }, feedTab, deps);
    expect(reply.stored).toBe(true);
    expect((await db.events.toArray()).map((e) => e.post_id)).toEqual(['NEW']);
    const meta = await readMeta(db);
    expect(meta[META_KEYS.droppedEvents]?.value).toMatchObject({ count: 7 });
    expect(meta[META_KEYS.quotaPurges]?.value).toMatchObject({ count: 1, purged_events: 2 });
  });
});

describe("the worker's own checks on what a page sends (issue 25, item 2)", () => {
  it('refuses an item id that is not in the catalogue and a post id that is not a post id, each counted', async () => {
    const ok = exposure('NxQ1a2b3C');
    const madeUpItem = exposure('NxQ1a2b3C', NOW, '=HYPERLINK("x")');
    const notAPost = exposure('<img src=x>');
    const reply = await handleLogEvents({ events: [ok, madeUpItem, notAPost] }, feedTab, deps);
    expect(reply.acked).toEqual([ok.event_id]);
    expect(reply.refused?.map((r) => [r.index, r.code])).toEqual([
      [1, 'item'],
      [2, 'post'],
    ]);
    expect((await readMeta(db))[META_KEYS.refusedEvents]?.value).toMatchObject({
      count: 2,
      by_code: { item: 1, post: 1, schema: 0, budget: 0 },
    });
  });

  it("caps a page view's events at what a person could produce: 2,000 at once, the excess refused and counted", async () => {
    const flood = Array.from({ length: 2_000 }, (_, i) => exposure(`P${i}`));
    let stored = 0;
    let refused = 0;
    for (let i = 0; i < flood.length; i += 500) {
      const reply = await handleLogEvents({ events: flood.slice(i, i + 500) }, feedTab, deps);
      stored += reply.acked.length;
      refused += reply.refused?.length ?? 0;
    }
    expect(stored).toBe(1_000);
    expect(refused).toBe(1_000);
    expect(await db.events.count()).toBe(1_000);
    expect((await readMeta(db))[META_KEYS.refusedEvents]?.value).toMatchObject({ by_code: { budget: 1_000 } });
  });

  it('asks the catalogue once a batch about just the item ids the batch names', async () => {
    // A worker with 200,000 imported items must not load them all to check an exposure (the default looks them up).
    const asked: string[][] = [];
    const reply = await handleLogEvents(
      { events: [exposure('P1'), exposure('P2'), exposure('P3', NOW, '600000000002')] },
      feedTab,
      {
        ...deps,
        knownItems: async (ids) => {
          asked.push([...ids]);
          return (id) => id === ITEM;
        },
      },
    );
    expect(asked).toEqual([[ITEM, '600000000002']]);
    expect(reply.refused?.map((r) => r.index)).toEqual([2]);
  });

  it('a full disk never purges study rows the participant has not exported yet', async () => {
    await retentionDaysItem.setValue(180);
    const tag = { study_id: 'S1', participant_id: 'p-1', consent_version: 'v1' };
    const exported = Array.from({ length: 20 }, (_, i) => ({ ...exposure(`E${i}`, NOW - 100_000 + i), ...tag }));
    const unexported = Array.from({ length: 20 }, (_, i) => ({ ...exposure(`U${i}`, NOW - 90_000 + i), ...tag }));
    const plain = Array.from({ length: 20 }, (_, i) => exposure(`R${i}`, NOW - 80_000 + i));
    await db.events.bulkPut([...exported, ...unexported, ...plain]);
    await markStudyExported('p-1', NOW - 100_000 + 19, db, NOW);
    diskFull = true;
    await handleLogEvents({ events: [exposure('NEW')] }, feedTab, deps);
    const left = new Set((await db.events.toArray()).map((e) => e.post_id));
    for (const e of unexported) expect(left.has(e.post_id)).toBe(true);
    expect([...left].filter((p) => p?.startsWith('E')).length).toBeLessThan(20);
  });

  const enrolled: Enrolment = {
    study: {
      study_id: 'S1',
      title: 't',
      researcher: { name: 'r', contact: 'c' },
      consent: { version: 'v1', text: 'x' },
      retention_days: 365,
      export: { include_post_text: false },
    },
    participant_id: 'p-1',
    enrolled_at: NOW - 10 * DAY,
  } as unknown as Enrolment;
  const studyRow = (post: string, at: number) => ({
    ...exposure(post, at),
    study_id: 'S1',
    participant_id: 'p-1',
    consent_version: 'v1',
  });

  it('a study row delivered late, older than the last export, is not taken for exported on a full disk', async () => {
    await retentionDaysItem.setValue(180);
    await enrolmentItem.setValue(enrolled);
    await db.events.bulkPut(Array.from({ length: 20 }, (_, i) => studyRow(`E${i}`, NOW - 100_000 + i)));
    await markStudyExported('p-1', NOW - 100_000 + 19, db, NOW);
    // A tab's outbox hands in an event from before the export, after it: the worker tags it, it was in no export.
    await handleLogEvents({ events: [exposure('LATE', NOW - 100_001)] }, feedTab, deps);
    expect((await db.events.toArray()).find((e) => e.post_id === 'LATE')?.participant_id).toBe('p-1');
    diskFull = true;
    await handleLogEvents({ events: [exposure('NEW')] }, feedTab, deps);
    const left = new Set((await db.events.toArray()).map((e) => e.post_id));
    expect(left.has('LATE')).toBe(true);
  });

  it('a study row written while an export reads the log is not marked exported by that export', async () => {
    await retentionDaysItem.setValue(180);
    await enrolmentItem.setValue(enrolled);
    await db.events.bulkPut(Array.from({ length: 20 }, (_, i) => studyRow(`E${i}`, NOW - 100_000 + i)));
    await beginStudyExport('p-1', db, NOW);
    // The export has read its pages up to E19; a batch lands behind its cursor before it finishes.
    await handleLogEvents({ events: [exposure('DURING', NOW - 100_001)] }, feedTab, deps);
    await markStudyExported('p-1', NOW - 100_000 + 19, db, NOW);
    diskFull = true;
    await handleLogEvents({ events: [exposure('NEW')] }, feedTab, deps);
    const left = new Set((await db.events.toArray()).map((e) => e.post_id));
    expect(left.has('DURING')).toBe(true);
    expect((await readExportedUntil(db))?.until_ts).toBeLessThan(NOW - 100_001);
  });
});

describe('retention the page cannot shorten to nothing (issue 27, finding 7)', () => {
  const enrolment = (retention_days: number): Enrolment =>
    ({
      study: {
        study_id: 'S1',
        title: 't',
        researcher: { name: 'r', contact: 'c' },
        consent: { version: 'v1', text: 'x' },
        retention_days,
        export: { include_post_text: false },
      },
      participant_id: 'p-1',
      enrolled_at: 0,
    }) as unknown as Enrolment;

  it('what a content script writes into storage.local plants no enrolment, pauses nothing, shortens no retention', async () => {
    // Content scripts can write storage.local: these are the keys the enrolment and retention used to live under.
    await fakeBrowser.storage.local.set({ researchEnrolment: enrolment(7), retentionDays: 0, loggingPaused: true });
    expect(await readEnrolment()).toBeNull();
    const logged = await handleLogEvents({ events: [exposure('P1')] }, feedTab, deps);
    expect(logged.stored).toBe(true);
    await db.events.bulkPut([exposure('TODAY', NOW - 3_600_000), exposure('OLD', NOW - 100 * DAY)]);
    await runRetentionPurge(db, NOW);
    expect(await db.events.count()).toBe(3);
  });

  it('a stored retention of 0 days keeps the last day', async () => {
    await retentionDaysItem.setValue(0);
    await db.events.bulkPut([exposure('TODAY', NOW - 3_600_000), exposure('OLD', NOW - 2 * DAY)]);
    await runRetentionPurge(db, NOW);
    expect((await db.events.toArray()).map((e) => e.post_id)).toEqual(['TODAY']);
  });

  it("a study's shorter retention applies to the study's rows only", async () => {
    await retentionDaysItem.setValue(180);
    await enrolmentItem.setValue(enrolment(7));
    const tag = { study_id: 'S1', participant_id: 'p-1', consent_version: 'v1' };
    await db.events.bulkPut([{ ...exposure('STUDY', NOW - 10 * DAY), ...tag }, exposure('MINE', NOW - 10 * DAY)]);
    await runRetentionPurge(db, NOW);
    expect((await db.events.toArray()).map((e) => e.post_id)).toEqual(['MINE']);
  });
});
