import fs from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { watchExtensionWorker } from '../../scripts/browser';
import { createEventFactory } from '../../utils/events/factory';
import { type ClosedCards, closedCards } from './closed-cards';
import { expect, readStore, recordWorlds, test } from './fixtures';

/**
 * Issue 5 acceptance in Chromium with the production build on the demo feed: real scrolling with measured dwell
 * times, the NDJSON export from the dashboard, exactly one exposure per card that stayed in view ≥ 1 s and none for
 * cards flicked past, real clicks and action-bar interactions, the same with the service worker stopped over and
 * over through the DevTools protocol, and refused forgeries (bad shapes, page scripts).
 */

type Row = Record<string, unknown> & { event_id: string; type: string; post_id: string | null; item_id: string | null };
type Seen = { key: string; ratio: number };

const cardsOf = new WeakMap<Page, Promise<ClosedCards>>();
function cardsIn(page: Page): Promise<ClosedCards> {
  let cards = cardsOf.get(page);
  if (!cards) {
    cards = closedCards(page);
    cardsOf.set(page, cards);
  }
  return cards;
}

/**
 * Measures in the content script's world, where the cards' closed roots open (`zcShadowOf`): every card is measured
 * per animation frame while scrolling, too often for one DevTools call per root.
 */
async function measure<T, A = undefined>(page: Page, fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
  return (await cardsIn(page)).inContentWorld(fn, arg);
}

/** Every card's (post|item) key and its in-view ratio right now, measured by an IntersectionObserver as the extension does. */
function visibleCards(page: Page): Promise<Seen[]> {
  return measure(
    page,
    () =>
      new Promise<Seen[]>((resolve) => {
        const owner = new Map<Element, Element>();
        for (const h of document.querySelectorAll('zhongcao-cards'))
          for (const c of zcShadowOf(h)?.querySelectorAll('[data-zc-item]') ?? []) owner.set(c, h);
        if (owner.size === 0) return resolve([]);
        const io = new IntersectionObserver((entries) => {
          io.disconnect();
          resolve(
            entries.map((e) => ({
              key: `${owner.get(e.target)?.getAttribute('data-post-id')}|${e.target.getAttribute('data-zc-item')}`,
              ratio: e.isIntersecting ? e.intersectionRatio : 0,
            })),
          );
        });
        for (const c of owner.keys()) io.observe(c);
      }),
  );
}

/**
 * Scrolls inside the page, `px` pixels per animation frame, and measures for every card the longest stretch it was
 * ≥ 50 % in view (from its box, per frame). Cards flicked past are those whose longest stretch stays far below 1 s.
 */
