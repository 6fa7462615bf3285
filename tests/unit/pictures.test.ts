import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { browser, type PublicPath } from 'wxt/browser';
import { generateCatalogueImages } from '@/utils/catalogue/images';
import { pictureUrl, shownPicture } from '@/utils/catalogue/picture';
import { PICTURE_PX, rasterisePictures } from '../../scripts/pictures';

describe('shownPicture', () => {
  it('shows a catalogue SVG through its packaged WebP, and leaves everything else alone', () => {
    expect(shownPicture('catalogue/img/beauty-03.svg')).toBe('catalogue/img/beauty-03.webp');
    expect(shownPicture('catalogue/img/beauty-03.webp')).toBe('catalogue/img/beauty-03.webp');
    // Not ours to rewrite: other folders, other shapes of name, traversal.
    for (const other of ['img/beauty-03.svg', 'catalogue/img/../x.svg', 'catalogue/img/a/b.svg', 'x.svg.png', ''])
      expect(shownPicture(other)).toBe(other);
  });
});

describe('pictureUrl', () => {
  it('gives the packaged file’s extension URL, asking the browser once for every picture', () => {
    const getURL = vi.spyOn(browser.runtime, 'getURL');
    const urls = ['catalogue/img/beauty-03.svg', 'catalogue/img/food-01.webp', 'catalogue/img/beauty-03.svg'].map(
      pictureUrl,
    );
    expect(getURL.mock.calls.length).toBeLessThanOrEqual(1);
    getURL.mockRestore();
    const url = (file: string) => browser.runtime.getURL(file as PublicPath);
    expect(urls).toEqual([
      url('/catalogue/img/beauty-03.webp'),
      url('/catalogue/img/food-01.webp'),
      url('/catalogue/img/beauty-03.webp'),
    ]);
  });
});

describe('rasterisePictures', () => {
  const cache = mkdtempSync(path.join(tmpdir(), 'zc-pictures-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  const images = generateCatalogueImages().slice(0, 3);

  it('packages each SVG as a square WebP of the card’s 2× size, drawn (not blank) and distinct', async () => {
    const out = await rasterisePictures(images, cache);
    expect(out.map((p) => p.file)).toEqual(images.map((i) => i.file.replace('.svg', '.webp')));
    const pixels: string[] = [];
    for (const picture of out) {
      const meta = await sharp(picture.absolutePath).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: PICTURE_PX, height: PICTURE_PX });
      const stats = await sharp(picture.absolutePath).stats();
      // A silhouette on a gradient: far from one flat colour.
      expect(Math.max(...stats.channels.slice(0, 3).map((c) => c.stdev))).toBeGreaterThan(10);
      expect(statSync(picture.absolutePath).size).toBeLessThan(4000);
      pixels.push((await sharp(picture.absolutePath).raw().toBuffer()).toString('base64'));
    }
    expect(new Set(pixels).size).toBe(out.length);
  });

  it('reuses a cached raster for the same SVG, and draws a new one when the SVG changes', async () => {
    const [first] = await rasterisePictures(images.slice(0, 1), cache);
    const again = await rasterisePictures(images.slice(0, 1), cache);
    expect(again[0]?.absolutePath).toBe(first?.absolutePath);
    const changed = {
      file: images[0]?.file ?? '',
      svg: (images[0]?.svg ?? '').replace('</svg>', '<circle r="9"/></svg>'),
    };
    const [other] = await rasterisePictures([changed], cache);
    expect(other?.absolutePath).not.toBe(first?.absolutePath);
    expect(readFileSync(other?.absolutePath ?? '').equals(readFileSync(first?.absolutePath ?? ''))).toBe(false);
  });

  it('refuses a file that is not an SVG picture', async () => {
    await expect(rasterisePictures([{ file: 'x.png', svg: '<svg/>' }], cache)).rejects.toThrow(/not an SVG/);
  });
});
