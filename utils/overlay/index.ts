import { cardStyles } from '@/components/card/styles';
import type { FeedItemRef } from '@/utils/feed/types';
import type { AnalysedPost } from '@/utils/messaging';
import type { Lang } from '@/utils/settings';
import { type CardActions, type CardWatch, type ImageUrlOf, INERT_ACTIONS, INERT_WATCH } from './actions';
import { HostPlacer, type HostTheme, postOf } from './placement';
import type { LoadRenderer } from './renderer';
import { createOverlayStore, type OverlayStore, type PostMeta } from './store';
import { reallyVisible } from './visible';

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
  /**
   * Place, move or remove hosts for the items in the page now; `shown` decides which posts get cards. With `touched`,
   * only hosts of those items (and of the posts they show now) are checked; see `HostPlacer.sync`. True when a host
   * was placed or taken out.
   */
  sync(
    items: readonly FeedItemRef[],
    shown: (postId: string) => AnalysedPost | null,
    touched?: ReadonlySet<Element> | null,
  ): boolean;
  setResults(results: readonly AnalysedPost[]): void;
  /** Posts' authors, for the card's "via @…" line and an order's and a save's author. */
  setMeta(meta: ReadonlyMap<string, PostMeta>): void;
  setSavedIds(ids: readonly string[]): void;
  setCollapsedPosts(ids: readonly string[]): void;
  /** The page's theme, on every host as `data-theme`; null follows `prefers-color-scheme`. */
  setTheme(theme: HostTheme): void;
  setLang(lang: Lang): void;
  /** Remove every host and unmount React (overlay turned off, or the content script invalidated). */
  destroy(): void;
  readonly hostCount: number;
  /** Whether a host stands for this post now. */
  hasHost(postId: string): boolean;
  /** Whether any host was last placed in (or found in) one of these items. */
  hostIn(items: ReadonlySet<Element>): boolean;
}

export function createOverlay(
  imageUrlOf: ImageUrlOf,
  loadRenderer: LoadRenderer,
  actions: CardActions = INERT_ACTIONS,
  watch: CardWatch = INERT_WATCH,
): Overlay {
  const store = createOverlayStore();
  const placer = new HostPlacer(sharedStyleAdopter(cardStyles), document, undefined, (host, root) =>
    gateInput(host, root, watch),
  );
  let root: { unmount(): void } | null = null;
  let loading = false;
  /** Bumped by `destroy`, so a renderer that arrives afterwards does not mount. */
  let generation = 0;

  /** Loaded lazily and once: a feed without guide posts never pays for React. */
  function mount() {
    if (root || loading) return;
    loading = true;
    const gen = generation;
    loadRenderer()
      .then((renderer) => {
        if (gen === generation && !root) root = renderer.mount(store, imageUrlOf, actions, watch);
      })
      .catch((err) => console.debug('[zhongcao] card renderer failed to load', err))
      .finally(() => {
        loading = false;
      });
  }

  return {
    store,
    sync(items, shown, touched) {
      const changed = placer.sync(
        items,
        (postId) => {
          const post = shown(postId);
          return post ? post.items.map((i) => i.item_id) : null;
        },
        touched,
      );
      if (!changed) return false;
      const hosts = placer.roots();
      store.setState({ hosts: Object.fromEntries(hosts) });
      if (hosts.size > 0) mount();
      return true;
    },
    setResults(results) {
      // The maps grow with every guide post seen, so they are updated in place (a copy per answer would be
      // quadratic); each card selects its own entry, so only the posts answered here re-render. Other posts never get
      // a card: their answers are not kept here (one that was a guide post before a re-analysis is dropped).
      const { byPostId } = store.getState();
      let changed = false;
      for (const r of results) {
        if (!r.detection.isGuide) {
          if (Object.hasOwn(byPostId, r.postId)) {
            delete byPostId[r.postId];
            changed = true;
          }
          continue;
        }
        byPostId[r.postId] = r;
        changed = true;
      }
      if (changed) store.setState({ byPostId });
    },
    setMeta(meta) {
      if (!meta.size) return;
      const next = store.getState().meta;
      let changed = false;
      for (const [postId, m] of meta) {
        if (next[postId] === m) continue;
        next[postId] = m;
        changed = true;
      }
      if (changed) store.setState({ meta: next });
    },
    setSavedIds(ids) {
      const prev = store.getState().savedIds;
      if (ids.length === prev.size && ids.every((id) => prev.has(id))) return;
      store.setState({ savedIds: new Set(ids) });
    },
    setCollapsedPosts(ids) {
      const prev = store.getState().collapsed;
      if (ids.length === prev.size && ids.every((id) => prev.has(id))) return;
      store.setState({ collapsed: new Set(ids) });
    },
    setTheme(theme) {
      placer.setTheme(theme);
    },
    setLang(lang) {
      if (store.getState().lang !== lang) store.setState({ lang });
    },
    destroy() {
      placer.removeAll();
      store.setState({ hosts: {} });
      generation++;
      root?.unmount();
      root = null;
    },
    get hostCount() {
      return placer.size;
    },
    hasHost: (postId) => placer.has(postId),
    hostIn: (items) => placer.inAny(items),
  };
}

/** Keys that activate a focused button or submit a field. */
const ACTIVATING_KEYS = new Set(['Enter', ' ']);

/**
 * Every card action passes here first, in the capture phase on the root (before the card's own handlers): only real
 * input on a host the person can really see acts, and only that is logged. Anything else stops at the root.
 */
function gateInput(host: HTMLElement, root: ShadowRoot, watch: CardWatch): void {
  const refuse = (e: Event) => {
    e.stopImmediatePropagation();
    e.preventDefault();
  };
  root.addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted || !reallyVisible(host, e)) return refuse(e);
      const postId = postOf(host);
      if (postId) watch.click(postId, e.composedPath());
    },
    { capture: true },
  );
  root.addEventListener(
    'keydown',
    (e) => {
      if (!ACTIVATING_KEYS.has((e as KeyboardEvent).key)) return;
      if (!e.isTrusted || !reallyVisible(host)) refuse(e);
    },
    { capture: true },
  );
}
