import type { Page, Worker } from '@playwright/test';
import { closedCards } from './closed-cards';
import { expect, readStore, test, waitForContentScript } from './fixtures';

/**
 * A page script on the feed that tries to forge our research data and act for the person: it hooks attachShadow,
 * appends look-alike cards into our hosts, rewrites their post and item ids, clicks with script, focuses our controls
 * for an Enter typed elsewhere, makes a host nearly transparent over a real click, and searches the page's text for
 * 已种草. What must come out: events only for what was really shown and done, no order, no read of the wish-list, and
 * a content script that still works.
 */

type Row = { type: string; post_id: string | null; item_id: string | null; target?: string };

/** Every event the worker holds: moved into `events`, or still in the staged intake. */
async function allEvents(worker: Worker): Promise<Row[]> {
  const stored = await readStore<Row>(worker, 'events');
  const staged = await readStore<{ events: Row[] }>(worker, 'staged');
  return [...stored, ...staged.flatMap((s) => s.events)];
}

/** Runs in the page's own world before any of its scripts: the hostile page's hooks. */
function hostileHooks() {
  const w = window as unknown as { __stolenRoots: ShadowRoot[]; __hostsSeen: number };
  w.__stolenRoots = [];
  w.__hostsSeen = 0;
  // Force every shadow root open and keep it (works on the page's own elements; our content script has its own world).
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attach.call(this, { ...init, mode: 'open' });
    w.__stolenRoots.push(root);
    return root;
  };
}

/** The page's forgeries on every host now in the page; returns how many hosts it got at. */
function forge(page: Page) {
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll('zhongcao-cards')];
    for (const h of hosts) {
      // Look-alike cards, inside the host (the closed root keeps them out of ours) and as many as a flood would add.
      for (let i = 0; i < 200; i++) {
        const fake = document.createElement('div');
        fake.setAttribute('data-zc-item-id', `=HYPERLINK("https://evil.example/${i}")`);
        fake.setAttribute('data-zc-item', '600000000999');
        fake.style.cssText = 'display:block;height:40px';
        fake.innerHTML = '<button data-zc-click="buy">立即购买</button>';
        h.append(fake);
      }
      try {
        h.attachShadow({ mode: 'open' });
      } catch {
        // Already has our root.
      }
      h.setAttribute('data-post-id', 'PageChosenPost');
      h.setAttribute('data-item-ids', '600000000999 =HYPERLINK("x")');
      // Scripted clicks on the host and on the look-alikes.
      h.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      (h as HTMLElement).click();
      for (const b of h.querySelectorAll<HTMLElement>('button')) b.click();
      h.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    }
    return hosts.length;
  });
}

