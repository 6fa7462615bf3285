import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION_PATH, expect, extensionIdOf, getServiceWorker, launchBrowser, test } from './fixtures';

/**
 * Issue 28: the extensions page shows the icon and the name and description from the manifest's _locales, on a
 * light and a dark page. Debian's Chromium without `chromium-l10n` runs its own UI in English whatever `--lang` says,
 * so the page is checked in English; the Chinese default is checked in the build's _locales.
 */
const SHOTS = path.resolve(import.meta.dirname, '../../screenshots');

test('the build carries the name, description and action title in Chinese (default) and English', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
  expect(manifest).toMatchObject({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    action: { default_title: '__MSG_actionTitle__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
  });
  const messages = (lang: string) =>
    JSON.parse(fs.readFileSync(path.join(EXTENSION_PATH, '_locales', lang, 'messages.json'), 'utf8'));
  expect(messages('zh_CN').extName.message).toBe('种草 Zhongcao');
  expect(messages('en').extName.message).toBe('Zhongcao 种草 — shop Weibo guide posts');
  for (const size of [16, 32, 48, 128]) expect(fs.existsSync(path.join(EXTENSION_PATH, `icon/${size}.png`))).toBe(true);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`chrome://extensions shows the icon, the English name and description (${scheme})`, async () => {
    const context = await launchBrowser({ extension: true, lang: 'en-US', locale: 'en-US', colorScheme: scheme });
    try {
      const id = extensionIdOf(await getServiceWorker(context));
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setViewportSize({ width: 800, height: 360 });
      await page.goto('chrome://extensions/');
      const item = page.locator(`extensions-item#${id}`);
      await expect(item.getByText('Zhongcao 种草 — shop Weibo guide posts', { exact: true })).toBeVisible();
      await expect(item.getByText("Shop influencers' guide posts", { exact: false })).toBeVisible();
      await expect(item.locator('img#icon')).toHaveAttribute('src', /^data:image\/png;base64,/);
      await page.screenshot({ path: path.join(SHOTS, `extensions-page-${scheme}.png`) });
    } finally {
      await context.close();
    }
  });
}
