import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { META_KEYS, ZhongcaoDB } from '@/utils/db';
import { readMeta } from '@/utils/db/maintenance';
import { createEventFactory } from '@/utils/events/factory';
import { Outbox } from '@/utils/events/outbox';
import { outboxPersister, SAVED_OUTBOX_PREFIX } from '@/utils/events/outbox-store';
import type { ZcEvent } from '@/utils/events/schema';
import type { EventDeps, IntakePolicy } from '@/utils/worker/events';
import { recoverSavedOutboxes } from '@/utils/worker/outbox-recovery';
import { PageViewBudget } from '@/utils/worker/page-view-budget';

/** Issue 27, finding 10: events queued in a tab were lost without a trace when it closed while the worker was away. */

const NOW = 1_780_000_000_000;
const make = createEventFactory({ pageId: crypto.randomUUID(), extVersion: '0.1.0', now: () => NOW });
const exposure = (post: string) =>
  make('exposure', { post_id: post, author_id: 'A1', item_id: '600000000001', visible_ms: 1000, max_ratio: 1 });
const direct: IntakePolicy = { arrive: () => false, write: (run) => run() };

let db: ZhongcaoDB;
let deps: Partial<EventDeps>;
beforeEach(async () => {
  fakeBrowser.reset();
  db = new ZhongcaoDB(`zc-saved-${crypto.randomUUID()}`);
  await db.open();
  deps = {
    db,
    now: () => NOW,
    warn: () => {},
    drainSoon: () => {},
    intake: direct,
    knownItems: async () => (id) => id === '600000000001',
    pageBudget: new PageViewBudget(),
  };
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Timers run only when asked: the tab closes before any retry. */
function manualTimers() {
  const pending: (() => void)[] = [];
  return {
    setTimer: (fn: () => void) => {
      pending.push(fn);
      return pending.length as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimer: () => {},
    runAll: () => {
      for (const fn of pending.splice(0)) fn();
    },
  };
}

describe('nothing lost silently (issue 27, finding 10)', () => {
  it('a tab that closes while the worker is away keeps its events; the worker takes them in when it is back', async () => {
    const timers = manualTimers();
    const outbox = new Outbox<ZcEvent>({
      send: async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      persist: outboxPersister(fakeBrowser.storage.local),
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    const events = [exposure('P1'), exposure('P2'), exposure('P3')];
    for (const e of events) outbox.push(e);
    await outbox.flush();
    outbox.push(exposure('P4'));
    timers.runAll();
    // The tab closes: the outbox is gone with its queue.
    outbox.dispose();
    await new Promise((r) => setTimeout(r, 0));

    const taken = await recoverSavedOutboxes(fakeBrowser.storage.local, deps);
    expect(taken).toBe(4);
    expect((await db.events.toArray()).map((e) => e.post_id).sort()).toEqual(['P1', 'P2', 'P3', 'P4']);
    const left = Object.keys(await fakeBrowser.storage.local.get(null));
    expect(left.filter((k) => k.startsWith(SAVED_OUTBOX_PREFIX))).toEqual([]);
    expect((await readMeta(db))[META_KEYS.recoveredEvents]?.value).toMatchObject({ count: 4 });
  });

  it('once the worker is back and the tab delivers, the saved copy is removed', async () => {
    let up = false;
    const timers = manualTimers();
    const outbox = new Outbox<ZcEvent>({
      send: async (events) => {
        if (!up) throw new Error('worker away');
        return { acked: events.map((e) => e.event_id) };
      },
      persist: outboxPersister(fakeBrowser.storage.local, 'tab-1'),
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    outbox.push(exposure('P1'));
    await outbox.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['outbox:tab-1']);
    up = true;
    await outbox.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([]);
  });
});
