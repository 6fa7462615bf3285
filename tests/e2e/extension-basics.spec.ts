import { expect, test } from './fixtures';

test.describe('the production build in Chromium', () => {
  test('the content script runs on the demo feed served as weibo.com', async ({ page, pageErrors }) => {
    await page.goto('https://weibo.com/');
    await expect(page.locator('article').first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-zc-ready', '1');
    expect(pageErrors).toEqual([]);
  });

  test('the service worker answers a message from an extension page', async ({ context, extensionId }) => {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const reply = await popup.evaluate(() =>
      chrome.runtime.sendMessage({ id: 1, type: 'ping', data: undefined, timestamp: Date.now() }),
    );
    expect(reply).toMatchObject({ res: { pong: true, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) } });
  });

  test('the popup and the dashboard open and show their titles', async ({ context, extensionId }) => {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup).toHaveTitle(/种草 Zhongcao/);
    await expect(popup.locator('#root')).not.toBeEmpty();
    const dashboard = await context.newPage();
    await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
    await expect(dashboard).toHaveTitle(/种草 Zhongcao/);
    await expect(dashboard.locator('#root')).not.toBeEmpty();
  });

  test('the manifest asks for no permission beyond storage and Weibo hosts', async ({ serviceWorker }) => {
    const manifest = await serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.permissions ?? []).toEqual(['storage']);
    const hosts = new Set([
      ...(manifest.host_permissions ?? []),
      ...(manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []),
    ]);
    for (const h of hosts)
      expect(['https://weibo.com/*', 'https://www.weibo.com/*', 'https://m.weibo.cn/*']).toContain(h);
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });
});
