import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_DIST, loadTruth } from '../../demo/serve';
import { closedCards } from './closed-cards';
import { expect, test } from './fixtures';

/**
 * Page text is untrusted. Posts carrying HTML, script, template and bidi tricks in their text or author name must
 * never execute anything, whether or not they get a card, and a card must show such text as text.
 * Two tripwires: any `dialog` (the demo's hostile posts call alert()), and a `window.__pwned` canary set by the
 * payloads injected here.
 */
const CANARY_NAME = '<img src=x onerror="window.__pwned=1">';
const CANARY_TEXT = '<script>window.__pwned=2</script><svg onload="window.__pwned=3"></svg> ';

async function tripwires(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return {
    dialogs,
    pwned: () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null),
  };
}

test.describe('hostile posts', () => {
  test('the demo feed hostile posts execute nothing and get no card', async ({ page, pageErrors }) => {
    test.setTimeout(180_000);
    const truth = loadTruth().pc;
    const hostile = new Set(truth.filter((r) => r.kind === 'hostile').map((r) => r.mblogid));
    const wires = await tripwires(page);
    await page.goto('https://weibo.com/');
    await expect(page.locator('zhongcao-cards').first()).toBeAttached({ timeout: 30_000 });

    const met = new Set<string>();
    for (let step = 0; step < 250 && met.size < 6; step++) {
      const onScreen = await page.evaluate(() =>
        [...document.querySelectorAll('article')].map((a) => ({
          id: /\/\d+\/([A-Za-z0-9]+)/.exec(a.querySelector('a[class*="_time_"]')?.getAttribute('href') ?? '')?.[1],
          hosts: a.querySelectorAll('zhongcao-cards').length,
        })),
      );
      for (const a of onScreen) if (a.id && hostile.has(a.id)) met.add(a.id);
      await page.mouse.wheel(0, 800);
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(1_000);
    const withHosts = await page.evaluate(
      (ids) =>
        [...document.querySelectorAll('zhongcao-cards')]
          .map((h) => h.getAttribute('data-post-id'))
          .filter((id): id is string => id !== null && ids.includes(id)),
      [...hostile],
    );
    expect(met.size).toBeGreaterThanOrEqual(3);
    expect(withHosts).toEqual([]);
    expect(wires.dialogs).toEqual([]);
    expect(await wires.pwned()).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  test('a guide post by a hostile author shows its name as text in the card', async ({ page, pageErrors }) => {
    // Page 1 is embedded in the document; page 2 is fetched, so its JSON can be swapped for this test.
    const pageFile = path.join(DEFAULT_DIST, 'weibo', 'ajax', 'feed', 'page-2.json');
    const feed = JSON.parse(fs.readFileSync(pageFile, 'utf8')) as {
      statuses: { mblogid: string; text_raw: string; text?: string; user: { screen_name: string } }[];
    };
    const guides = new Set(
      loadTruth()
        .pc.filter((r) => r.kind === 'guide' && r.expectedItemIds.length > 0)
        .map((r) => r.mblogid),
    );
    const post = feed.statuses.find((s) => guides.has(s.mblogid));
    if (!post) throw new Error('no guide post on page 2');
    const guide = { mblogid: post.mblogid };
    post.user.screen_name = CANARY_NAME;
    post.text_raw = CANARY_TEXT + post.text_raw;
    // The page route wins over the context's demo route for this one request.
    await page.route(
      (url) => url.pathname === '/ajax/feed/friendstimeline' && url.searchParams.get('page') === '2',
      (route) => route.fulfill({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(feed) }),
    );
    const wires = await tripwires(page);
    await page.goto('https://weibo.com/');

    const host = page.locator(`zhongcao-cards[data-post-id="${guide.mblogid}"]`);
    await expect(page.locator('zhongcao-cards').first()).toBeAttached({ timeout: 30_000 });
    // Scroll until the post is on screen (a parked recycler view can hold it off screen too).
    const onScreen = () =>
      host.evaluateAll((hs) =>
        hs.some((h) => {
          const r = h.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= innerHeight;
        }),
      );
    for (let i = 0; i < 120 && !(await onScreen()); i++) {
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(80);
    }
    await expect(host).toBeAttached();
    const card = (await closedCards(page)).host({ postId: guide.mblogid });
    await expect.poll(() => card.locator('.zc-cards').textContent()).toContain(`@${CANARY_NAME}`);
    const inShadow = await card.evaluate((root) => ({
      images: [...root.querySelectorAll('img')].map((i) => i.getAttribute('src') ?? ''),
      scripts: root.querySelectorAll('script, svg, iframe').length,
    }));
    // Only product images from the extension itself: the name's <img> never became an element.
    expect(inShadow.images.length).toBeGreaterThan(0);
    for (const src of inShadow.images) expect(src).toMatch(/^chrome-extension:\/\/[a-p]{32}\/catalogue\/img\//);
    expect(inShadow.scripts).toBe(0);
    await page.waitForTimeout(500);
    expect(wires.dialogs).toEqual([]);
    expect(await wires.pwned()).toBeNull();
    expect(pageErrors).toEqual([]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: test.info().outputPath('hostile-card.png') });
  });
});
