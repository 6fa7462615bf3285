import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ICON_DIR, ICON_SIZES, ICON_SVG, renderIcon } from '../../scripts/icons';

const root = path.resolve(import.meta.dirname, '../..');
const messages = (lang: string): Record<string, string> =>
  JSON.parse(readFileSync(path.join(root, 'locales', `${lang}.json`), 'utf8'));

describe('the toolbar icon', () => {
  it.each(ICON_SIZES)('public/icon/%i.png is the SVG drawn at that size', async (size) => {
    const committed = sharp(path.join(ICON_DIR, `${size}.png`));
    expect(await committed.metadata()).toMatchObject({ width: size, height: size, format: 'png' });
    const fresh = await sharp(await renderIcon(readFileSync(ICON_SVG), size))
      .raw()
      .toBuffer();
    // Equal pixels, not equal bytes: a newer PNG encoder may pack the same picture differently.
    expect(Buffer.compare(await committed.raw().toBuffer(), fresh)).toBe(0);
  });
});

describe('the store name and description', () => {
  it('exist in Chinese (the default) and English with the same keys', () => {
    expect(Object.keys(messages('en')).sort()).toEqual(Object.keys(messages('zh_CN')).sort());
    expect(messages('zh_CN').extName).toContain('种草');
    expect(messages('en').extName).toMatch(/Zhongcao/);
  });

  it.each(['zh_CN', 'en'])('fit the stores\u2019 limits in %s', (lang) => {
    const m = messages(lang);
    // Chrome Web Store: a name of at most 75 characters, a manifest description of at most 132.
    expect(m.extName?.length).toBeLessThanOrEqual(75);
    expect(m.extDescription?.length).toBeLessThanOrEqual(132);
    expect(m.actionTitle?.length).toBeGreaterThan(0);
  });
});
