import type { BrowserContext, Page } from '@playwright/test';
import { closedCards } from './closed-cards';
import { expect, test } from './fixtures';

/**
 * The popup after a real browse of the demo feed: two products saved with the cards' own 种草 buttons (real clicks),
 * one bought through the popup's quick-buy sheet; then unsave and mute from the popup, and the feed reacts.
 */
interface FeedPost {
  postId: string;
  itemId: string;
  authorId: string;
  authorName: string;
}

async function browseFeed(page: Page): Promise<FeedPost[]> {
  await page.goto('https://weibo.com/');
  await expect
    .poll(async () => page.locator('zhongcao-cards[data-item-ids]').count(), { timeout: 30_000 })
    .toBeGreaterThan(1);
  const posts = await page.evaluate(() => {
    const out: { postId: string; itemId: string; authorId: string; authorName: string }[] = [];
    for (const host of document.querySelectorAll('zhongcao-cards[data-item-ids]')) {
      const article = host.closest('article');
      const user = article?.querySelector('header a[usercard]');
      const authorId = user?.getAttribute('usercard') ?? '';
      const authorName = user?.querySelector('span[title]')?.getAttribute('title') ?? user?.textContent?.trim() ?? '';
      const postId = host.getAttribute('data-post-id') ?? '';
      const itemId = (host.getAttribute('data-item-ids') ?? '').split(/[ ,]/)[0] ?? '';
      if (postId && itemId && authorId && authorName) out.push({ postId, itemId, authorId, authorName });
    }
    return out;
  });
  const distinct = posts.filter(
    (p, i) => posts.findIndex((q) => q.authorId === p.authorId || q.itemId === p.itemId) === i,
  );
  expect(distinct.length).toBeGreaterThanOrEqual(2);
  return distinct.slice(0, 2);
}

/** Sends a protocol message from an extension page, in @webext-core/messaging's wire format. */
async function send<T>(page: Page, type: string, data: unknown): Promise<T> {
  return page.evaluate(
    async ({ type, data }) => {
      const reply = (await chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() })) as {
        res?: unknown;
        err?: { message: string };
      };
      if (reply?.err) throw new Error(reply.err.message);
      return reply?.res;
    },
    { type, data },
  ) as Promise<T>;
}

async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

