import type { PublicPath } from 'wxt/browser';

/**
 * Which packaged file shows a catalogue picture. The pictures are drawn as SVG and shipped as WebP rasters: an SVG
 * `<img>` costs Chrome a whole SVG document to lay out and paint for every card, a raster is decoded once and reused
 * (measured in the feed bench, see README). Orders and saves written before the switch still name `….svg`, and a
 * catalogue from elsewhere may too; both are shown through the raster of the same name.
 */
export const PICTURE_EXT = 'webp';

const SVG_PICTURE = /^(catalogue\/img\/[a-z0-9-]+)\.svg$/;

/** `catalogue/img/beauty-03.svg` → `catalogue/img/beauty-03.webp`; anything else is returned as it was. */
export function shownPicture(pictUrl: string): string {
  const m = SVG_PICTURE.exec(pictUrl);
  return m ? `${m[1]}.${PICTURE_EXT}` : pictUrl;
}

let base: string | undefined;

/**
 * The extension URL that shows a catalogue picture (cards, popup, dashboard). `runtime.getURL` is a call into the
 * browser whose answer for the root never changes, so it is asked once and every picture is joined onto it.
 */
export function pictureUrl(pictUrl: string): string {
  if (base === undefined) {
    const root = browser.runtime.getURL('/' as PublicPath);
    base = root.endsWith('/') ? root : `${root}/`;
  }
  return base + shownPicture(pictUrl);
}
