import type { Overlay } from '@/utils/overlay';
import type { PostMeta } from '@/utils/overlay/store';
import type { FeedEvents } from './emitter';
import type { PostDirectory } from './posts';
import type { FeedSettingsStore } from './settings-store';
import type { Lifecycle } from './types';

/**
 * The overlay listens: guide answers and their authors (the card's "via @…" line) from the feed's events, language,
 * saved and collapsed state from the settings store. Nothing here calls back into the feed.
 */
export function linkOverlay(
  ctx: Pick<Lifecycle, 'onInvalidated'>,
  overlay: Pick<Overlay, 'setMeta' | 'setResults' | 'setLang' | 'setSavedIds' | 'setCollapsedPosts' | 'destroy'>,
  feed: { events: FeedEvents; posts: PostDirectory; settings: FeedSettingsStore },
): void {
  const { events, posts, settings } = feed;
  const now = settings.get();
  overlay.setLang(now.lang);
  overlay.setSavedIds(now.savedItemIds);
  overlay.setCollapsedPosts(now.collapsedPosts);
  const offSettings = settings.subscribe((next, before) => {
    if (next.lang !== before.lang) overlay.setLang(next.lang);
    if (next.savedItemIds !== before.savedItemIds) overlay.setSavedIds(next.savedItemIds);
    if (next.collapsedPosts !== before.collapsedPosts) overlay.setCollapsedPosts(next.collapsedPosts);
  });
  const offAnswers = events.on('answers', ({ answers }) => {
    const meta = new Map<string, PostMeta>();
    for (const r of answers) {
      const author = r.detection.isGuide ? posts.author(r.postId) : null;
      if (author) meta.set(r.postId, { authorId: author.uid, authorName: author.name });
    }
    overlay.setMeta(meta);
    overlay.setResults(answers);
  });
  ctx.onInvalidated(() => {
    offSettings();
    offAnswers();
    overlay.destroy();
  });
}
