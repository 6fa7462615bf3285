import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { closedCards } from './closed-cards';
import { countStore, EXTENSION_PATH, expect, readStore, test } from './fixtures';

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
    // 确认下单 is ignored in the sheet's first half second.
    await page.waitForTimeout(600);
    await mobile.getByRole('button', { name: '确认下单' }).click();
    await expect(mobile.getByText('订单未提交')).toBeVisible();
    const orders = await countStore(page, 'orders');
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

    // The data section keeps the research export; the hash remembers the section.
    await page.getByRole('link', { name: 'Data' }).click();
    await expect(page.getByRole('heading', { name: 'Research data' })).toBeVisible();
    await expect(page).toHaveURL(/#data$/);
    await page.screenshot({ path: path.join(SHOTS, 'studio-data-en-light.png'), fullPage: true });
    await page.getByRole('link', { name: 'Creator studio' }).click();
    await expect(page.getByRole('textbox', { name: /草稿/ })).toHaveValue('今天天气真好，和朋友去公园散步。');
  });

  test('dark theme renders the page and the preview cards dark', async ({ page, extensionId }) => {
    const item = items[5] as Item;
    await openDashboard(page, extensionId);
    await page.getByRole('combobox').first().selectOption('dark');
    await draftBox(page).fill(
      `https://item.taobao.com/item.htm?id=${item.item_id} 还有 ￥${(items[42] as Item).tpwd}￥ 种草`,
    );
    await expect(page.locator('zhongcao-cards').first()).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: path.join(SHOTS, 'studio-carousel-zh-dark.png'), fullPage: true });
  });
});

interface OrderLike {
  author_id: string | null;
  post_id: string | null;
  paid_fen: number;
  commission_rate_bp: number;
}

