import { createStore } from 'zustand/vanilla';
import type { AnalysedPost } from '@/utils/messaging';
import type { Lang } from '@/utils/settings';

/** What the single overlay React root renders: one portal per host, keyed by post id. */
export interface OverlayState {
  byPostId: Record<string, AnalysedPost>;
  hosts: Record<string, ShadowRoot>;
  /** Author display names by post id, for the card's "from @name" line (page text: rendered as text only). */
  authors: Record<string, string>;
  lang: Lang;
}

export function createOverlayStore() {
  return createStore<OverlayState>()(() => ({ byPostId: {}, hosts: {}, authors: {}, lang: 'zh-CN' }));
}

export type OverlayStore = ReturnType<typeof createOverlayStore>;
