import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { CatalogueItem } from '../../utils/catalogue/schema';
import { quoteOrder } from '../../utils/orders/quote';
import { EXTENSION_PATH, expect, test } from './fixtures';

/**
 * Issue 28: axe-core audits of every screen a user reaches (the popup's tabs and settings, the dashboard's sections,
 * the card and its quick-buy sheet as the studio draws them in open shadow roots, the welcome page), in light and
 * dark. No serious or critical violation is allowed; the rest are printed.
 */
const items: CatalogueItem[] = JSON.parse(fs.readFileSync(path.join(EXTENSION_PATH, 'catalogue/items.json'), 'utf8'));

async function audit(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const report = violations.map(
    (v) => `${what}: [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
  );
  if (report.length > 0) console.log(report.join('\n'));
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    blocking.map((v) => `${v.id} (${v.nodes.length}): ${v.help}`),
    what,
  ).toEqual([]);
}

/** Sends a protocol message from an extension page, in @webext-core/messaging's wire format. */
function send(page: Page, type: string, data: unknown) {
  return page.evaluate(
    async ({ type, data }) => chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }),
    { type, data },
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test('the popup: every tab and the settings', async ({ context, extensionId }) => {
      const popup = await context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 380, height: 600 });
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      // Something to list: a saved item and an order.
      const [a, b] = items as [CatalogueItem, CatalogueItem];
      const ref = { postId: null, authorId: null, authorName: null };
      const saved = await send(popup, 'saveItem', { itemId: a.item_id, ...ref });
      expect(saved).toMatchObject({ res: { ok: true } });
      const sku = b.skus.find((s) => s.stock > 0) as CatalogueItem['skus'][number];
      const { totalFen } = quoteOrder(b, sku.sku_id, 1, Date.now());
      const order = { itemId: b.item_id, skuId: sku.sku_id, quantity: 1, expectedTotalFen: totalFen, ...ref };
      expect(await send(popup, 'placeOrder', order)).toMatchObject({ res: { ok: true } });
      await popup.reload();
      for (const tab of ['种草', '拔草', '概览']) {
        await popup.getByRole('tab', { name: new RegExp(tab) }).click();
        await expect(popup.getByRole('tab', { name: new RegExp(tab) })).toHaveAttribute('aria-selected', 'true');
        await popup.waitForTimeout(300);
        await audit(popup, `popup ${tab} (${scheme})`);
      }
      await popup.getByRole('button', { name: '设置' }).click();
      await expect(popup.getByText('在微博信息流中显示商品卡片')).toBeVisible();
      await audit(popup, `popup settings (${scheme})`);
    });

    test('the dashboard: every section', async ({ page, extensionId }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1360, height: 1000 });
      for (const section of ['', '#data', '#research']) {
        await page.goto(`chrome-extension://${extensionId}/dashboard.html${section}`);
        await expect(page.locator('#root')).not.toBeEmpty();
        await page.waitForTimeout(500);
        await audit(page, `dashboard ${section || '#studio'} (${scheme})`);
      }
    });

    test('the card and its quick-buy sheet (studio preview)', async ({ page, extensionId }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 1360, height: 1000 });
      await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
      const ids = items.slice(3, 5).map((i) => i.item_id);
      await page
        .getByRole('textbox', { name: /草稿/ })
        .fill(`闭眼入！${ids.map((id) => `https://item.taobao.com/item.htm?id=${id}`).join(' ')}`);
      const host = page.locator('zhongcao-cards[data-post-id="draft"]').first();
      await expect(host.getByRole('button', { name: '立即购买' }).first()).toBeVisible();
      await audit(page, `card (${scheme})`);
      await host.getByRole('button', { name: '为什么推荐？' }).first().click();
      await audit(page, `card with reasons (${scheme})`);
      await host.getByRole('button', { name: '立即购买' }).first().click();
      await expect(host.getByRole('dialog')).toBeVisible();
      await audit(page, `quick-buy sheet (${scheme})`);
      // Reduced motion: the sheet does not rise in and the carousel does not glide.
      const motion = await host.evaluate((h) => {
        const root = h.shadowRoot as ShadowRoot;
        const style = (sel: string) =>
          root.querySelector(sel) ? getComputedStyle(root.querySelector(sel) as Element) : null;
        return { sheet: style('.zc-sheet')?.animationName, track: style('.zc-track')?.scrollBehavior };
      });
      expect(motion).toEqual({ sheet: 'none', track: 'auto' });
    });

    test('the welcome page', async ({ context, extensionId }) => {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`chrome-extension://${extensionId}/welcome.html`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await audit(page, `welcome (${scheme})`);
    });
  });
}
