import { mountOverlayRoot } from '@/utils/overlay/render';
import { type OverlayRenderer, RENDERER_GLOBAL } from '@/utils/overlay/renderer';

// React and the product cards, imported by the feed content script when its first card is due (utils/overlay).
export default defineUnlistedScript(() => {
  const renderer: OverlayRenderer = { mount: mountOverlayRoot };
  (globalThis as Record<string, unknown>)[RENDERER_GLOBAL] = renderer;
});
