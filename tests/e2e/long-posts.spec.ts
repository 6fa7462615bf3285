import type { BrowserContext, Page, Request } from '@playwright/test';
import { loadTruth } from '../../demo/serve';
import { closedCards } from './closed-cards';
import { expect, test } from './fixtures';

/**
 * Issue 24, long posts: on each site a long guide post is drawn cut (展开 / 全文), its visible part only says 种草 / 好物,
 * and only its whole text, which the page fetches when 展开 is pressed, names the product (demo/long-posts.ts). The
 * extension reads that text the way the page does, from the page's own origin, and the card then shows the product.
 * With 自动展开长博文 off it makes no such request and the post gets no card.
 */

interface Seen {
  url: string;
  host: string;
  resourceType: string;
}

/** Every request the browser makes for the pages of `context`, from the start. */
function recordRequests(context: BrowserContext): Seen[] {
  const seen: Seen[] = [];
  context.on('request', (r: Request) => {
    const u = new URL(r.url());
    seen.push({
      url: r.url(),
      host: u.protocol === 'chrome-extension:' ? 'extension' : u.host,
      resourceType: r.resourceType(),
    });
  });
  return seen;
}

/** Scrolls down from the top until the post's feed item (`selector`) is drawn in the upper part of the screen. */
async function bringOnScreen(page: Page, selector: string) {
  for (let i = 0; i < 40; i++) {
    const on = await page.evaluate(
      (sel) =>
        [...document.querySelectorAll(sel)].some((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 40 && r.top < innerHeight * 0.6;
        }),
      selector,
    );
    if (on) return;
    await page.mouse.wheel(0, 250);
    await page.waitForTimeout(120);
  }
  throw new Error('the long post never came on screen');
}

const LONG_TEXT = /\/(?:ajax\/statuses\/longtext|statuses\/extend)\?/;

/** Turns 自动展开长博文 off the way a shopper does: the switch in the popup's settings. */
async function turnAutoExpandOff(context: BrowserContext, extensionId: string) {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('button', { name: '设置' }).click();
  const toggle = popup.getByRole('switch', { name: '自动展开长博文' });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await popup.close();
}

const SITES = [
  {
    name: 'weibo.com',
    url: 'https://weibo.com/',
    origin: 'https://weibo.com',
    postId: (t: ReturnType<typeof loadTruth>) => t.longPosts?.pc ?? '',
    /** The post's feed item, found by its permalink; views the recycling feed parked off screen are left out. */
    item: (id: string) => `.vue-recycle-scroller__item-view:not([style*="-9999"]) article:has(a[href$="/${id}"])`,
    longTextUrl: (id: string) => `https://weibo.com/ajax/statuses/longtext?id=${id}`,
    cut: '展开',
  },
  {
    name: 'm.weibo.cn',
    url: 'https://m.weibo.cn/',
    origin: 'https://m.weibo.cn',
    postId: (t: ReturnType<typeof loadTruth>) => t.longPosts?.mobile ?? '',
    item: (id: string) => `.card:has(a[href="/detail/${id}"])`,
    longTextUrl: (id: string) => `https://m.weibo.cn/statuses/extend?id=${id}`,
    cut: '全文',
  },
] as const;

test.describe('long posts: the product named after the fold', () => {
  for (const site of SITES) {
    test(`${site.name}: the card shows the product once the long text is read from the page's own origin`, async ({
      page,
      context,
      pageErrors,
    }) => {
      const truth = loadTruth();
      const id = site.postId(truth);
      const itemId = truth.longPosts?.itemId ?? '';
      expect(id && itemId, 'the demo build has its long posts').toBeTruthy();
      const seen = recordRequests(context);
      await page.goto(site.url);
      await bringOnScreen(page, site.item(id));
      const item = page.locator(site.item(id));
      await expect(item).toContainText(site.cut);
      const host = item.locator(`zhongcao-cards[data-post-id="${id}"]`);
      await expect(host).toHaveAttribute('data-item-ids', new RegExp(`(^| )${itemId}( |$)`), { timeout: 30_000 });
      const card = (await closedCards(page)).host({ postId: id });
      await expect.poll(() => card.button('立即购买').first().isVisible()).toBe(true);
      // The post is still drawn cut: the extension read its text, it did not press 展开.
      await expect(item).toContainText(site.cut);

      const longTexts = seen.filter((r) => LONG_TEXT.test(r.url));
      expect(longTexts.filter((r) => r.url === site.longTextUrl(id))).toHaveLength(1);
      for (const r of longTexts) expect(new URL(r.url).origin).toBe(site.origin);
      // Nothing went anywhere but the page's own site, its picture host and the extension's own files.
      const own = new URL(site.origin).host;
      const elsewhere = new Set(
        seen.map((r) => r.host).filter((h) => h !== own && h !== 'extension' && !h.endsWith('.sinaimg.cn')),
      );
      expect([...elsewhere]).toEqual([]);

      await page.waitForTimeout(300);
      await page.screenshot({ path: test.info().outputPath(`long-post-${site.name}.png`) });
      expect(pageErrors).toEqual([]);
    });

    test(`${site.name}: with 自动展开长博文 off there is no long-text request and no card`, async ({
      page,
      context,
      extensionId,
      pageErrors,
    }) => {
      const truth = loadTruth();
      const id = site.postId(truth);
      await turnAutoExpandOff(context, extensionId);
      const seen = recordRequests(context);
      await page.goto(site.url);
      await bringOnScreen(page, site.item(id));
      const item = page.locator(site.item(id));
      await expect(item).toContainText(site.cut);
      // Other posts get their cards meanwhile: the feed is read and analysed, the long post's text is not.
      await expect(page.locator('zhongcao-cards').first()).toBeAttached({ timeout: 30_000 });
      await page.waitForTimeout(3_000);
      expect(seen.filter((r) => LONG_TEXT.test(r.url)).map((r) => r.url)).toEqual([]);
      await expect(item.locator('zhongcao-cards')).toHaveCount(0);
      expect(pageErrors).toEqual([]);
    });
  }
});
