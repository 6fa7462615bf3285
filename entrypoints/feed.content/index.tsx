import type { PublicPath } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { pictureUrl } from '@/utils/catalogue/picture';
import { startFeedTracking } from '@/utils/events/feed-tracking';
import { missedReferences } from '@/utils/events/missed-refs';
import { outboxPersister } from '@/utils/events/outbox-store';
import { startPostExposure } from '@/utils/events/post-exposure';
import { createCardActions } from '@/utils/feed/card-actions';
import { startFeed } from '@/utils/feed/controller';
import { createFeedEvents } from '@/utils/feed/emitter';
import { linkOverlay } from '@/utils/feed/overlay-link';
import { createPostDirectory } from '@/utils/feed/posts';
import { loadFeedSettings } from '@/utils/feed/settings-store';
import { watchPageTheme } from '@/utils/feed/theme';
import { onMessage, sendMessage } from '@/utils/messaging';
import { createOverlay } from '@/utils/overlay';
import { importRenderer, RENDERER_FILE } from '@/utils/overlay/renderer';
import { CONTENT_READY_GLOBAL } from '@/utils/page-labels';
import { clampPosts } from '@/utils/post-clamp';
import { settings as storedSettings } from '@/utils/settings';
import { adapterFor } from '@/utils/sites';
import { WEIBO_MATCHES } from '@/utils/sites/hosts';

// Wiring only: the feed path lives in utils/feed, utils/overlay and utils/events. No Dexie, Zod or catalogue here:
// analysis, orders and storage run in the background, which keeps this bundle small and start-up cheap.
export default defineContentScript({
  matches: WEIBO_MATCHES,
  runAt: 'document_idle',
  // WXT's "started" broadcast would tell the page we are here; the page could also replay it to stop us.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    shieldFromReplayedStart(ctx);

    const settings = await loadFeedSettings(ctx);
    if (ctx.isInvalid) return;

    let site = adapterFor(new URL(location.href));
    // Created first and handed on: the feed writes what it learns into these; everything else reads or listens.
    const posts = createPostDirectory();
    const events = createFeedEvents();

    /** uid → the name last sent from this page, so repeated clicks on one influencer's cards send it once. */
    const namesSent = new Map<string, string>();
    const tracking = startFeedTracking({
      ctx,
      site,
      extVersion: browser.runtime.getManifest().version,
      send: (events, report) => sendMessage('logEvents', { events, dropped: report.dropped || undefined }),
      // While the worker is away, unsent events are kept in storage.local so a closing tab does not lose them.
      outbox: { persist: outboxPersister(browser.storage.local) },
      authorOf: (postId) => posts.author(postId)?.uid ?? null,
      isGuidePost: (postId) => posts.isGuide(postId),
      onClickAuthor: (postId, authorId) => {
        const name = posts.author(postId)?.name;
        if (!name || namesSent.get(authorId) === name) return;
        namesSent.set(authorId, name);
        // A name the worker did not take (worker gone, storage full) is sent again with the next click.
        sendMessage('rememberAuthor', { authorId, name }).then(
          ({ stored }) => stored || namesSent.delete(authorId),
          () => namesSent.delete(authorId),
        );
      },
    });

    const actions = createCardActions({
      messages: {
        saveItem: (data) => sendMessage('saveItem', data),
        unsaveItem: (data) => sendMessage('unsaveItem', data),
        placeOrder: (data) => sendMessage('placeOrder', data),
      },
      log: tracking,
      authorOf: (postId) => {
        const author = posts.author(postId);
        return { id: author?.uid ?? null, name: author?.name || null };
      },
      dismissedPosts: storedSettings.dismissedPosts,
      collapsedPosts: storedSettings.collapsedPosts,
      // Shown at once; storage (and so other tabs) follows, and the background's mirror confirms or corrects it.
      markSaved: (itemId, isSaved) => {
        const saved = settings.get().savedItemIds;
        settings.set({
          savedItemIds: isSaved ? [...new Set([...saved, itemId])] : saved.filter((id) => id !== itemId),
        });
      },
      showCollapsed: (postId, isCollapsed) => {
        const collapsed = settings.get().collapsedPosts;
        settings.set({
          collapsedPosts: isCollapsed ? [...collapsed, postId] : collapsed.filter((id) => id !== postId),
        });
      },
      hidePost: (postId) => settings.set({ dismissedPosts: [...settings.get().dismissedPosts, postId] }),
    });

    const overlay = createOverlay(
      // Catalogue images ship in the extension (web_accessible_resources), so no request leaves for the network.
      pictureUrl,
      () => importRenderer(browser.runtime.getURL(`/${RENDERER_FILE}` as PublicPath)),
      actions,
      // The renderer tells tracking which element shows which card, and the input gate which actions went through.
      { card: tracking.card, click: tracking.cardClick },
    );
    linkOverlay(ctx, overlay, { events, posts, settings });
    watchPageTheme(ctx, document, (theme) => overlay.setTheme(theme));

    // Guide posts' own exposure, card or not, logged through the same outbox as the cards' events.
    const postExposure = startPostExposure({
      ctx,
      site,
      isGuide: (postId) => posts.isGuide(postId),
      infoOf: (postId) => ({
        authorId: posts.author(postId)?.uid ?? null,
        hasCard: overlay.hasHost(postId),
        references: posts.answer(postId)?.references ?? [],
      }),
      record: (fields, at) => tracking.record('post_exposure', fields, at),
    });

    events.on('analysed', ({ answers }) => {
      // Every guide post in the page gets its detect event, card or not; one naming only items no catalogue holds
      // says which it missed. Guide posts just came into the page: observe them for exposure.
      let guides = false;
      for (const r of answers) {
        const d = r.detection;
        if (!d.isGuide) continue;
        guides = true;
        tracking.recordDetect(r.postId, posts.author(r.postId)?.uid ?? null, d.score, missedReferences(d.reasons));
      }
      if (guides) postExposure.scan();
    });

    const feed = startFeed({
      ctx,
      site,
      settings,
      posts,
      overlay,
      events,
      // Cut to the worker's bounds first: one oversized field would otherwise cost the post its card.
      send: (batch) => sendMessage('analysePosts', { posts: clampPosts(batch) }),
      sendJson: (request) => sendMessage('analyseFeedJson', request),
      // A cut shopping post's whole text, read from the page's own origin (the extension's only network request).
      sendLongText: (request) => sendMessage('analyseLongText', request),
    });
    // Tests and benches wait for this; it lives in the isolated world, so the page cannot see it.
    (globalThis as Record<string, unknown>)[CONTENT_READY_GLOBAL] = true;

    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      site = adapterFor(newUrl);
      feed.setSite(site);
      tracking.setSite(site);
      postExposure.setSite(site);
    });
    // The threshold lives where pages cannot write it; the worker says when it changes.
    const offThreshold = onMessage('thresholdChanged', () => feed.reanalyse());
    ctx.onInvalidated(offThreshold);
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