test.describe('a hostile page script on the feed', () => {
  test('forges no event, places no order, reads no saved state, and leaves the content script running', async ({
    page,
    serviceWorker,
    pageErrors,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.addInitScript(hostileHooks);
    await page.goto('https://weibo.com/');
    await waitForContentScript(page);
    await page.bringToFront();
    const cards = await closedCards(page);
    const first = await cards.waitFor({ nth: 0 }, 30_000);
    const realPost = first.postId ?? '';
    const realItems = first.itemIds;
    expect(realPost).not.toBe('');
    expect(first.root?.mode).toBe('closed');

    // The page's view: no root behind our hosts, none of ours among the roots it stole.
    const pageView = await page.evaluate(() => ({
      roots: [...document.querySelectorAll('zhongcao-cards')].filter((h) => h.shadowRoot !== null).length,
      stolenOurs: (window as unknown as { __stolenRoots: ShadowRoot[] }).__stolenRoots.filter(
        (r) => r.host.localName === 'zhongcao-cards',
      ).length,
    }));
    expect(pageView).toEqual({ roots: 0, stolenOurs: 0 });

    // The real post's card, under the top bar: the host stays the nth-0 host below (its attributes are about to lie).
    const host = cards.host({ nth: 0 });
    await host.evaluateHost((h) => {
      h.scrollIntoView({ block: 'start' });
      scrollBy(0, -70);
    });
    await expect.poll(() => host.button('立即购买').isVisible()).toBe(true);
    expect(await forge(page)).toBeGreaterThan(0);
    expect((await cards.find({ nth: 0 }))?.postId).toBe('PageChosenPost');

    // Dwell: the real card is exposed once, under its real post and item.
    await page.waitForTimeout(2_000);

    // Clickjacking: the host made nearly transparent, then a real click on 种草.
    const save = host.locator('[data-zc-click=save]').first();
    await host.evaluateHost((h) => {
      h.style.opacity = '0.05';
    });
    await save.click();
    await page.waitForTimeout(500);
    expect(await save.getAttribute('aria-pressed')).toBe('false');
    await host.evaluateHost((h) => {
      h.style.opacity = '';
    });

    // A real, visible click saves: the event names the real post and item, whatever the host's attributes say.
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');

    // 立即购买, then 确认下单 at once (a click meant for what was there before): no order.
    await host.button('立即购买').first().click();
    const sheet = host.getByRole('dialog');
    await expect.poll(() => sheet.isVisible()).toBe(true);
    await sheet.button('确认下单').click();
    await page.waitForTimeout(300);
    expect(await sheet.getByRole('status').count(), '确认下单 at once placed an order').toBe(0);
    // Focus moved by script (as a page holding the element could) and an Enter typed for something else: no order.
    await page.waitForTimeout(1_500);
    await sheet.getByRole('spinbutton').evaluate((el) => el.focus());
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    expect(await sheet.getByRole('status').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);

    // The browser's text search sees into closed roots: it finds the card, and nothing says what is saved.
    const found = await page.evaluate(() => {
      const f = (s: string) => {
        getSelection()?.removeAllRanges();
        return (window as unknown as { find(s: string): boolean }).find(s);
      };
      return { card: f('查看商品'), saved: f('已种草') || f('Saved') };
    });
    expect(found).toEqual({ card: true, saved: false });

    // Everything the worker got.
    await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    let events: Row[] = [];
    await expect
      .poll(
        async () => {
          events = await allEvents(serviceWorker);
          return events.some((e) => e.type === 'save');
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const forged = events.filter(
      (e) =>
        e.post_id === 'PageChosenPost' ||
        (e.item_id !== null && !/^\d+$/.test(e.item_id)) ||
        e.item_id === '600000000999',
    );
    expect(forged).toEqual([]);
    // Events on the card we acted on name its real post and one of its real items.
    const onCard = events.filter((e) => e.post_id === realPost && e.item_id !== null);
    for (const e of onCard) expect(realItems).toContain(e.item_id);
    expect(events.filter((e) => e.type === 'save').map((e) => [e.post_id, e.item_id])).toEqual([
      [realPost, realItems[0]],
    ]);
    // Clicks: exactly the real ones that passed (种草, 立即购买, and the sheet's 确认下单 that was ignored is still a
    // click the person made); none from script, none through the transparent host.
    const clicks = events.filter((e) => e.type === 'click');
    expect(clicks.every((e) => e.post_id === realPost)).toBe(true);
    expect(clicks.filter((e) => e.target === 'save')).toHaveLength(1);
    expect(clicks.filter((e) => e.target === 'buy')).toHaveLength(1);
    // One exposure at most per real card.
    const exposures = events.filter((e) => e.type === 'exposure').map((e) => `${e.post_id}|${e.item_id}`);
    expect(new Set(exposures).size).toBe(exposures.length);
    expect(exposures).toContain(`${realPost}|${realItems[0]}`);
    expect(await readStore(serviceWorker, 'orders')).toEqual([]);

    // The content script still works: it is there, and cards keep coming as the feed scrolls.
    await waitForContentScript(page);
    const before = new Set((await cards.hosts()).map((h) => h.backendNodeId));
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 1_500);
          return (await cards.hosts()).some((h) => !before.has(h.backendNodeId) && h.root !== null);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
