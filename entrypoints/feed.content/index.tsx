import type { PublicPath } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { pictureUrl } from '@/utils/catalogue/picture';
import { startFeedTracking } from '@/utils/events/feed-tracking';
import { missedReferences } from '@/utils/events/missed-refs';
import { outboxPersister } from '@/utils/events/outbox-store';
import { startPostExposure } from '@/utils/events/post-exposure';
import { createCardActions } from '@/utils/feed/card-actions';
import { startFeed } from '@/utils/feed/controller';
import { watchPageTheme } from '@/utils/feed/theme';
import { onMessage, sendMessage } from '@/utils/messaging';
import { importRenderer, RENDERER_FILE } from '@/utils/overlay/renderer';
import { CONTENT_READY_GLOBAL } from '@/utils/page-labels';
import { clampPosts } from '@/utils/post-clamp';
import { settings } from '@/utils/settings';
import { adapterFor } from '@/utils/sites';

// Wiring only: the feed path lives in utils/feed, utils/overlay and utils/events. No Dexie, Zod or catalogue here:
// analysis, orders and storage run in the background, which keeps this bundle small and start-up cheap.
export default defineContentScript({
  matches: ['https://weibo.com/*', 'https://www.weibo.com/*', 'https://m.weibo.cn/*'],
  runAt: 'document_idle',
  // WXT's "started" broadcast would tell the page we are here; the page could also replay it to stop us.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    shieldFromReplayedStart(ctx);

    const [overlayEnabled, mutedAuthors, dismissedPosts, collapsedPosts, savedItemIds, lang, autoExpandLongPosts] =
      await Promise.all([
        settings.overlayEnabled.getValue(),
        settings.mutedAuthors.getValue(),
        settings.dismissedPosts.getValue(),
        settings.collapsedPosts.getValue(),
        settings.savedItemIds.getValue(),
        settings.lang.getValue(),
        settings.autoExpandLongPosts.getValue(),
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
      // While the worker is away, unsent events are kept in storage.local so a closing tab does not lose them.
      outbox: { persist: outboxPersister(browser.storage.local) },
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
      settings: { overlayEnabled, mutedAuthors, dismissedPosts, lang, autoExpandLongPosts },
      // Cut to the worker's bounds first: one oversized field would otherwise cost the post its card.
      send: (posts) => sendMessage('analysePosts', { posts: clampPosts(posts) }),
      sendJson: (request) => sendMessage('analyseFeedJson', request),
      // A cut shopping post's whole text, read from the page's own origin (the extension's only network request).
      sendLongText: (request) => sendMessage('analyseLongText', request),
      // Catalogue images ship in the extension (web_accessible_resources), so no request leaves for the network.
      imageUrlOf: pictureUrl,
      loadRenderer: () => importRenderer(browser.runtime.getURL(`/${RENDERER_FILE}` as PublicPath)),
      actions,
      onHostsChanged: () => tracking.hostsChanged(),
      onAnalysed(results) {
        // Every guide post in the page gets its detect event, card or not; one naming only items no catalogue holds
        // says which it missed. Guide posts just came into the page: observe them for exposure.
        let guides = false;
        for (const r of results) {
          const d = r.detection;
          if (!d.isGuide) continue;
          guides = true;
          tracking.recordDetect(r.postId, feedRef?.authorOf(r.postId) ?? null, d.score, missedReferences(d.reasons));
        }
        if (guides) postExposure.scan();
      },
    });
    feedRef = feed;
    // Tests and benches wait for this; it lives in the isolated world, so the page cannot see it.
    (globalThis as Record<string, unknown>)[CONTENT_READY_GLOBAL] = true;
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
      settings.autoExpandLongPosts.watch((v) => feed.updateSettings({ autoExpandLongPosts: v })),
      // The threshold lives where pages cannot write it; the worker says when it changes.
      onMessage('thresholdChanged', () => feed.reanalyse()),
    ];
    ctx.onInvalidated(() => {
      for (const off of unwatch) off();
    });
  },
});

/**
 * WXT stops an older copy of a content script when a newer one dispatches its "started" event on the document; a page
 * script can dispatch the same event. An orphaned copy stops anyway when the extension's runtime goes away (the feed
 * checks that), so every such event is stopped at the window before WXT's listener on the document hears it.
 */
function shieldFromReplayedStart(ctx: ContentScriptContext): void {
  const type = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: unknown })
    .SCRIPT_STARTED_MESSAGE_TYPE;
  if (typeof type !== 'string') return;
  ctx.addEventListener(window, type as keyof WindowEventMap, (e) => e.stopImmediatePropagation(), { capture: true });
}
