import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSION_PATH, expect, test } from './fixtures';

/**
 * The creator studio on the dashboard: draft preview (same `<zhongcao-cards>` host and card components as the feed)
 * and the author's conversion report.
 */
interface Item {
  item_id: string;
  short_title: string;
  tpwd: string;
}
const items: Item[] = JSON.parse(fs.readFileSync(path.join(EXTENSION_PATH, 'catalogue/items.json'), 'utf8'));
const SHOTS = path.resolve(import.meta.dirname, '../../screenshots');
fs.mkdirSync(SHOTS, { recursive: true });

async function openDashboard(page: Page, extensionId: string) {
  await page.setViewportSize({ width: 1360, height: 1000 });
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(page.getByRole('heading', { name: '创作者工作室' })).toBeVisible();
}

function draftBox(page: Page) {
  return page.getByRole('textbox', { name: /草稿/ });
}

test.describe('creator studio: draft preview', () => {
  test('a draft with an item link shows that item in feed cards at both widths', async ({ page, extensionId }) => {
    const item = items[5] as Item;
    await openDashboard(page, extensionId);
    await draftBox(page).fill(`闭眼入！链接放这了 https://item.taobao.com/item.htm?id=${item.item_id}`);
    await page.getByRole('radio', { name: '金V' }).check();
    const hosts = page.locator(`zhongcao-cards[data-post-id="draft"][data-item-ids="${item.item_id}"]`);
    await expect(hosts).toHaveCount(2);
    await expect(page.getByTestId('verdict')).toContainText('已识别为种草博文');
    await expect(page.getByText('作者为金V红人')).toBeVisible();
    // The cards live in the host's open shadow root, with the feed's own components.
    const mobile = hosts.first();
    await expect(mobile.getByText(item.short_title).first()).toBeVisible();
    await expect(mobile.getByRole('button', { name: '立即购买' })).toBeVisible();
    expect(await mobile.evaluate((h) => h.shadowRoot?.adoptedStyleSheets.length ?? 0)).toBeGreaterThan(0);
    const widths = await page.locator('article.st-post').evaluateAll((els) => els.map((e) => e.clientWidth + 2));
    expect(widths).toEqual([375, 600]);
    await page.screenshot({ path: path.join(SHOTS, 'studio-link-zh-light.png'), fullPage: true });

    // Buying in the preview places no order.
    await mobile.getByRole('button', { name: '立即购买' }).click();
    await expect(mobile.getByText('预览', { exact: true })).toBeVisible();
    await mobile.getByRole('button', { name: '确认下单' }).click();
    await expect(mobile.getByText('订单未提交')).toBeVisible();
    const orders = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('zhongcao');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const c = req.result.transaction('orders').objectStore('orders').count();
            c.onsuccess = () => resolve(c.result);
          };
        }),
    );
    expect(orders).toBe(0);
  });

  test('a draft with a 淘口令 shows that item', async ({ page, extensionId }) => {
    const item = items[42] as Item;
    await openDashboard(page, extensionId);
    await draftBox(page).fill(`复制这段 ￥${item.tpwd}￥ 打开手机淘宝`);
    await expect(page.locator(`zhongcao-cards[data-item-ids="${item.item_id}"]`)).toHaveCount(2);
    await expect(page.getByText(`含淘口令 ￥${item.tpwd}￥`)).toBeVisible();
    await expect(page.locator('.st-items [data-item-id]')).toHaveText([new RegExp(item.short_title)]);
  });

  test('a plain text draft is not detected and lists the missing signals', async ({ page, extensionId }) => {
    await openDashboard(page, extensionId);
    await draftBox(page).fill('今天天气真好，和朋友去公园散步。');
    await expect(page.getByTestId('verdict')).toContainText('未识别');
    for (const s of ['加上商品链接或淘口令', '写上品牌和完整商品名', '认证账号']) {
      await expect(page.locator('.st-suggestions')).toContainText(s);
    }
    await expect(page.getByText('不会展示商品卡片', { exact: true })).toBeVisible();
    await expect(page.locator('zhongcao-cards[data-item-ids]:visible')).toHaveCount(0);
    await page.screenshot({ path: path.join(SHOTS, 'studio-plain-zh-light.png'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('verdict')).toContainText('Not detected');
    await expect(page.locator('.st-suggestions')).toContainText('Add the item link or a 淘口令');
  });

  test('dark theme renders the page and the preview cards dark', async ({ page, extensionId }) => {
    const item = items[5] as Item;
    await openDashboard(page, extensionId);
    await page.getByRole('combobox').first().selectOption('dark');
    await draftBox(page).fill(`https://item.taobao.com/item.htm?id=${item.item_id} 还有 ￥${(items[42] as Item).tpwd}￥ 种草`);
    await expect(page.locator('zhongcao-cards').first()).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: path.join(SHOTS, 'studio-carousel-zh-dark.png'), fullPage: true });
  });
});
