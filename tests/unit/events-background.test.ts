import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { META_KEYS, db as sharedDb, ZhongcaoDB } from '@/utils/db';
import { drainStaged } from '@/utils/db/event-log';
import { acknowledgeQuotaNotice, deleteAllData, purgeOlderThan, readMeta } from '@/utils/db/maintenance';
import { loggingPausedItem, retentionDaysItem } from '@/utils/db/protected-item';
import { createEventFactory } from '@/utils/events/factory';
import type { ZcEvent } from '@/utils/events/schema';
import {
  EventBatchRejected,
  type EventDeps,
  handleLogEvents,
  handleLogPageEvents,
  Intake,
  type IntakePolicy,
  StageDrainer,
} from '@/utils/worker/events';

const RUNTIME_ID = 'zhongcao-test-id';
const ORIGIN = `chrome-extension://${RUNTIME_ID}`;
const DAY = 86_400_000;
const NOW = 1_780_000_000_000;

const feedTab = { id: RUNTIME_ID, url: 'https://weibo.com/', tab: { id: 3 } };
const make = createEventFactory({ pageId: crypto.randomUUID(), extVersion: '0.1.0', now: () => NOW });
const exposure = (post: string, at = NOW) =>
  make('exposure', { post_id: post, author_id: 'A1', item_id: '600000000001', visible_ms: 1000, max_ratio: 1 }, at);

let db: ZhongcaoDB;
let warnings: string[];
let quotaFailures: number;
/** The next puts into `events` (moving staged batches in) fail like this, in order. */
let logFailures: ('quota' | 'abort')[];
let deps: Partial<EventDeps>;
/** Event ids of every batch write (into the log, or staged), one entry per write request. */
/** True while `logged()` moves staged batches: those puts are not batch writes. */
let draining = false;
let eventPuts: string[][];
/** Puts containing one of these ids fail as IndexedDB fails on a value it cannot store. */
let unstorable: Set<string>;
/** 'commit' when a readwrite transaction completes, `ack <first id>` when a handler resolves: the order they happen. */
let timeline: string[];

