import { createStore } from 'zustand/vanilla';
import type { PostMeta } from '@/utils/feed/own-link';
import type { AnalysedPost } from '@/utils/messaging';
import type { Lang } from '@/utils/settings';

/**
 * What the single overlay React root renders: one portal per host (keyed by its shadow root, the post's cards inside
 * keyed by post id). `byPostId`, `authors` and `meta` grow with every guide post seen and are updated in place:
 * select one post's entry, never a whole map.
 */
export interface OverlayState {
  byPostId: Record<string, AnalysedPost>;
  hosts: Record<string, ShadowRoot>;
  /** Author display names by post id, for the card's "via @name" line (page text: rendered as text only). */
  authors: Record<string, string>;
  /** Author uid and the post's own links, by post id (the order's author id; 查看商品 opens the post's own link). */
  meta: Record<string, PostMeta>;
  /** Saved (种草) item ids, mirrored from the background so every card on every tab agrees. */
  savedIds: ReadonlySet<string>;
  /** Post ids whose cards the user collapsed (settings.collapsedPosts). */
  collapsed: ReadonlySet<string>;
  lang: Lang;
}

export function createOverlayStore() {
  return createStore<OverlayState>()(() => ({
    byPostId: {},
    hosts: {},
    authors: {},
    meta: {},
    savedIds: new Set<string>(),
    collapsed: new Set<string>(),
    lang: 'zh-CN',
  }));
}

export type OverlayStore = ReturnType<typeof createOverlayStore>;
