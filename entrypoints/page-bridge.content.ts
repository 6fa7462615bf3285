import { installPageBridge } from '@/utils/feed/bridge';
import { WEIBO_MATCHES } from '@/utils/sites/hosts';

/**
 * MAIN-world bridge: hands the content script the post JSON Weibo keeps on its Vue components (`element.__vue__`),
 * which the isolated world cannot see. Kept tiny (utils/feed/bridge.ts); the extension works without it.
 */
export default defineContentScript({
  matches: WEIBO_MATCHES,
  world: 'MAIN',
  runAt: 'document_idle',
  main() {
    installPageBridge();
  },
});
