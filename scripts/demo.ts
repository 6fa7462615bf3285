/**
 * `npm run demo`: build the extension and the demo feed, then open Chromium with the extension on the demo feed
 * (served as https://weibo.com/). `npm run demo -- --headless` writes screenshots instead and prints where.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { extensionIdOf, getServiceWorker, launchBrowser } from './browser';

const headless = process.argv.includes('--headless');
const skipBuild = process.argv.includes('--no-build');
const outDir = path.resolve(import.meta.dirname, '../screenshots');

function run(cmd: string) {
  console.log(`› ${cmd}`);
  execSync(cmd, { stdio: 'inherit', cwd: path.resolve(import.meta.dirname, '..') });
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
  const shots: string[] = [];
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
  const mobile = await context.newPage();
  await mobile.setViewportSize({ width: 390, height: 844 });
  await mobile.goto('https://m.weibo.cn/');
  await mobile.waitForTimeout(1500);
  await shot(mobile, '03-mobile-feed');
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.waitForTimeout(800);
  await shot(popup, '04-popup');
  const dashboard = await context.newPage();
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await dashboard.waitForTimeout(800);
  await shot(dashboard, '05-dashboard', { fullPage: true });
  await context.close();
  console.log(`Screenshots written to ${outDir}:`);
  for (const s of shots) console.log(`  ${s}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
