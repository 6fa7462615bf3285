import { expect, readStore, test, waitForContentScript } from './fixtures';

/**
 * The detection threshold lives where pages cannot write it (issue 27): the popup sets it through the worker, which
 * tells the feed tabs to analyse again; the old storage.local key is ignored.
 */
test('the threshold set in the popup reaches an open feed through the worker; storage.local does not', async ({
  context,
  page,
  extensionId,
  serviceWorker,
}) => {
  await page.goto('https://weibo.com/');
  await waitForContentScript(page);
  const hosts = page.locator('zhongcao-cards');
  await expect(hosts.first()).toBeAttached({ timeout: 30_000 });
  // Every analysis request the worker receives from now on, counted beside its own listeners.
  const asked = async () => serviceWorker.evaluate(() => (globalThis as unknown as { __asked: number }).__asked);
  await serviceWorker.evaluate(() => {
    const g = globalThis as unknown as { __asked: number };
    g.__asked = 0;
    chrome.runtime.onMessage.addListener((m: { type?: string }) => {
      if (m?.type === 'analysePosts' || m?.type === 'analyseFeedJson') g.__asked++;
    });
  });
  // Quiet first: the feed has asked about everything on screen.
  let last = -1;
  await expect
    .poll(async () => {
      const now = await asked();
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);

  // Content scripts can write storage.local: the old key changes nothing any more.
  await serviceWorker.evaluate(() => chrome.storage.local.set({ detectThreshold: 6 }));
  await page.waitForTimeout(1_500);
  expect(await asked(), 'the feed analysed again on a storage.local write').toBe(last);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('button', { name: '设置' }).click();
  const slider = popup.getByLabel('识别灵敏度');
  await expect(slider).toHaveValue('3');
  const quiet = await asked();
  await slider.fill('6');
  await expect(popup.getByText('当前阈值 6')).toBeVisible();
  const meta = await readStore<{ key: string; value: unknown }>(serviceWorker, 'meta', {
    field: 'key',
    value: 'setting:detectThreshold',
  });
  expect(meta.map((r) => r.value)).toEqual([6]);

  // The open feed asks again about the posts it shows, without a reload: the worker told it.
  await expect.poll(asked).toBeGreaterThan(quiet);
  await expect(hosts.first()).toBeAttached();
});
