import { storage } from '#imports';

/**
 * User settings, in `storage.local` (not sync: nothing leaves the machine). Content scripts can write storage.local,
 * so what a page must not change (retention, logging pause, the detection threshold, the research enrolment) lives in
 * the extension's IndexedDB instead (utils/db/protected-item.ts). Every context reads these items and can `watch`
 * them, so a change in the popup reaches the feed live.
 */
export type Lang = 'zh-CN' | 'en';

export const settings = {
  /** Global on/off switch for the in-feed overlay. */
  overlayEnabled: storage.defineItem<boolean>('local:overlayEnabled', { fallback: true }),
  /** Author uids whose posts never get cards. */
  mutedAuthors: storage.defineItem<string[]>('local:mutedAuthors', { fallback: [] }),
  /** Post ids the user dismissed with 不感兴趣. */
  dismissedPosts: storage.defineItem<string[]>('local:dismissedPosts', { fallback: [] }),
  /** Post ids whose card the user collapsed. */
  collapsedPosts: storage.defineItem<string[]>('local:collapsedPosts', { fallback: [] }),
  lang: storage.defineItem<Lang>('local:lang', { fallback: 'zh-CN' }),
  /**
   * 自动展开长博文: read the whole text of a cut post that looks like shopping, the way the page does when 展开 is
   * pressed (a request to the page's own origin, the extension's only one). Off: no such request is ever made.
   */
  autoExpandLongPosts: storage.defineItem<boolean>('local:autoExpandLongPosts', { fallback: true }),
  /**
   * Not a setting: the background mirrors the saved (种草) item ids here after every change (utils/worker/saves.ts)
   * so every card in every tab shows the pressed state live without asking it. Only the background writes it.
   */
  savedItemIds: storage.defineItem<string[]>('local:savedItemIds', { fallback: [] }),
};
