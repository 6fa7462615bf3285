import { onMessage } from '@/utils/messaging';
import { registerAnalyseHandler } from '@/utils/worker/analyse';
import { registerAuthorHandler } from '@/utils/worker/authors';
import { upgradeDatabaseOnInstall } from '@/utils/worker/db-maintenance';
import { registerEventHandlers } from '@/utils/worker/events';
import { registerWelcomePage } from '@/utils/worker/onboarding';
import { registerOrderHandlers } from '@/utils/worker/orders';
import { registerPopupHandlers } from '@/utils/worker/popup-handlers';
import { registerProtectedSettings } from '@/utils/worker/protected-settings';
import { scheduleRetentionPurge } from '@/utils/worker/research';
import { registerSaveHandlers } from '@/utils/worker/saves';

// Listeners are registered synchronously at the top level so a restarted MV3 worker receives the waking message.
export default defineBackground(() => {
  onMessage('ping', ({ sender }) => {
    if (sender.id !== browser.runtime.id) throw new Error('foreign sender');
    return { pong: true as const, version: browser.runtime.getManifest().version };
  });
  registerOrderHandlers();
  registerSaveHandlers();
  registerEventHandlers();
  registerAuthorHandler();
  registerAnalyseHandler();
  registerPopupHandlers();
  registerProtectedSettings();
  scheduleRetentionPurge();
  upgradeDatabaseOnInstall();
  registerWelcomePage();
});
