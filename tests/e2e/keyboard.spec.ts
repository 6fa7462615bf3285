import type { Page } from '@playwright/test';
import { type ClosedCards, closedCards } from './closed-cards';
import { expect, readStore, test } from './fixtures';

/**
 * Issue 28: a keyboard-only user saves and buys from a card in the feed, then mutes the influencer in the popup's
 * settings; only Tab and Enter, no pointer, and the focused control always shows its focus ring.
 */

/**
 * The focused element, looking through shadow roots: on the feed from the content script's world, where the cards'
 * closed roots open (`zcShadowOf`); on the popup from the page itself.
 */
function focused(page: Page, cards?: ClosedCards) {
  const probe = () => {
    const rootOf = (e: Element) => (globalThis.zcShadowOf ? globalThis.zcShadowOf(e) : e.shadowRoot);
    let a: Element | null = document.activeElement;
    while (a && rootOf(a)?.activeElement) a = rootOf(a)?.activeElement ?? null;
    const style = a ? getComputedStyle(a) : null;
    return {
      click: a?.getAttribute('data-zc-click') ?? null,
      label: a?.getAttribute('aria-label') ?? '',
      text: (a?.textContent ?? '').trim(),
      // A visible focus ring: an outline drawn at least a pixel wide.
      ring: !!style && style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1,
    };
  };
  return cards ? cards.inContentWorld(probe) : page.evaluate(probe);
}

/** Presses Tab until `wanted` holds for the focused element, which must show its focus ring; fails after `max`. */
async function tabTo(
  page: Page,
  wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  max = 40,
  cards?: ClosedCards,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page, cards);
    if (!wanted(f)) continue;
    expect(f.ring, `focus ring on ${f.label || f.text}`).toBe(true);
    return;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page, cards))})`);
}

test('keyboard only: save and buy from a card, then mute its influencer in the popup', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto('https://weibo.com/');
  const cards = await closedCards(page);
  const postId = (await cards.waitFor({}, 30_000)).postId ?? '';
  const host = cards.host({ postId });
  const article = page.locator(`article:has(zhongcao-cards[data-post-id="${postId}"])`);
  const author = (await article.locator('header a[usercard] span[title]').first().getAttribute('title')) ?? '';
  await host.evaluateHost((h) => {
    h.scrollIntoView({ block: 'start' });
    scrollBy(0, -70);
  });

  // From the post's permalink, just above the card.
  await article.locator('a[class*="_time_"]').first().focus();
  await tabTo(page, (f) => f.click === 'save', 40, cards);
  await page.keyboard.press('Enter');
  await expect.poll(() => host.locator('[data-zc-click=save]').first().getAttribute('aria-pressed')).toBe('true');

  await tabTo(page, (f) => f.click === 'buy', 40, cards);
  await page.keyboard.press('Enter');
  const sheet = host.getByRole('dialog');
  await expect.poll(() => sheet.isVisible()).toBe(true);
  await tabTo(page, (f) => f.text === '确认下单', 60, cards);
  // 确认下单 is ignored in the sheet's first half second.
  await page.waitForTimeout(600);
  await page.keyboard.press('Enter');
  await expect.poll(() => sheet.getByRole('heading', { name: '下单成功' }).isVisible()).toBe(true);

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
  await expect(page.locator(`zhongcao-cards[data-post-id="${postId}"]`)).toHaveCount(0);
});