const yuan = (fen: number) =>
  fen % 100 === 0 ? `¥${fen / 100}` : `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * Browse, click and buy on the demo feed. Returns false when the feed's cards have no buy button yet (the feed's
 * card actions are another workstream); the caller then seeds the same events through the background messages.
 */
async function buyOnFeed(page: Page): Promise<boolean> {
  await page.goto('https://weibo.com/');
  const cards = await closedCards(page);
  let postId: string | null;
  try {
    postId = (await cards.waitFor({}, 20_000)).postId;
  } catch {
    return false;
  }
  const card = cards.host({ postId: postId ?? '' });
  await card.evaluateHost((h) => h.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(1800); // the exposure rule: ≥ 50 % in view for ≥ 1 s
  await card.getByRole('button', { name: '立即购买' }).first().click();
  // 确认下单 is ignored in the sheet's first half second.
  await page.waitForTimeout(600);
  await card.getByRole('button', { name: '确认下单' }).click();
  await expect.poll(() => card.getByRole('heading', { name: '下单成功' }).isVisible()).toBe(true);
  await card.getByRole('button', { name: '完成' }).click();
  // Hiding the page flushes the outbox (exposures and clicks are batched).
  await page.goto('about:blank');
  return true;
}

/** The same story through the background's own protocol: page events, then a real placeOrder. */
async function seedThroughMessages(dash: Page, item: Item & { zk_final_price: string }) {
  await dash.evaluate(async (it) => {
    const send = (type: string, data: unknown) =>
      chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type, data, timestamp: Date.now() });
    const base = (type: string, extra: Record<string, unknown>) => ({
      event_id: crypto.randomUUID(),
      schema_version: 1,
      ts: Date.now(),
      tz_offset: -new Date().getTimezoneOffset(),
      page_id: crypto.randomUUID(),
      post_id: 'SeedPost01',
      author_id: '5550001',
      item_id: it.item_id,
      ext_version: chrome.runtime.getManifest().version,
      type,
      ...extra,
    });
    await send('logPageEvents', {
      events: [
        base('exposure', { visible_ms: 1200, max_ratio: 1 }),
        base('exposure', { visible_ms: 1500, max_ratio: 0.8, post_id: 'SeedPost02' }),
        base('click', { target: 'buy' }),
        base('interaction', { action: 'like', item_id: null }),
      ],
    });
    const fen = Math.round(Number(it.zk_final_price) * 100);
    const sku = (it as unknown as { skus: { sku_id: string; stock: number }[] }).skus.find((s) => s.stock > 0);
    const res = await send('placeOrder', {
      itemId: it.item_id,
      skuId: sku?.sku_id,
      quantity: 1,
      expectedTotalFen: fen,
      postId: 'SeedPost01',
      authorId: '5550001',
      authorName: '种草小鹿',
    });
    return res;
  }, item);
}

test('after browsing, clicking and buying, the author report shows the matching counts and amounts', async ({
  context,
  page,
  extensionId,
}) => {
  const viaFeed = await buyOnFeed(page);
  test.info().annotations.push({ type: 'path', description: viaFeed ? 'demo feed' : 'seeded via background messages' });
  const dash = await context.newPage();
  await openDashboard(dash, extensionId);
  if (!viaFeed) await seedThroughMessages(dash, items[5] as Item & { zk_final_price: string });

  // Wait for the writes to land, then compute what the report must say from the stored rows.
  await expect.poll(async () => (await readStore<OrderLike>(dash, 'orders')).length, { timeout: 15_000 }).toBe(1);
  const [order] = await readStore<OrderLike>(dash, 'orders');
  const author = order?.author_id as string;
  expect(author).toBeTruthy();
  const select = dash.getByRole('combobox', { name: '作者' });
  await expect(select.locator(`option[value="${author}"]`)).toHaveCount(1);
  await select.selectOption(author);

  const kpi = (k: string) => dash.locator(`[data-testid="report-total"] [data-kpi="${k}"] dd`);
  await expect(kpi('purchases')).toHaveText('1');
  await expect(kpi('gmv')).toHaveText(yuan(order?.paid_fen ?? -1));
  const commission = Math.floor(((order?.paid_fen ?? 0) * (order?.commission_rate_bp ?? 0) + 5000) / 10000);
  await expect(kpi('commission')).toHaveText(yuan(commission));
  await expect
    .poll(async () => Number(await kpi('clicks').textContent()), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1);
  await expect
    .poll(async () => Number(await kpi('exposures').textContent()), { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1);
  // The counts are the stored events of this author, nothing invented.
  const events = (
    await readStore<{
      type: string;
      author_id: string | null;
      target?: string;
      page_id: string;
      post_id: string;
      item_id: string;
    }>(dash, 'events')
  ).filter((e) => e.author_id === author);
  await expect(kpi('exposures')).toHaveText(String(events.filter((e) => e.type === 'exposure').length));
  // Clicks are click-throughs (card, link, buy, view item), once per page view, post and item.
  const clickThroughs = new Set(
    events
      .filter((e) => e.type === 'click' && ['card', 'link', 'buy', 'view-item'].includes(e.target ?? ''))
      .map((e) => `${e.page_id}/${e.post_id}/${e.item_id}`),
  );
  expect(clickThroughs.size).toBeGreaterThanOrEqual(1);
  await expect(kpi('clicks')).toHaveText(String(clickThroughs.size));
  const row = dash.locator(`[data-testid="report-posts"] tr[data-post-id="${order?.post_id}"]`);
  await expect(row).toHaveCount(1);
  await expect(dash.locator('[data-testid="report-depth"]')).toContainText('样本较少');
  await dash.screenshot({ path: path.join(SHOTS, 'studio-report-zh-light.png'), fullPage: true });

  const download = dash.waitForEvent('download');
  await dash.getByRole('button', { name: '导出 CSV' }).click();
  const file = await (await download).path();
  const csv = fs.readFileSync(file, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('博文,曝光,曝光博文数,点击');
  expect(csv).toContain(`合计,${await kpi('exposures').textContent()},`);
});
