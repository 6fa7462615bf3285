import { OVERLAY_CSS } from '@/components/overlay/styles';
import type { FeedItemRef } from '@/utils/feed/types';
import type { AnalysedPost } from '@/utils/messaging';
import type { Lang } from '@/utils/settings';
import { HostPlacer } from './placement';
import { type ImageUrlOf, mountOverlayRoot } from './render';
import { createOverlayStore, type OverlayStore } from './store';

export { HOST_TAG } from '@/utils/feed/watcher';

/**
 * One shared constructable stylesheet for every shadow root. Where a content script cannot adopt a constructed
 * sheet (Firefox's Xray wrappers), each root gets a `<style>` copy instead.
 */
export function sharedStyleAdopter(css: string): (root: ShadowRoot) => void {
  let sheet: CSSStyleSheet | null = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  } catch {
    sheet = null;
  }
  return (root) => {
    if (sheet) {
      try {
        root.adoptedStyleSheets = [sheet];
        return;
      } catch {
        sheet = null;
      }
    }
    const style = root.ownerDocument.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  };
}

export interface Overlay {
  readonly store: OverlayStore;
  /** Place, move or remove hosts for the items in the page now; `shown` decides which posts get cards. */
  sync(items: readonly FeedItemRef[], shown: (postId: string) => AnalysedPost | null): void;
  /** Take hosts whose item now shows another post out of the page right away (see `HostPlacer.detachMisplaced`). */
  detachMisplaced(itemSelector: string, postIdOf: (item: Element) => string | null): void;
  setResults(results: readonly AnalysedPost[], authors?: ReadonlyMap<string, string>): void;
  setLang(lang: Lang): void;
  /** Remove every host and unmount React (overlay turned off, or the content script invalidated). */
  destroy(): void;
  readonly hostCount: number;
}

export function createOverlay(imageUrlOf: ImageUrlOf): Overlay {
  const store = createOverlayStore();
  const placer = new HostPlacer(sharedStyleAdopter(OVERLAY_CSS));
  let root: ReturnType<typeof mountOverlayRoot> | null = null;

  return {
    store,
    sync(items, shown) {
      const { hosts, changed } = placer.sync(items, (postId) => {
        const post = shown(postId);
        return post ? post.items.map((i) => i.item_id) : null;
      });
      if (!changed) return;
      // Mounted lazily: a feed without guide posts never pays for React.
      root ??= mountOverlayRoot(store, imageUrlOf);
      store.setState({ hosts: Object.fromEntries(hosts) });
    },
    detachMisplaced(itemSelector, postIdOf) {
      placer.detachMisplaced(itemSelector, postIdOf);
    },
    setResults(results, authorNames) {
      if (!results.length) return;
      const state = store.getState();
      const byPostId = { ...state.byPostId };
      const authors = { ...state.authors };
      for (const r of results) {
        byPostId[r.postId] = r;
        const name = authorNames?.get(r.postId);
        if (name) authors[r.postId] = name;
      }
      store.setState({ byPostId, authors });
    },
    setLang(lang) {
      if (store.getState().lang !== lang) store.setState({ lang });
    },
    destroy() {
      placer.removeAll();
      store.setState({ hosts: {} });
      root?.unmount();
      root = null;
    },
    get hostCount() {
      return placer.size;
    },
  };
}
