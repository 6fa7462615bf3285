import type { CardActions, CardWatch, ImageUrlOf } from './actions';
import type { OverlayStore } from './store';

/**
 * The cards' renderer (React and the card components), kept out of the content script's own bundle: a feed is
 * read, analysed and logged without it, and it loads (once per page) when the first card is about to be shown.
 * Built as its own file (entrypoints/card-renderer.ts), imported into the content script's isolated world.
 */
export interface OverlayRenderer {
  mount(store: OverlayStore, imageUrlOf: ImageUrlOf, actions: CardActions, watch: CardWatch): { unmount(): void };
}

export type LoadRenderer = () => Promise<OverlayRenderer>;

/** Where the renderer file registers itself, on the isolated world's global (the page cannot see it). */
export const RENDERER_GLOBAL = '__zhongcaoCardRenderer';
/** The renderer's file in the build; web-accessible to the Weibo hosts only, so a content script can import it. */
export const RENDERER_FILE = 'card-renderer.js';

function isRenderer(v: unknown): v is OverlayRenderer {
  return typeof v === 'object' && v !== null && typeof (v as OverlayRenderer).mount === 'function';
}

/** Import the renderer file from `url` (the extension's own, from `runtime.getURL`); the module runs once. */
export async function importRenderer(url: string): Promise<OverlayRenderer> {
  const g = globalThis as Record<string, unknown>;
  if (!isRenderer(g[RENDERER_GLOBAL])) await import(/* @vite-ignore */ url);
  const r = g[RENDERER_GLOBAL];
  if (!isRenderer(r)) throw new Error(`[zhongcao] ${RENDERER_FILE} did not register a renderer`);
  return r;
}