test('popup: saved and bought items with their source posts; unsave, mute, language', async ({
  context,
  page,
  extensionId,
}) => {
  const [a, b] = await browseFeed(page);
  if (!a || !b) throw new Error('need two posts');
  const popup = await openPopup(context, extensionId);

  // First-time user: empty state tells what to do.
  await expect(popup.getByRole('tab', { name: '种草' })).toHaveAttribute('aria-selected', 'true');
  await expect(popup.getByText('去微博刷一刷')).toBeVisible();
  await popup.screenshot({ path: 'screenshots/popup-empty-zh-light.png' });

  // Save both on the feed, as a shopper does: the card's 种草 button (trusted clicks through the shadow root).
  const cards = await closedCards(page);
  for (const p of [a, b]) {
    const save = cards.host({ postId: p.postId }).locator('[data-zc-click=save]').first();
    await save.scrollIntoViewIfNeeded();
    await save.click();
    await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
  }

  // 种草 tab updates live (no reload) with both items, their influencers and links back to the posts.
  const rows = popup.getByTestId('planted-list').locator('li');
  await expect(rows).toHaveCount(2);
  for (const p of [a, b]) {
    const row = popup.locator(`li[data-item-id="${p.itemId}"]`);
    await expect(row.getByRole('link', { name: new RegExp(p.authorName) })).toHaveAttribute(
      'href',
      `https://weibo.com/${p.authorId}/${p.postId}`,
    );
    await expect(row.getByText('已种草')).toBeVisible();
  }
  // Newest first: b was saved last.
  await expect(rows.first()).toHaveAttribute('data-item-id', b.itemId);

  // Buy a's item from the popup through the feed's quick-buy sheet.
  const rowA = popup.locator(`li[data-item-id="${a.itemId}"]`);
  await rowA.getByRole('button', { name: /立即购买/ }).click();
  const sheet = popup.getByRole('dialog');
  await expect(sheet).toBeVisible();
  await popup.screenshot({ path: 'screenshots/popup-buy-zh-light.png' });
  // 确认下单 is ignored in the sheet's first half second.
  await popup.waitForTimeout(600);
  await sheet
    .getByRole('button', { name: /确认|下单|支付/ })
    .first()
    .click();
  await expect(sheet.getByRole('status')).toBeVisible();
  const orderNo = (await sheet.locator('.zc-order-no').textContent())?.trim() ?? '';
  expect(orderNo).not.toBe('');
  await sheet
    .getByRole('button', { name: /完成|好的|Done/ })
    .first()
    .click();
  await expect(sheet).toBeHidden();
  await popup.screenshot({ path: 'screenshots/popup-zhongcao-zh-light.png' });

  // 拔草 tab: the order, attributed to a's post and influencer.
  await popup.getByRole('tab', { name: '拔草' }).click();
  const order = popup.getByTestId('orders-list').locator('li');
  await expect(order).toHaveCount(1);
  await expect(order).toContainText(orderNo);
  await expect(order.getByRole('link', { name: new RegExp(a.authorName) })).toHaveAttribute(
    'href',
    `https://weibo.com/${a.authorId}/${a.postId}`,
  );
  await popup.screenshot({ path: 'screenshots/popup-baocao-zh-light.png' });

  // 概览: funnel picture with one purchase.
  await popup.getByRole('tab', { name: '概览' }).click();
  await expect(popup.getByRole('img', { name: /购买 1/ })).toBeVisible();
  await popup.screenshot({ path: 'screenshots/popup-overview-zh-light.png' });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.screenshot({ path: 'screenshots/popup-overview-zh-dark.png' });
  await popup.getByRole('tab', { name: '种草' }).click();
  await expect(rows).toHaveCount(2);
  await popup.screenshot({ path: 'screenshots/popup-zhongcao-zh-dark.png' });
  await popup.emulateMedia({ colorScheme: 'light' });

  // Unsave b from the popup: gone from the list and from the background's saved ids (what the feed reads).
  await popup
    .locator(`li[data-item-id="${b.itemId}"]`)
    .getByRole('button', { name: /从种草清单移除/ })
    .click();
  await expect(rows).toHaveCount(1);
  const saved = await send<{ itemIds: string[] }>(popup, 'getSavedIds', undefined);
  expect(saved.itemIds).toEqual([a.itemId]);
  // …and the feed's card for b turns back to 种草 without a reload.
  await expect
    .poll(() => cards.host({ postId: b.postId }).locator('[data-zc-click=save]').first().getAttribute('aria-pressed'))
    .toBe('false');

  // Mute a's author from the popup settings; the feed drops the cards on a's posts.
  await popup.getByRole('button', { name: '设置' }).click();
  await popup.getByRole('button', { name: new RegExp(`屏蔽 ${a.authorName}`) }).click();
  await expect(popup.getByTestId('muted-list')).toContainText(a.authorName);
  await popup.screenshot({ path: 'screenshots/popup-settings-zh-light.png' });
  await expect
    .poll(
      () =>
        page.evaluate(
          (uid) =>
            [...document.querySelectorAll('article')].filter(
              (art) =>
                art.querySelector(`header a[usercard="${uid}"]`) &&
                [...art.querySelectorAll('zhongcao-cards')].some((h) => (h as HTMLElement).offsetHeight > 0),
            ).length,
          a.authorId,
        ),
      { timeout: 10_000 },
    )
    .toBe(0);

  // Language: every string switches live.
  await popup.getByRole('button', { name: 'English' }).click();
  await expect(popup.getByRole('tab', { name: 'Saved' })).toBeVisible();
  await expect(popup.getByRole('tab', { name: 'Orders' })).toBeVisible();
  await expect(popup.getByRole('tab', { name: 'Overview' })).toBeVisible();
  await expect(popup.getByText('Muted influencers')).toBeVisible();
  await popup.screenshot({ path: 'screenshots/popup-settings-en-light.png' });
  await popup.getByRole('tab', { name: 'Saved' }).click();
  await expect(popup.getByRole('button', { name: /Buy now/ })).toBeVisible();
  await popup.screenshot({ path: 'screenshots/popup-zhongcao-en-light.png' });
  await popup.getByRole('tab', { name: 'Orders' }).click();
  await expect(popup.getByText(`${a.authorName}'s post`)).toBeVisible();
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.screenshot({ path: 'screenshots/popup-baocao-en-dark.png' });
  await popup.getByRole('tab', { name: 'Overview' }).click();
  await popup.screenshot({ path: 'screenshots/popup-overview-en-dark.png' });
});

test('an item only clicked on the feed names its influencer in the popup (种草, 概览) and the studio, not a bare uid', async ({
  context,
  page,
  extensionId,
}) => {
  const [a] = await browseFeed(page);
  if (!a) throw new Error('need a post');
  // 立即购买 on the card, then Escape: a click-through and nothing else (no save or order keeps the name).
  const host = (await closedCards(page)).host({ postId: a.postId });
  const buy = host.locator('[data-zc-click=buy]').first();
  await buy.scrollIntoViewIfNeeded();
  await buy.click();
  await expect.poll(() => host.getByRole('dialog').isVisible()).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => host.getByRole('dialog').count()).toBe(0);

  const popup = await openPopup(context, extensionId);
  const row = popup.locator(`li[data-item-id="${a.itemId}"]`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row.getByRole('link', { name: new RegExp(a.authorName) })).toHaveAttribute(
    'href',
    `https://weibo.com/${a.authorId}/${a.postId}`,
  );
  await expect(row).not.toContainText(`@${a.authorId}`);
  await popup.screenshot({ path: 'screenshots/popup-clicked-zh-light.png' });

  await popup.getByRole('tab', { name: '概览' }).click();
  await expect(popup.getByRole('img', { name: new RegExp(`${a.authorName} 1`) })).toBeVisible();
  await expect(popup.getByText(`@${a.authorId}`)).toHaveCount(0);

  // The studio's author picker names them too.
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(dash.getByRole('combobox', { name: '作者' }).locator(`option[value="${a.authorId}"]`)).toHaveText(
    `${a.authorName}（${a.authorId}）`,
  );
});
