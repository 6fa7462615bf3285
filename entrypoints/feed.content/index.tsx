import type { PublicPath } from 'wxt/browser';
import { pictureUrl } from '@/utils/catalogue/picture';
import { startFeedTracking } from '@/utils/events/feed-tracking';
import { startPostExposure } from '@/utils/events/post-exposure';
import { createCardActions } from '@/utils/feed/card-actions';
import { startFeed } from '@/utils/feed/controller';
import { watchPageTheme } from '@/utils/feed/theme';
import { sendMessage } from '@/utils/messaging';
import { importRenderer, RENDERER_FILE } from '@/utils/overlay/renderer';
import { settings } from '@/utils/settings';
import { adapterFor } from '@/utils/sites';

// Wiring only: the feed path lives in utils/feed, utils/overlay and utils/events. No Dexie, Zod or catalogue here:
// analysis, orders and storage run in the background, which keeps this bundle small and start-up cheap.
export default defineContentScript({
  matches: ['https://weibo.com/*', 'https://www.weibo.com/*', 'https://m.weibo.cn/*'],
  runAt: 'document_idle',
  async main(ctx) {
    document.documentElement.dataset.zcReady = '1';
    ctx.onInvalidated(() => delete document.documentElement.dataset.zcReady);

    const [overlayEnabled, mutedAuthors, dismissedPosts, collapsedPosts, savedItemIds, lang] = await Promise.all([
      settings.overlayEnabled.getValue(),
      settings.mutedAuthors.getValue(),
      settings.dismissedPosts.getValue(),
      settings.collapsedPosts.getValue(),
      settings.savedItemIds.getValue(),
      settings.lang.getValue(),
    ]);
    if (ctx.isInvalid) return;

    let site = adapterFor(new URL(location.href));
    let dismissed = dismissedPosts;
    let collapsed = collapsedPosts;
    let saved = savedItemIds;

    // The feed is created below; tracking needs its author and guide answers, the feed needs tracking's logger.
    let feedRef: ReturnType<typeof startFeed> | null = null;
    /** The name of a post's author as its card shows it ("via @…"). */
    const authorNameOf = (postId: string) => feedRef?.overlay.store.getState().meta[postId]?.authorName || null;
    /** uid → the name last sent from this page, so repeated clicks on one influencer's cards send it once. */
    const namesSent = new Map<string, string>();
    const tracking = startFeedTracking({
      ctx,
      site,
      extVersion: browser.runtime.getManifest().version,
      send: (events, report) => sendMessage('logEvents', { events, dropped: report.dropped || undefined }),
      authorOf: (postId) => feedRef?.authorOf(postId) ?? null,
      isGuidePost: (postId) => feedRef?.isGuide(postId) ?? false,
      onClickAuthor: (postId, authorId) => {
        const name = authorNameOf(postId);
        if (!name || namesSent.get(authorId) === name) return;
        namesSent.set(authorId, name);
        // A name the worker did not take (worker gone, storage full) is sent again with the next click.
        sendMessage('rememberAuthor', { authorId, name }).then(
          ({ stored }) => stored || namesSent.delete(authorId),
          () => namesSent.delete(authorId),
        );
      },
      // The feed says when its overlay places or frees a host (onHostsChanged below), so no body-wide observer.
      discoverHosts: false,
      // ... and where its hosts are, so a scan reads the overlay's list instead of searching the document.
      hosts: () => feedRef?.overlay.hostElements() ?? [],
    });

    // Guide posts' own exposure, card or not, logged through the same outbox as the cards' events.
    const postExposure = startPostExposure({
      ctx,
      site,
      isGuide: (postId) => feedRef?.isGuide(postId) ?? false,
      infoOf: (postId) => ({
        authorId: feedRef?.authorOf(postId) ?? null,
        hasCard: feedRef?.overlay.hasHost(postId) ?? false,
        references: feedRef?.client.get(postId)?.references ?? [],
      }),
      record: (fields, at) => tracking.record('post_exposure', fields, at),
    });

    const actions = createCardActions({
      messages: {
        saveItem: (data) => sendMessage('saveItem', data),
        unsaveItem: (data) => sendMessage('unsaveItem', data),
        placeOrder: (data) => sendMessage('placeOrder', data),
      },
      log: tracking,
      authorOf: (postId) => {
        const meta = feedRef?.overlay.store.getState().meta[postId];
        return { id: meta?.authorId ?? feedRef?.authorOf(postId) ?? null, name: authorNameOf(postId) };
      },
      dismissedPosts: settings.dismissedPosts,
      collapsedPosts: settings.collapsedPosts,
      markSaved: (itemId, isSaved) => {
        saved = isSaved ? [...new Set([...saved, itemId])] : saved.filter((id) => id !== itemId);
        feed.overlay.setSavedIds(saved);
      },
      showCollapsed: (postId, isCollapsed) => {
        collapsed = isCollapsed ? [...collapsed, postId] : collapsed.filter((id) => id !== postId);
        feed.overlay.setCollapsedPosts(collapsed);
      },
      hidePost: (postId) => {
        dismissed = [...dismissed, postId];
        feed.updateSettings({ dismissedPosts: dismissed });
      },
    });

    const feed = startFeed({
      ctx,
      site,
      settings: { overlayEnabled, mutedAuthors, dismissedPosts, lang },
      send: (posts) => sendMessage('analysePosts', { posts }),
      sendJson: (request) => sendMessage('analyseFeedJson', request),
      // Catalogue images ship in the extension (web_accessible_resources), so no request leaves for the network.
      imageUrlOf: pictureUrl,
      loadRenderer: () => importRenderer(browser.runtime.getURL(`/${RENDERER_FILE}` as PublicPath)),
      actions,
      onHostsChanged: () => tracking.hostsChanged(),
      onAnalysed(results) {
        let guides = false;
        for (const r of results) {
          if (!r.detection.isGuide) continue;
          guides = true;
          tracking.recordDetect(r.postId, feedRef?.authorOf(r.postId) ?? null, r.detection.score);
        }
        // Guide posts just came into the page: observe their items (ordinary posts' answers change nothing there).
        if (guides) postExposure.scan();
      },
    });
    feedRef = feed;
    feed.overlay.setSavedIds(saved);
    feed.overlay.setCollapsedPosts(collapsed);
    watchPageTheme(ctx, document, (theme) => feed.overlay.setTheme(theme));

    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      site = adapterFor(newUrl);
      feed.setSite(site);
      tracking.setSite(site);
      postExposure.setSite(site);
    });
    const unwatch = [
      settings.overlayEnabled.watch((v) => feed.updateSettings({ overlayEnabled: v })),
      settings.mutedAuthors.watch((v) => feed.updateSettings({ mutedAuthors: v })),
      settings.dismissedPosts.watch((v) => {
        dismissed = v;
        feed.updateSettings({ dismissedPosts: v });
      }),
      settings.collapsedPosts.watch((v) => {
        collapsed = v;
        feed.overlay.setCollapsedPosts(v);
      }),
      settings.savedItemIds.watch((v) => {
        saved = v;
        feed.overlay.setSavedIds(v);
      }),
      settings.lang.watch((v) => feed.updateSettings({ lang: v })),
      settings.detectThreshold.watch(() => feed.reanalyse()),
    ];
    ctx.onInvalidated(() => {
      for (const off of unwatch) off();
    });
  },
});
