/**
 * Rasterises the catalogue's SVG pictures for the package (build hook in wxt.config.ts). sharp renders the SVG
 * (librsvg) and encodes WebP in one library with prebuilt binaries; 100 pictures take about a second and come to
 * ~110 KB. Cards show them at 88 CSS px, so 176 px covers 2× screens. Each raster is kept in a cache folder under a
 * hash of its SVG and settings, so later builds copy it instead of drawing it again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { PICTURE_EXT } from '../utils/catalogue/picture';

export const PICTURE_PX = 176;
const SVG_PX = 240;
const QUALITY = 82;

export interface PackagedPicture {
  /** `beauty-03.webp` */
  file: string;
  /** Where the raster is on disk, for the build to copy. */
  absolutePath: string;
}

async function renderPicture(svg: string): Promise<Buffer> {
  // Render at the target size rather than scaling a 240 px bitmap down: edges stay crisp.
  return sharp(Buffer.from(svg), { density: (72 * PICTURE_PX) / SVG_PX })
    .resize(PICTURE_PX, PICTURE_PX)
    .webp({ quality: QUALITY, effort: 6 })
    .toBuffer();
}

export async function rasterisePictures(
  images: readonly { file: string; svg: string }[],
  cacheDir: string,
): Promise<PackagedPicture[]> {
  mkdirSync(cacheDir, { recursive: true });
  return Promise.all(
    images.map(async ({ file, svg }) => {
      if (!file.endsWith('.svg')) throw new Error(`not an SVG picture: ${file}`);
      const key = createHash('sha256').update(`${PICTURE_PX}|${QUALITY}|${svg}`).digest('hex').slice(0, 24);
      const absolutePath = path.join(cacheDir, `${key}.${PICTURE_EXT}`);
      if (!existsSync(absolutePath)) {
        // Written under a temporary name first, so a build stopped half-way never leaves a torn file in the cache.
        const tmp = `${absolutePath}.${process.pid}.tmp`;
        writeFileSync(tmp, await renderPicture(svg));
        renameSync(tmp, absolutePath);
      }
      return { file: file.replace(/\.svg$/, `.${PICTURE_EXT}`), absolutePath };
    }),
  );
}
