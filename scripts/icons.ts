/**
 * Renders the extension's icon (assets/icon.svg) to the PNG sizes the stores and browsers ask for, into public/icon/.
 * The PNGs are committed so the build needs no renderer for them; tests/unit/icons.test.ts fails when they no longer
 * match the SVG. Run `npm run icons` after editing the SVG.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';

export const ICON_SIZES = [16, 32, 48, 128] as const;
export const ICON_SVG = path.resolve(import.meta.dirname, '../assets/icon.svg');
export const ICON_DIR = path.resolve(import.meta.dirname, '../public/icon');

/** One size of the icon, drawn from the vector at that size rather than scaled down from a large bitmap. */
export function renderIcon(svg: Buffer, size: number): Promise<Buffer> {
  return sharp(svg, { density: (72 * size) / 128 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Toolbar colours the icon must read on: Chrome's light and dark frames and toolbars. */
const TOOLBARS = ['#ffffff', '#dee1e6', '#35363a', '#202124'];

/**
 * The 16 and 32 px icons, enlarged pixel for pixel, on each toolbar colour: what a reviewer looks at to judge the
 * small sizes without a browser.
 */
async function renderPreview(): Promise<Buffer> {
  const cell = 220;
  const layers: OverlayOptions[] = [];
  for (const [i, background] of TOOLBARS.entries()) {
    layers.push({ input: { create: { width: cell, height: 140, channels: 4, background } }, left: i * cell, top: 0 });
    for (const [size, scale, left] of [
      [16, 6, 10],
      [32, 3, 114],
    ] as const) {
      const input = await sharp(path.join(ICON_DIR, `${size}.png`))
        .resize(size * scale, size * scale, { kernel: 'nearest' })
        .toBuffer();
      layers.push({ input, left: i * cell + left, top: 22 });
    }
  }
  const canvas = { width: cell * TOOLBARS.length, height: 140, channels: 4 as const, background: '#ffffff' };
  return sharp({ create: canvas }).composite(layers).png().toBuffer();
}

async function main(): Promise<void> {
  const svg = readFileSync(ICON_SVG);
  mkdirSync(ICON_DIR, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = path.join(ICON_DIR, `${size}.png`);
    writeFileSync(file, await renderIcon(svg, size));
    console.log(file);
  }
  const preview = path.resolve(import.meta.dirname, '../docs/store/icon-preview.png');
  mkdirSync(path.dirname(preview), { recursive: true });
  writeFileSync(preview, await renderPreview());
  console.log(preview);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