beforeEach(async () => {
  fakeBrowser.reset();
  await sharedDb.meta.clear();
  db = new ZhongcaoDB(`zc-test-${crypto.randomUUID()}`);
  quotaFailures = 0;
  logFailures = [];
  eventPuts = [];
  unstorable = new Set();
  timeline = [];
  // Stand-in for a full disk: batch writes fail with the browser's QuotaExceededError.
  db.use({
    stack: 'dbcore',
    name: 'simulated-quota',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) => {
        const tx = down.transaction(stores, mode, options) as unknown as IDBTransaction;
        if (mode === 'readwrite') tx.addEventListener('complete', () => timeline.push('commit'));
        return tx as unknown as ReturnType<typeof down.transaction>;
      },
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            // A batch's write: straight into the log, or as one staged row.
            const intake =
              (name === 'events' && req.type === 'put' && !draining) || (name === 'staged' && req.type === 'add');
            if (intake) {
              const ids: string[] =
                name === 'events'
                  ? req.values.map((v: { event_id: string }) => v.event_id)
                  : req.values.flatMap((v: { events: { event_id: string }[] }) => v.events.map((e) => e.event_id));
              eventPuts.push(ids);
              if (ids.some((id) => unstorable.has(id)))
                return Promise.reject(new DOMException('Failed to store the value.', 'DataError'));
            }
            if (intake && quotaFailures > 0) {
              quotaFailures--;
              return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            }
            // Moving staged batches into the indexed log can fail too.
            if (name === 'events' && req.type === 'put' && logFailures.length > 0) {
              const kind = logFailures.shift();
              return Promise.reject(
                kind === 'quota'
                  ? new DOMException('The quota has been exceeded.', 'QuotaExceededError')
                  : new DOMException('The transaction was aborted.', 'AbortError'),
              );
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  await db.open();
  warnings = [];
  deps = {
    db,
    runtimeId: RUNTIME_ID,
    extensionOrigin: ORIGIN,
    now: () => NOW,
    warn: (m) => warnings.push(m),
    drainSoon: () => {},
    intake: direct,
    knownItems: async () => (id) => id === '600000000001',
  };
});

/** The event log as readers see it once staged batches have moved in. */
async function logged() {
  draining = true;
  try {
    await drainStaged(db);
  } finally {
    draining = false;
  }
  return db.events;
}

/** A stage drainer over the test database; purges for a full disk go by the real clock and retention setting. */
const drainerFor = (quietMs: number) =>
  new StageDrainer(
    { db, now: Date.now, retentionDays: () => retentionDaysItem.getValue(), warn: (m) => warnings.push(m) },
    quietMs,
  );

/** Every batch straight into the log, or every batch staged: the two paths Intake chooses between. */
const direct: IntakePolicy = { arrive: () => false, write: (run) => run() };
const staging: IntakePolicy = { arrive: () => true, write: (run) => run() };

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('logEvents in the background', () => {
  it('stores a valid batch from our content script on weibo.com and acknowledges every id', async () => {
    const batch = [exposure('P1'), exposure('P2')];
    const reply = await handleLogEvents({ events: batch }, feedTab, deps);
    expect(reply).toEqual({ acked: batch.map((e) => e.event_id), stored: true });
    expect(await (await logged()).count()).toBe(2);
    expect(await (await logged()).get(batch[0]!.event_id)).toEqual(batch[0]);
  });

  it('accepts m.weibo.cn too', async () => {
    await handleLogEvents({ events: [exposure('P1')] }, { ...feedTab, url: 'https://m.weibo.cn/detail/1' }, deps);
    expect(await (await logged()).count()).toBe(1);
  });

  it('a retried batch (ack lost) is stored once', async () => {
    const batch = [exposure('P1'), exposure('P2')];
    await handleLogEvents({ events: batch }, feedTab, deps);
    await handleLogEvents({ events: batch }, feedTab, deps);
    await handleLogEvents({ events: [batch[1]!, exposure('P3')] }, feedTab, deps);
    expect(await (await logged()).count()).toBe(3);
  });

  const senders: [string, Record<string, unknown>][] = [
    ['another extension', { ...feedTab, id: 'evil-extension' }],
    ['a page on another site', { ...feedTab, url: 'https://evil.example/weibo.com' }],
    ['a look-alike host', { ...feedTab, url: 'https://weibo.com.evil.example/' }],
    ['plain http', { ...feedTab, url: 'http://weibo.com/' }],
    ['no tab (not a content script)', { id: RUNTIME_ID, url: 'https://weibo.com/' }],
    ['no URL', { id: RUNTIME_ID, tab: { id: 1 } }],
  ];
  it.each(senders)('refuses a batch from %s, stores nothing and records why', async (_name, sender) => {
    await expect(handleLogEvents({ events: [exposure('P1')] }, sender, deps)).rejects.toBeInstanceOf(
      EventBatchRejected,
    );
    expect(await (await logged()).count()).toBe(0);
    const meta = await readMeta(db);
    expect(meta[META_KEYS.rejectedMessages]?.value).toMatchObject({ count: 1 });
    expect(warnings).toHaveLength(1);
  });

  it('refuses a malformed event alone, by index, with a reason naming the field, and stores the rest', async () => {
    const good = exposure('P1');
    const bad = { ...exposure('P2'), visible_ms: 'lots' };
    const reply = await handleLogEvents({ events: [good, bad] }, feedTab, deps);
    expect(reply.acked).toEqual([good.event_id]);
    expect(reply.refused).toEqual([{ index: 1, code: 'schema', reason: expect.stringContaining('visible_ms') }]);
    expect(await (await logged()).count()).toBe(1);
    const meta = await readMeta(db);
    expect(meta[META_KEYS.refusedEvents]?.value).toMatchObject({ count: 1, by_code: { schema: 1 } });
    const refused = meta[META_KEYS.refusedEvents]?.value as { last_reason: string } | undefined;
    expect(refused?.last_reason).toContain('visible_ms');
  });

  it.each([
    ['not an object', 'hello'],
    ['no events', {}],
    ['events not an array', { events: { 0: 'x' } }],
    ['an empty batch', { events: [] }],
    ['extra top-level keys', { events: [], evil: true }],
  ])('refuses a message with a bad shape: %s', async (_name, data) => {
    await expect(handleLogEvents(data, feedTab, deps)).rejects.toThrow(/logEvents rejected/);
    expect(await (await logged()).count()).toBe(0);
  });

  it('when logging is paused, acknowledges without storing and says so', async () => {
    await loggingPausedItem.setValue(true);
    const batch = [exposure('P1')];
    expect(await handleLogEvents({ events: batch }, feedTab, deps)).toEqual({
      acked: [batch[0]!.event_id],
      stored: false,
    });
    expect(await (await logged()).count()).toBe(0);
  });

  it('records events the outbox had to drop', async () => {
    await handleLogEvents({ events: [exposure('P1')], dropped: 12 }, feedTab, deps);
    await handleLogEvents({ events: [exposure('P2')], dropped: 3 }, feedTab, deps);
    expect((await readMeta(db))[META_KEYS.droppedEvents]?.value).toMatchObject({ count: 15 });
  });

  it('on a full disk, purges raw events beyond the retention window, retries once and flags a notice', async () => {
    await retentionDaysItem.setValue(30);
    const old = [exposure('OLD1', NOW - 40 * DAY), exposure('OLD2', NOW - 31 * DAY)];
    const recent = exposure('RECENT', NOW - 10 * DAY);
    await db.events.bulkPut([...old, recent]);

    quotaFailures = 1;
    const batch = [exposure('NEW')];
    const reply = await handleLogEvents({ events: batch }, feedTab, deps);
    expect(reply.stored).toBe(true);
    const posts = (await (await logged()).orderBy('ts').toArray()).map((e) => e.post_id);
    expect(posts).toEqual(['RECENT', 'NEW']);
    const notice = (await readMeta(db))[META_KEYS.quotaPurges]?.value;
    expect(notice).toMatchObject({ count: 1, purged_events: 2, acknowledged: false });
    await acknowledgeQuotaNotice(db, NOW);
    expect((await readMeta(db))[META_KEYS.quotaPurges]?.value).toMatchObject({ acknowledged: true });
  });

  it('with nothing beyond retention, purges the oldest few percent instead', async () => {
    await retentionDaysItem.setValue(180);
    await db.events.bulkPut(Array.from({ length: 40 }, (_, i) => exposure(`P${i}`, NOW - (40 - i) * 1000)));
    quotaFailures = 1;
    await handleLogEvents({ events: [exposure('NEW')] }, feedTab, deps);
    const posts = (await (await logged()).orderBy('ts').toArray()).map((e) => e.post_id);
    expect(posts).toHaveLength(39);
    expect(posts[0]).toBe('P2');
    expect(posts.at(-1)).toBe('NEW');
  });

  it('if the disk is still full after the purge, the call fails so the outbox keeps the batch', async () => {
    quotaFailures = 2;
    await expect(handleLogEvents({ events: [exposure('NEW')] }, feedTab, deps)).rejects.toThrow();
    expect(await (await logged()).where('post_id').equals('NEW').count()).toBe(0);
    quotaFailures = 0;
    await handleLogEvents({ events: [exposure('NEW')] }, feedTab, deps);
    expect(await (await logged()).where('post_id').equals('NEW').count()).toBe(1);
  });
});

describe('acknowledgements wait for the commit', () => {
  const tab = (n: number) => ({ ...feedTab, tab: { id: n } });
  const batchOf = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => exposure(`${prefix}${i}`));
  const acked = (p: Promise<unknown>, first: string) =>
    p.then((r) => {
      timeline.push(`ack ${first}`);
      return r;
    });

  it('acknowledges a batch only after the transaction that wrote it has committed', async () => {
    const batch = batchOf('A', 50);
    await acked(handleLogEvents({ events: batch }, feedTab, deps), batch[0]!.event_id);
    expect(timeline).toEqual(['commit', `ack ${batch[0]!.event_id}`]);
    expect(eventPuts).toEqual([batch.map((e) => e.event_id)]);
  });

  it('several tabs at once: every batch is written whole and acknowledged only after its own commit', async () => {
    const batches = [batchOf('A', 50), batchOf('B', 50), batchOf('C', 50), batchOf('D', 50)];
    const replies = await Promise.all(
      batches.map((b, i) => acked(handleLogEvents({ events: b }, tab(i + 1), deps), b[0]!.event_id)),
    );
    expect(replies).toEqual(batches.map((b) => ({ acked: b.map((e) => e.event_id), stored: true })));
    expect(await (await logged()).count()).toBe(200);
    expect(eventPuts.map((ids) => ids.length)).toEqual([50, 50, 50, 50]);
    for (const b of batches) {
      const put = eventPuts.findIndex((ids) => ids.includes(b[0]!.event_id));
      const ack = timeline.indexOf(`ack ${b[0]!.event_id}`);
      const commitsBefore = timeline.slice(0, ack).filter((t) => t === 'commit').length;
      expect(commitsBefore, 'acknowledged before its transaction committed').toBeGreaterThan(put);
    }
  });

  it('a write that fails for another reason than quota is not acknowledged, stores nothing and purges nothing', async () => {
    const bad = batchOf('X', 5);
    unstorable.add(bad[2]!.event_id);
    await db.events.bulkPut([exposure('OLD', NOW - 400 * DAY)]);
    await expect(handleLogEvents({ events: bad }, feedTab, deps)).rejects.toThrow(/store the value/);
    expect(await (await logged()).count()).toBe(1);
    expect((await readMeta(db))[META_KEYS.quotaPurges]).toBeUndefined();
    expect(timeline.filter((t) => t.startsWith('ack'))).toEqual([]);
  });
});

describe('logPageEvents from extension pages', () => {
  it('accepts our dashboard and refuses a web page', async () => {
    const save = make('save', { post_id: null, author_id: null, item_id: '600000000001' });
    await handleLogPageEvents({ events: [save] }, { id: RUNTIME_ID, url: `${ORIGIN}/dashboard.html` }, deps);
    expect(await (await logged()).count()).toBe(1);
    await expect(
      handleLogPageEvents({ events: [exposure('P1')] }, { ...feedTab, url: 'https://weibo.com/' }, deps),
    ).rejects.toThrow(/not an extension page/);
  });
});

describe('the staged intake', () => {
  const quiet = 30;
  beforeEach(() => {
    deps = { ...deps, intake: staging };
  });
  const staged = () => db.staged.count();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('acknowledges a batch once staged, and moves a burst into the log only after the intake goes quiet', async () => {
    const drainer = drainerFor(quiet);
    const live = { ...deps, drainSoon: (staged: boolean) => drainer.soon(staged) };
    for (let i = 0; i < 5; i++) {
      await handleLogEvents({ events: [exposure(`P${i}`), exposure(`Q${i}`)] }, feedTab, live);
      expect(await db.events.count(), 'moved while the burst was still coming').toBe(0);
      await sleep(quiet / 3);
    }
    expect(await staged()).toBe(5);
    await vi.waitFor(async () => expect(await db.events.count()).toBe(10));
    expect(await staged()).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('a move that fails keeps the batches staged, loses nothing, and the next drain moves them', async () => {
    const drainer = drainerFor(quiet);
    await handleLogEvents({ events: [exposure('A'), exposure('B')] }, feedTab, deps);
    logFailures = ['abort'];
    await drainer.now();
    expect(await db.events.count()).toBe(0);
    expect(await staged()).toBe(1);
    expect(warnings.join('\n')).toMatch(/staged events kept for later/);
    await drainer.now();
    expect((await db.events.toArray()).map((e) => e.post_id).sort()).toEqual(['A', 'B']);
    expect(await staged()).toBe(0);
  });

  it('rows a failed move left staged go in after the next batch, even a lone one written straight into the log', async () => {
    const drainer = drainerFor(quiet);
    await handleLogEvents({ events: [exposure('A')] }, feedTab, deps);
    logFailures = ['abort'];
    await drainer.now();
    expect(await staged()).toBe(1);
    await handleLogEvents({ events: [exposure('B')] }, feedTab, {
      ...deps,
      intake: direct,
      drainSoon: (staged: boolean) => drainer.soon(staged),
    });
    await vi.waitFor(async () => expect(await staged()).toBe(0));
    expect((await db.events.toArray()).map((e) => e.post_id).sort()).toEqual(['A', 'B']);
  });

  it('a lone batch with nothing left staged costs no drain: no further read-write transaction', async () => {
    const drainer = drainerFor(quiet);
    await drainer.now(); // the worker's start-up drain
    timeline.length = 0;
    const lone = { ...deps, intake: direct, drainSoon: (staged: boolean) => drainer.soon(staged) };
    await handleLogEvents({ events: [exposure('A')] }, feedTab, lone);
    await sleep(quiet * 3);
    expect(timeline).toEqual(['commit']);
    expect(await db.events.count()).toBe(1);
  });

  it('a full disk while moving purges the oldest raw events, then moves the batch', async () => {
    await retentionDaysItem.setValue(30);
    await db.events.bulkPut([exposure('OLD', Date.now() - 40 * DAY)]);
    await handleLogEvents({ events: [exposure('NEW', Date.now())] }, feedTab, deps);
    logFailures = ['quota'];
    await drainerFor(quiet).now();
    expect((await db.events.toArray()).map((e) => e.post_id)).toEqual(['NEW']);
    expect(await staged()).toBe(0);
  });

  it('on a full disk a staged write purges, retries once, and is acknowledged', async () => {
    await retentionDaysItem.setValue(30);
    await db.events.bulkPut([exposure('OLD', NOW - 40 * DAY)]);
    quotaFailures = 1;
    expect((await handleLogEvents({ events: [exposure('NEW')] }, feedTab, deps)).stored).toBe(true);
    expect(await staged()).toBe(1);
    expect((await (await logged()).toArray()).map((e) => e.post_id)).toEqual(['NEW']);
  });

  it('a batch staged twice (its ack was lost) lands once; batches move oldest first', async () => {
    const first = [exposure('A', NOW - 2), exposure('B', NOW - 1)];
    await handleLogEvents({ events: first }, feedTab, deps);
    await handleLogEvents({ events: first }, feedTab, deps);
    await handleLogEvents({ events: [exposure('C', NOW)] }, feedTab, deps);
    expect(await drainStaged(db)).toBe(5);
    expect((await db.events.orderBy('ts').toArray()).map((e) => e.post_id)).toEqual(['A', 'B', 'C']);
  });

  it('moves about EVENTS_PER_STEP events per transaction, whole batches, however many batches that is', async () => {
    const batch = (n: number, tag: string) => Array.from({ length: n }, (_, i) => exposure(`${tag}${i}`, NOW - n + i));
    await db.staged.bulkAdd([
      { events: batch(600, 'a'), staged_at: NOW },
      { events: batch(600, 'b'), staged_at: NOW },
      { events: batch(600, 'c'), staged_at: NOW },
      ...Array.from({ length: 30 }, (_, i) => ({ events: batch(1, `d${i}-`), staged_at: NOW })),
    ]);
    const puts: number[] = [];
    const bulkPut = db.events.bulkPut.bind(db.events);
    vi.spyOn(db.events, 'bulkPut').mockImplementation(((rows: ZcEvent[]) => {
      puts.push(rows.length);
      return bulkPut(rows);
    }) as never);
    expect(await drainStaged(db)).toBe(1830);
    expect(puts).toEqual([1200, 630]);
    expect(await db.events.count()).toBe(1830);
    expect(await db.staged.count()).toBe(0);
  });
});

describe('Intake: straight into the log, or staged under a burst', () => {
  it('a lone batch goes straight in; back to back or concurrent ones are staged; quiet again, straight in', async () => {
    let t = 0;
    const intake = new Intake(() => t, 20);
    const write = (ms: number) =>
      intake.write(async () => {
        t += ms;
      });
    expect(intake.arrive()).toBe(false);
    await write(30);
    t += 2;
    expect(intake.arrive(), 'sent right after the last ack').toBe(true);
    await write(3);
    t += 1000;
    expect(intake.arrive(), 'a second later').toBe(false);
    let release = () => {};
    const slow = intake.write(() => new Promise<void>((r) => (release = r)));
    expect(intake.arrive(), 'while another batch is being written').toBe(true);
    release();
    await slow;
    t += 1000;
    expect(intake.arrive()).toBe(false);
  });

  it('with the real policy, a lone batch is in the log by the time it is acknowledged (issue 5)', async () => {
    const real = { ...deps, intake: new Intake() };
    const batch = [exposure('P1'), exposure('P2')];
    expect(await handleLogEvents({ events: batch }, feedTab, real)).toEqual({
      acked: batch.map((e) => e.event_id),
      stored: true,
    });
    expect(await db.events.count()).toBe(2);
    expect(await db.staged.count()).toBe(0);
  });
});

describe('maintenance', () => {
  it('deleteAllData empties every table', async () => {
    await db.events.bulkPut([exposure('P1')]);
    await db.meta.put({ key: 'x', value: 1, updated_at: 1 });
    await deleteAllData(db);
    for (const t of db.tables) expect(await t.count(), t.name).toBe(0);
  });

  it('purgeOlderThan removes only events older than the window', async () => {
    await db.events.bulkPut([exposure('OLD', NOW - 8 * DAY), exposure('NEW', NOW - 6 * DAY)]);
    expect(await purgeOlderThan(7, db, NOW)).toBe(1);
    expect((await db.events.toArray()).map((e) => e.post_id)).toEqual(['NEW']);
  });
});
