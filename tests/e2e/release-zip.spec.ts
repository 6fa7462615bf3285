import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { closedCards } from './closed-cards';
import { expect, launchBrowser, test } from './fixtures';

/**
 * Issue 28: what the store gets is the zip, so this loads the unpacked Chrome zip (`npm run zip`), not `.output`, and
 * checks that a shopper sees a card on the demo feed.
 */
const root = path.resolve(import.meta.dirname, '../..');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

test('the Chrome release zip, unpacked and loaded, puts product cards on the feed', async () => {
  const zip = path.join(root, '.output', `zhongcao-${version}-chrome.zip`);
  expect(fs.existsSync(zip), `${zip}: run \`npm run zip\` first`).toBe(true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhongcao-zip-'));
  try {
    for (const [name, bytes] of Object.entries(unzipSync(fs.readFileSync(zip)))) {
      if (name.endsWith('/')) continue;
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), bytes);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ version, default_locale: 'zh_CN', icons: { 16: 'icon/16.png' } });

    const context = await launchBrowser({ extension: true, extensionPath: dir });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('https://weibo.com/');
      const cards = await closedCards(page);
      const { postId } = await cards.waitFor({}, 30_000);
      const host = cards.host({ postId: postId ?? '' });
      await host.evaluateHost((h) => h.scrollIntoView({ block: 'center' }));
      await expect.poll(() => host.button('立即购买').first().isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
