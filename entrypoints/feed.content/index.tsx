import type { PublicPath } from 'wxt/browser';
import { startFeed } from '@/utils/feed/controller';
import { sendMessage } from '@/utils/messaging';
import { settings } from '@/utils/settings';
import { adapterFor } from '@/utils/sites';

// Wiring only: the feed path lives in utils/feed and utils/overlay. No Dexie, Zod or catalogue here: analysis runs
// in the background, which keeps this bundle small and start-up cheap.
export default defineContentScript({
  matches: ['https://weibo.com/*', 'https://www.weibo.com/*', 'https://m.weibo.cn/*'],
  runAt: 'document_idle',
  async main(ctx) {
    document.documentElement.dataset.zcReady = '1';
    ctx.onInvalidated(() => delete document.documentElement.dataset.zcReady);

    const [overlayEnabled, mutedAuthors, dismissedPosts, lang] = await Promise.all([
      settings.overlayEnabled.getValue(),
      settings.mutedAuthors.getValue(),
      settings.dismissedPosts.getValue(),
      settings.lang.getValue(),
    ]);
    if (ctx.isInvalid) return;

    const feed = startFeed({
      ctx,
      site: adapterFor(new URL(location.href)),
      settings: { overlayEnabled, mutedAuthors, dismissedPosts, lang },
      send: (posts) => sendMessage('analysePosts', { posts }),
      // Catalogue images ship in the extension (web_accessible_resources), so no request leaves for the network.
      imageUrlOf: (path) => browser.runtime.getURL(`/${path}` as PublicPath),
    });

    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => feed.setSite(adapterFor(newUrl)));
    const unwatch = [
      settings.overlayEnabled.watch((v) => feed.updateSettings({ overlayEnabled: v })),
      settings.mutedAuthors.watch((v) => feed.updateSettings({ mutedAuthors: v })),
      settings.dismissedPosts.watch((v) => feed.updateSettings({ dismissedPosts: v })),
      settings.lang.watch((v) => feed.updateSettings({ lang: v })),
      settings.detectThreshold.watch(() => feed.reanalyse()),
    ];
    ctx.onInvalidated(() => {
      for (const off of unwatch) off();
    });
  },
});
