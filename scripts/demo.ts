/**
 * `npm run demo`: build the extension and the demo feed, then open Chromium with the extension on the demo feed
 * (served as https://weibo.com/). `npm run demo -- --headless` writes screenshots instead and prints where.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { closedCards } from '../tests/e2e/closed-cards';
import { extensionIdOf, getServiceWorker, launchBrowser } from './browser';

const headless = process.argv.includes('--headless');
const skipBuild = process.argv.includes('--no-build');
const outDir = path.resolve(import.meta.dirname, '../screenshots');

function run(cmd: string) {
  console.log(`› ${cmd}`);
  execSync(cmd, { stdio: 'inherit', cwd: path.resolve(import.meta.dirname, '..') });
}

const shots: string[] = [];

/** Polls `check` until it holds (10 s at most). */
async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function shotOf(target: Locator, name: string) {
  const file = path.join(outDir, `${name}.png`);
  await target.screenshot({ path: file, animations: 'disabled' });
  shots.push(file);
}

/**
 * The card with a little of its post above and the action bar below, clipped from the viewport: an element
 * screenshot of a whole article would run under the site's sticky top bar.
 */
async function shotAround(page: Page, host: Locator, name: string) {
  const vp = page.viewportSize();
  let box: Awaited<ReturnType<Locator['boundingBox']>> = null;
  // The recycling feed may redraw the post elsewhere while it settles after the scroll: centre again until it stays.
  for (let attempt = 0; attempt < 3; attempt++) {
    await host.evaluate((h) => h.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(400);
    box = await host.boundingBox();
    if (!box || !vp || (box.y >= 0 && box.y + box.height <= vp.height)) break;
  }
  if (!box || !vp) return;
  const top = Math.max(0, box.y - 120);
  const bottom = Math.min(vp.height, box.y + box.height + 64);
  const left = Math.max(0, box.x - 16);
  const right = Math.min(vp.width, box.x + box.width + 16);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({
    path: file,
    animations: 'disabled',
    clip: { x: left, y: top, width: right - left, height: bottom - top },
  });
  shots.push(file);
}

/** Scrolls the feed (wheel steps, as a person would) until `selector` is on the page. */
async function scrollUntil(page: Page, selector: string, maxSteps = 80): Promise<Locator | null> {
  for (let i = 0; i < maxSteps; i++) {
    const hit = page.locator(selector).first();
    if (await hit.count()) return hit;
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(120);
  }
  return null;
}

// weibo.com's dark theme is a class on <body>; the demo feed has no dark styles, so paint a few of Weibo's own
// dark-theme colours for the screenshot, enough to judge the card against a dark feed.
const DEMO_DARK_CSS = `
body.woo-theme-dark, body.woo-theme-dark main, body.woo-theme-dark #app { background: #121212 !important; color: #d6d6d6 !important; }
body.woo-theme-dark article { background: #1e1e1e !important; color: #d6d6d6 !important; }
body.woo-theme-dark article * { color: inherit; border-color: #333 !important; }
body.woo-theme-dark footer { background: #1e1e1e !important; }
`;

/** Issue 4's card screenshots: single card light and dark, a carousel, and the quick-buy sheet. */
async function cardShots(page: Page) {
  const single = await scrollUntil(page, 'zhongcao-cards:not([data-item-ids*=" "])');
  if (single) {
    const postId = (await single.getAttribute('data-post-id')) ?? '';
    const host = page.locator(`zhongcao-cards[data-post-id="${postId}"]`);
    await shotAround(page, host, 'card-light');
    await page.addStyleTag({ content: DEMO_DARK_CSS });
    await page.evaluate(() => document.body.classList.add('woo-theme-dark'));
    await shotAround(page, host, 'card-dark');
    await page.evaluate(() => document.body.classList.remove('woo-theme-dark'));
    await host.evaluate((h) => {
      h.scrollIntoView({ block: 'start' });
      scrollBy(0, -70);
    });
    const card = (await closedCards(page)).host({ postId });
    await card.button('立即购买').first().click();
    await waitUntil(() => card.getByRole('dialog').isVisible());
    await page.waitForTimeout(300);
    await shotOf(host, 'quick-buy-sheet');
    await page.keyboard.press('Escape');
  }
  const carousel = await scrollUntil(page, 'zhongcao-cards[data-item-ids*=" "]');
  if (carousel) {
    const postId = (await carousel.getAttribute('data-post-id')) ?? '';
    const host = page.locator(`zhongcao-cards[data-post-id="${postId}"]`);
    await shotAround(page, host, 'card-carousel');
  }
}

const storeDir = path.resolve(import.meta.dirname, '../docs/store');
const STORE = { width: 1280, height: 800 };

/** A store screenshot of an extension page shown at its own size (the popup), framed with a caption at 1280×800. */
async function framed(page: Page, shot: Buffer, caption: string, file: string) {
  await page.setContent(`<!doctype html><html lang="zh-CN"><body style="margin:0;width:1280px;height:800px;display:flex;
    align-items:center;justify-content:center;gap:64px;background:linear-gradient(135deg,#e9f6ec,#fff4e6);
    font-family:'Noto Sans CJK SC',sans-serif"><p style="font-size:40px;font-weight:700;color:#14532d;max-width:520px;
    line-height:1.4;margin:0">${caption}</p><img alt="" style="border-radius:12px;box-shadow:0 8px 32px #0003"
    src="data:image/png;base64,${shot.toString('base64')}"></body></html>`);
  await page.screenshot({ path: file });
  shots.push(file);
}

/**
 * The store listing's screenshots, 1280×800 as both stores ask: the card in the feed, buying in place, the popup
 * with what was saved and bought, and the influencer studio. Written to docs/store/.
 */
async function storeShots(context: Awaited<ReturnType<typeof launchBrowser>>, extensionId: string) {
  fs.mkdirSync(storeDir, { recursive: true });
  const file = (name: string) => path.join(storeDir, `${name}.png`);
  const feed = await context.newPage();
  await feed.setViewportSize(STORE);
  await feed.goto('https://weibo.com/');
  const first = await scrollUntil(feed, 'zhongcao-cards:not([data-item-ids*=" "])');
  if (!first) throw new Error('no card on the demo feed for the store screenshots');
  const host = feed.locator(`zhongcao-cards[data-post-id="${await first.getAttribute('data-post-id')}"]`);
  // The card at the bottom of the view, its post above it.
  await host.evaluate((h) => {
    h.scrollIntoView({ block: 'end' });
    scrollBy(0, 90);
  });
  await feed.waitForTimeout(800);
  await feed.screenshot({ path: file('1-feed-card'), animations: 'disabled' });
  shots.push(file('1-feed-card'));
  // Save it and buy it with real clicks, so the popup has something to show.
  const card = (await closedCards(feed)).host({ postId: (await host.getAttribute('data-post-id')) ?? '' });
  await card.button('种草').first().click();
  await card.button('立即购买').first().click();
  await waitUntil(() => card.getByRole('dialog').isVisible());
  await card.getByRole('dialog').evaluate((d) => d.scrollIntoView({ block: 'center' }));
  await feed.waitForTimeout(600);
  await feed.screenshot({ path: file('2-quick-buy'), animations: 'disabled' });
  shots.push(file('2-quick-buy'));
  await card.button('确认下单').click();
  await waitUntil(() => card.getByRole('heading', { name: '下单成功' }).isVisible());

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.waitForTimeout(1000);
  const popupShot = await popup.screenshot();
  await popup.setViewportSize(STORE);
  await framed(popup, popupShot, '种草的商品、拔草的订单，<br>都只存在你的浏览器里', file('3-popup'));

  const studio = await context.newPage();
  await studio.setViewportSize(STORE);
  await studio.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const item = (await host.getAttribute('data-item-ids'))?.split(' ')[0] ?? '';
  await studio
    .getByRole('textbox', { name: /草稿/ })
    .fill(`新到的好物，闭眼入！链接放这了 https://item.taobao.com/item.htm?id=${item}`);
  await studio.waitForTimeout(800);
  await studio.screenshot({ path: file('4-studio') });
  shots.push(file('4-studio'));
  await Promise.all([feed.close(), popup.close(), studio.close()]);
}

async function main() {
  if (!skipBuild) {
    run('npx wxt build');
    run('npx tsx demo/build.ts');
  }
  if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('No display found (DISPLAY is unset). Run `npm run demo -- --headless` for screenshots instead.');
    process.exit(1);
  }
  const context = await launchBrowser({ extension: true, headless, viewport: headless ? undefined : null });
  const worker = await getServiceWorker(context);
  const extensionId = extensionIdOf(worker);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('https://weibo.com/');
  if (!headless) {
    console.log('Chromium is open on the demo feed (https://weibo.com/, served locally). Close the window to quit.');
    await new Promise<void>((resolve) => context.on('close', () => resolve()));
    return;
  }
  fs.mkdirSync(outDir, { recursive: true });
  const shot = async (p: typeof page, name: string, opts: { fullPage?: boolean } = {}) => {
    const file = path.join(outDir, `${name}.png`);
    await p.screenshot({ path: file, ...opts });
    shots.push(file);
  };
  await page.locator('article').first().waitFor();
  await page.waitForTimeout(1500);
  await shot(page, '01-feed');
  // Scroll to the first product card so the screenshot shows the overlay in the feed.
  const host = page.locator('zhongcao-cards').first();
  if (await host.count()) {
    await host.scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(800);
    await shot(page, '02-feed-card');
  }
  await cardShots(page);
  const mobile = await context.newPage();
  await mobile.setViewportSize({ width: 390, height: 844 });
  await mobile.goto('https://m.weibo.cn/');
  await mobile.waitForTimeout(1500);
  await shot(mobile, '03-mobile-feed');
  const mobileHost = mobile.locator('zhongcao-cards').first();
  if (await mobileHost.count()) {
    await shotAround(mobile, mobileHost, 'card-mobile-390');
  }
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.waitForTimeout(800);
  await shot(popup, '04-popup');
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await dashboard.waitForTimeout(800);
  await shot(dashboard, '05-dashboard', { fullPage: true });
  await storeShots(context, extensionId);
  await context.close();
  console.log(`Screenshots written to ${outDir}:`);
  for (const s of shots) console.log(`  ${s}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
