import type { Page } from '@playwright/test';
import { expect, readStore, test } from './fixtures';

/**
 * Issue 28: a keyboard-only user saves and buys from a card in the feed, then mutes the influencer in the popup's
 * settings; only Tab and Enter, no pointer, and the focused control always shows its focus ring.
 */

/** The focused element, looking through open shadow roots. */
function focused(page: Page) {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const style = a ? getComputedStyle(a) : null;
    return {
      click: a?.getAttribute('data-zc-click') ?? null,
      label: a?.getAttribute('aria-label') ?? '',
      text: (a?.textContent ?? '').trim(),
      // A visible focus ring: an outline drawn at least a pixel wide.
      ring: !!style && style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1,
    };
  });
}

/** Presses Tab until `wanted` holds for the focused element, which must show its focus ring; fails after `max`. */
async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!wanted(f)) continue;
    expect(f.ring, `focus ring on ${f.label || f.text}`).toBe(true);
    return;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page))})`);
}

test('keyboard only: save and buy from a card, then mute its influencer in the popup', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto('https://weibo.com/');
  const first = page.locator('zhongcao-cards[data-item-ids]').first();
  await expect(first).toBeAttached({ timeout: 30_000 });
  const postId = (await first.getAttribute('data-post-id')) ?? '';
  const host = page.locator(`zhongcao-cards[data-post-id="${postId}"]`);
  const article = page.locator(`article:has(zhongcao-cards[data-post-id="${postId}"])`);
  const author = (await article.locator('header a[usercard] span[title]').first().getAttribute('title')) ?? '';
  await host.evaluate((h) => {
    h.scrollIntoView({ block: 'start' });
    scrollBy(0, -70);
  });

  // From the post's permalink, just above the card.
  await article.locator('a[class*="_time_"]').first().focus();
  await tabTo(page, (f) => f.click === 'save');
  await page.keyboard.press('Enter');
  await expect(host.getByRole('button', { name: '已种草' }).first()).toBeVisible();

  await tabTo(page, (f) => f.click === 'buy');
  await page.keyboard.press('Enter');
  const sheet = host.getByRole('dialog');
  await expect(sheet).toBeVisible();
  await tabTo(page, (f) => f.text === '确认下单', 60);
  await page.keyboard.press('Enter');
  await expect(sheet.getByRole('heading', { name: '下单成功' })).toBeVisible();

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  expect(await readStore(popup, 'saves')).toHaveLength(1);
  expect(await readStore(popup, 'orders')).toHaveLength(1);
  await expect(popup.getByRole('tab', { name: /拔草\s*1/ })).toBeVisible();
  await tabTo(popup, (f) => f.label === '设置');
  await popup.keyboard.press('Enter');
  await tabTo(popup, (f) => f.label.startsWith('屏蔽') && f.label.includes(author));
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('button', { name: `取消屏蔽 ${author}` })).toBeVisible();

  // The feed drops the muted influencer's card.
  await page.bringToFront();
  await expect(host).toHaveCount(0);
});