function scrollRun(page: Page, total: number, px: number): Promise<Record<string, number>> {
  return measure(
    page,
    ({ total, px }) =>
      new Promise<Record<string, number>>((resolve) => {
        const since = new Map<string, number>();
        const longest: Record<string, number> = {};
        let moved = 0;
        const sample = (now: number) => {
          const inView = new Set<string>();
          for (const h of document.querySelectorAll('zhongcao-cards'))
            for (const c of zcShadowOf(h)?.querySelectorAll('[data-zc-item]') ?? []) {
              const r = c.getBoundingClientRect();
              if (r.height === 0 || r.width === 0) continue;
              const vh = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
              const vw = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
              if ((vh * vw) / (r.height * r.width) >= 0.5)
                inView.add(`${h.getAttribute('data-post-id')}|${c.getAttribute('data-zc-item')}`);
            }
          for (const k of inView) if (!since.has(k)) since.set(k, now);
          for (const [k, t0] of since) {
            longest[k] = Math.max(longest[k] ?? 0, now - t0);
            if (!inView.has(k)) since.delete(k);
          }
        };
        const step = (now: number) => {
          sample(now);
          if (moved >= Math.abs(total)) return resolve(longest);
          const d = Math.sign(total) * Math.min(px, Math.abs(total) - moved);
          window.scrollBy(0, d);
          moved += Math.abs(d);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    { total, px },
  );
}

/** Stays put ≥ 1.5 s and returns the cards ≥ 55 % in view at both ends (dwelled) and those in view at all. */
async function dwell(page: Page) {
  // Posts first seen here need their analysis round-trip before they have cards; with none near, go to the nearest.
  const someInView = async () => (await visibleCards(page)).some((s) => s.ratio >= 0.55);
  await expect
    .poll(
      async () => {
        if (await someInView()) return true;
        await page.evaluate(() => {
          const hosts = [...document.querySelectorAll('zhongcao-cards')].filter(
            (h) => h.getBoundingClientRect().height > 0,
          );
          const mid = innerHeight / 2;
          const dist = (h: Element) => Math.abs(h.getBoundingClientRect().top - mid);
          hosts.sort((a, b) => dist(a) - dist(b))[0]?.scrollIntoView({ block: 'center' });
        });
        return someInView();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  const start = await visibleCards(page);
  await page.waitForTimeout(1_500);
  const end = await visibleCards(page);
  const solid = (list: Seen[]) => new Set(list.filter((s) => s.ratio >= 0.55).map((s) => s.key));
  const a = solid(start);
  const b = solid(end);
  return {
    dwelled: [...a].filter((k) => b.has(k)),
    touched: [...start, ...end].filter((s) => s.ratio > 0).map((s) => s.key),
  };
}

async function openDashboard(context: BrowserContext, extensionId: string): Promise<Page> {
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#data`);
  return dash;
}

async function exportNdjson(context: BrowserContext, extensionId: string): Promise<Row[]> {
  const dash = await openDashboard(context, extensionId);
  try {
    const button = dash.getByRole('button', { name: /NDJSON/ });
    await expect(button).toBeVisible();
    const [download] = await Promise.all([dash.waitForEvent('download'), button.click()]);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Row);
  } finally {
    await dash.close();
  }
}

/** The event rows the background has stored (read from an extension page, the only origin that can). */
async function storedEvents(context: BrowserContext, extensionId: string): Promise<Row[]> {
  const p = await context.newPage();
  try {
    await p.goto(`chrome-extension://${extensionId}/popup.html`);
    return await readStore<Row>(p, 'events');
  } finally {
    await p.close();
  }
}

/** Stops the extension's service worker through the DevTools protocol (`ServiceWorker.stopWorker`). */
async function workerStopper(page: Page, context: BrowserContext) {
  const worker = await watchExtensionWorker(context, page);
  let stops = 0;
  return {
    /** Stops the worker now and waits until Chrome reports it stopped. */
    async stopNow() {
      await expect.poll(worker.running).toBe(true);
      const before = worker.stoppedReports();
      await worker.stopNow();
      await expect.poll(worker.stoppedReports).toBeGreaterThan(before);
      stops++;
    },
    get stops() {
      return stops;
    },
  };
}

interface Journey {
  dwelled: Set<string>;
  touched: Set<string>;
  longest: Map<string, number>;
  guidePost: string;
  clickedItem: string;
}

/**
 * The user story: dwell on the first cards, flick down and back up (dwelling where it began again: already exposed,
 * must not count twice), flick down once more and dwell there, then click the card's reasons and item link, and like / repost /
 * comment the guide post — after a page script tried the same with synthetic events.
 */
async function journey(
  page: Page,
  context: BrowserContext,
  between: () => Promise<void> = async () => {},
): Promise<Journey> {
  await page.goto('https://weibo.com/');
  await expect(page.locator('zhongcao-cards').first()).toBeAttached({ timeout: 30_000 });
  await page.bringToFront();
  const dwelled = new Set<string>();
  const touched = new Set<string>();
  const longest = new Map<string, number>();
  const note = (d: { dwelled: string[]; touched: string[] }) => {
    for (const k of d.dwelled) dwelled.add(k);
    for (const k of d.touched) touched.add(k);
  };
  const noteRun = (r: Record<string, number>) => {
    for (const [k, ms] of Object.entries(r)) longest.set(k, Math.max(longest.get(k) ?? 0, ms));
  };

  // `between` runs while events are still queued in the content script's outbox (it flushes after 1 s).
  note(await dwell(page));
  await between();
  // Fast passes: the first asks the background about the posts it passes, later ones show their cards in passing.
  noteRun(await scrollRun(page, 6_000, 60));
  noteRun(await scrollRun(page, -6_000, 60));
  note(await dwell(page));
  await between();
  noteRun(await scrollRun(page, 6_000, 60));
  note(await dwell(page));
  // A guide post in view with its cards: synthetic clicks first (must log nothing), then real ones.
  const inView = (await visibleCards(page)).filter((c) => c.ratio >= 0.55);
  const guidePost = inView[0]?.key.split('|')[0] ?? '';
  expect(guidePost).not.toBe('');
  const pinned = (await cardsIn(page)).host({ postId: guidePost });
  const article = page.locator(`article:has(zhongcao-cards[data-post-id="${guidePost}"])`);
  // A script's click on our control (the page cannot reach it; this one is handed it through DevTools).
  await pinned
    .locator('[data-zc-click=reasons]')
    .first()
    .evaluate((el) => el.click());
  await page.evaluate((postId) => {
    const h = [...document.querySelectorAll('zhongcao-cards')].find((e) => e.getAttribute('data-post-id') === postId);
    const art = h?.closest('article');
    art?.querySelector<HTMLElement>('footer button.woo-like-main')?.click();
    art?.querySelector<HTMLElement>('footer [title="转发"]')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    for (const type of ['zc:event', 'zhongcao:log', 'zc-page-json-response'])
      document.dispatchEvent(
        new CustomEvent(type, { detail: { type: 'click', post_id: postId, target: 'buy' }, bubbles: true }),
      );
  }, guidePost);
  const reasons = pinned.locator('[data-zc-click=reasons]').first();
  const clickedItem = (await pinned.locator('[data-zc-item]').first().getAttribute('data-zc-item')) ?? '';
  // The clicks take a few seconds: whatever is in view meanwhile may rightly be exposed, so it counts as dwelled on.
  await article.evaluate((a) => a.scrollIntoView({ block: 'center' }));
  const around = async () => {
    for (const c of await visibleCards(page)) if (c.ratio > 0) touched.add(c.key);
  };
  await around();
  await reasons.click();
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    pinned.locator('[data-zc-click=view-item]').first().click(),
  ]);
  await tab.close();
  await page.bringToFront();
  await article.locator('footer button.woo-like-main').click();
  await article.locator('footer [role=button][title="转发"]').click();
  await article.locator('footer [role=button][title="评论"]').click();
  await page.keyboard.press('Escape');
  await around();
  await between();
  return { dwelled, touched, longest, guidePost, clickedItem };
}

function checkExport(rows: Row[], j: Journey) {
  const ids = rows.map((r) => r.event_id);
  expect(new Set(ids).size, 'duplicate event ids in the export').toBe(ids.length);

  const exposures = rows.filter((r) => r.type === 'exposure');
  const perKey = new Map<string, number>();
  for (const e of exposures) {
    const k = `${e.post_id}|${e.item_id}`;
    perKey.set(k, (perKey.get(k) ?? 0) + 1);
    expect(e.visible_ms as number).toBeGreaterThanOrEqual(1000);
    expect(e.max_ratio as number).toBeGreaterThanOrEqual(0.5);
  }
  expect(
    [...perKey].filter(([, n]) => n > 1),
    'a card exposed twice in one page view',
  ).toEqual([]);
  expect(j.dwelled.size).toBeGreaterThan(0);
  expect(
    [...j.dwelled].filter((k) => !perKey.has(k)),
    'cards that stayed in view ≥ 1 s without an exposure',
  ).toEqual([]);

  // Flicked past: never near a dwell, and never ≥ 50 % in view for even 0.7 s in a row.
  const flicked = [...j.longest].filter(([k, ms]) => ms < 700 && !j.touched.has(k)).map(([k]) => k);
  expect(flicked.length, 'the flick must pass some cards for this test to mean anything').toBeGreaterThan(0);
  expect(
    flicked.filter((k) => perKey.has(k)),
    'cards flicked past got an exposure',
  ).toEqual([]);
  // Every exposure is explained by a dwell or by a slow pass that kept the card in view long enough.
  const unexplained = [...perKey.keys()].filter((k) => !j.touched.has(k) && (j.longest.get(k) ?? 0) < 900);
  expect(unexplained, 'exposures for cards never in view ≥ 1 s').toEqual([]);

  const clicks = rows.filter((r) => r.type === 'click' && r.post_id === j.guidePost);
  expect(clicks.map((c) => [c.target, c.item_id]).sort()).toEqual(
    [
      ['reasons', j.clickedItem],
      ['view-item', j.clickedItem],
    ].sort(),
  );
  const interactions = rows.filter((r) => r.type === 'interaction');
  expect(interactions.map((r) => [r.post_id, r.action]).sort()).toEqual(
    [
      [j.guidePost, 'comment'],
      [j.guidePost, 'like'],
      [j.guidePost, 'repost'],
    ].sort(),
  );
  expect(interactions.every((r) => typeof r.author_id === 'string' && r.author_id.length > 0)).toBe(true);
  expect(rows.filter((r) => r.type === 'detect' && r.post_id === j.guidePost)).toHaveLength(1);
  expect(new Set(rows.map((r) => r.page_id)).size).toBe(1);
}

/** Waits until the background has stored the journey's last events (the outbox flushes on a 1 s timer). */
async function settled(context: BrowserContext, extensionId: string, j: Journey) {
  await expect
    .poll(
      async () => {
        const rows = await storedEvents(context, extensionId);
        return rows.filter((r) => r.type === 'interaction' && r.post_id === j.guidePost).length;
      },
      { timeout: 30_000 },
    )
    .toBe(3);
}

test.describe('event logging from the feed', () => {
  test('one exposure per card that stayed in view ≥ 1 s, none for cards flicked past; clicks and interactions', async ({
    page,
    context,
    extensionId,
    pageErrors,
  }) => {
    const j = await journey(page, context);
    await settled(context, extensionId, j);
    checkExport(await exportNdjson(context, extensionId), j);
    expect(pageErrors).toEqual([]);
  });

  test('the same with the service worker stopped again and again mid-stream: nothing lost, nothing doubled', async ({
    page,
    context,
    extensionId,
  }) => {
    const stopper = await workerStopper(page, context);
    const j = await journey(page, context, () => stopper.stopNow());
    expect(stopper.stops, 'the worker must actually have been stopped').toBe(3);
    await settled(context, extensionId, j);
    checkExport(await exportNdjson(context, extensionId), j);
  });

  test('a batch acknowledged just before the worker stopped (still staged) reaches the popup’s figures', async ({
    page,
    context,
    extensionId,
  }) => {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const stopper = await workerStopper(page, context);
    await stopper.stopNow();
    const make = createEventFactory({ pageId: crypto.randomUUID(), extVersion: '0.1.0' });
    const events = ['P1', 'P2'].map((post) =>
      make('exposure', { post_id: post, author_id: 'A1', item_id: '600000000001', visible_ms: 1500, max_ratio: 1 }),
    );
    // What the background's intake holds for an acknowledged batch it had not moved into the log yet.
    await page.evaluate(
      (batch) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('zhongcao');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('staged', 'readwrite');
            tx.objectStore('staged').add({ events: batch, staged_at: Date.now() });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      events,
    );
    await page.reload();
    await page.getByRole('tab', { name: '概览' }).click();
    await expect(page.getByRole('img', { name: /曝光 2，/ })).toBeVisible();
    const stored = await storedEvents(context, extensionId);
    expect(stored.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.event_id).sort());
  });

  test('a bad event from the content script and anything from a page script store nothing; the refusal is reported', async ({
    page,
    context,
    extensionId,
  }) => {
    await page.goto('https://weibo.com/');
    await expect(page.locator('zhongcao-cards').first()).toBeAttached({ timeout: 30_000 });
    // A page script has no channel to the extension at all.
    expect(
      await page.evaluate(
        () => typeof (window as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
      ),
    ).toBe('undefined');

    // The content script's own world (as a compromised or buggy content script would): a malformed batch.
    const cdp = await context.newCDPSession(page);
    const worlds = await recordWorlds(cdp);
    await expect.poll(() => worlds.filter((w) => w.type === 'isolated').length).toBeGreaterThan(0);
    const isolated = worlds.filter((w) => w.type === 'isolated');
    const forgedId = '00000000-0000-4000-8000-000000000001';
    let sent = false;
    for (const w of isolated) {
      const r = await cdp.send('Runtime.evaluate', {
        contextId: w.id,
        awaitPromise: true,
        returnByValue: true,
        expression: `typeof chrome !== 'undefined' && chrome.runtime && chrome.runtime.id
          ? chrome.runtime.sendMessage({ id: 9001, type: 'logEvents', timestamp: Date.now(),
              data: { events: [{ event_id: '${forgedId}', type: 'purchase', amount_fen: -5, hacked: true }] } })
              .then((res) => JSON.stringify(res ?? null), (e) => 'error: ' + e)
          : 'no runtime'`,
      });
      if (r.result.value !== 'no runtime') sent = true;
    }
    expect(sent, 'found the extension’s isolated world').toBe(true);

    const dash = await openDashboard(context, extensionId);
    // Refused by itself (issue 27: one bad event never sinks a batch), counted and shown.
    await expect(dash.locator('.zc-export-diag', { hasText: '已拒收 1 条无效事件' })).toBeVisible();
    await dash.close();
    const rows = await storedEvents(context, extensionId);
    expect(rows.filter((r) => r.event_id === forgedId || r.type === 'purchase')).toEqual([]);
  });
});
