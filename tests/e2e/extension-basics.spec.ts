import { expect, test, waitForContentScript } from './fixtures';

test.describe('the production build in Chromium', () => {
  test('the content script runs on the demo feed served as weibo.com', async ({ page, pageErrors }) => {
    await page.goto('https://weibo.com/');
    await expect(page.locator('article').first()).toBeVisible();
    await waitForContentScript(page);
    expect(pageErrors).toEqual([]);
  });

  test("the page cannot tell the extension is there, nor stop it by replaying WXT's start event", async ({
    page,
    serviceWorker,
  }) => {
    const messages: unknown[] = [];
    await page.exposeFunction('__seenMessage', (m: unknown) => messages.push(m));
    await page.addInitScript(() => {
      window.addEventListener('message', (e) =>
        (window as unknown as { __seenMessage(m: unknown): void }).__seenMessage(e.data),
      );
    });
    await page.goto('https://weibo.com/');
    await waitForContentScript(page);
    await expect(page.locator('zhongcao-cards').first()).toBeAttached({ timeout: 30_000 });
    // No readiness marker on the page, no broadcast at start.
    expect(await page.evaluate(() => [...document.documentElement.attributes].map((a) => a.name))).not.toContain(
      'data-zc-ready',
    );
    expect(JSON.stringify(messages)).not.toMatch(/content-script-started/);
    // The web-accessible files answer only at the per-session dynamic URL, never at the fixed extension id.
    const id = new URL(serviceWorker.url()).host;
    const fixed = await page.evaluate(
      (u) =>
        fetch(u).then(
          (r) => r.status,
          () => 'refused',
        ),
      `chrome-extension://${id}/card-renderer.js`,
    );
    expect(fixed).toBe('refused');
    const pictures = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    for (const p of pictures.filter((u) => u.startsWith('chrome-extension://'))) expect(p).not.toContain(id);
    // Replaying WXT's start event with the real extension id does not stop the content script.
    await page.evaluate((extId) => {
      for (const name of ['feed', 'page-bridge'])
        document.dispatchEvent(
          new CustomEvent(`${extId}:${name}:wxt:content-script-started`, {
            detail: { contentScriptName: name, messageId: 'page' },
          }),
        );
    }, id);
    const ids = () =>
      page.locator('zhongcao-cards').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-post-id')));
    const before = new Set(await ids());
    // Still running: posts further down the feed get their cards.
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 1500);
          return (await ids()).some((id) => !before.has(id));
        },
        { timeout: 30_000 },
      )
      .toBe(true);
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
