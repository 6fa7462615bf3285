import { installPageBridge } from '@/utils/feed/bridge';

/**
 * MAIN-world bridge: hands the content script the post JSON Weibo keeps on its Vue components (`element.__vue__`),
 * which the isolated world cannot see. Kept tiny (utils/feed/bridge.ts); the extension works without it.
 */
export default defineContentScript({
  matches: ['https://weibo.com/*', 'https://www.weibo.com/*', 'https://m.weibo.cn/*'],
  world: 'MAIN',
  runAt: 'document_idle',
  main() {
    installPageBridge();
  },
});
