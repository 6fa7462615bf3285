import { createStore } from 'zustand/vanilla';
import type { AnalysedPost } from '@/utils/messaging';
import type { Lang } from '@/utils/settings';

/** What a card needs to remember of its post's author (an order's and a save's author; the "via @…" line). */
export interface PostMeta {
  authorId: string;
  authorName: string;
}

/**
 * What the single overlay React root renders: one portal per host (keyed by its shadow root, the post's cards inside
 * keyed by post id). `byPostId` and `meta` grow with every guide post seen and are updated in place:
 * select one post's entry, never a whole map.
 */
export interface OverlayState {
  byPostId: Record<string, AnalysedPost>;
  hosts: Record<string, ShadowRoot>;
  /**
   * Author uid and name by post id: the card's "via @name" line (page text: rendered as text only) and an order's and
   * a save's author. Each item's own link is on its answer.
   */
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
    meta: {},
    savedIds: new Set<string>(),
    collapsed: new Set<string>(),
    lang: 'zh-CN',
  }));
}

export type OverlayStore = ReturnType<typeof createOverlayStore>;
