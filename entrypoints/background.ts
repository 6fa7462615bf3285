import { registerAnalyseHandler } from '@/utils/background/analyse';
import { registerAuthorHandler } from '@/utils/background/authors';
import { upgradeDatabaseOnInstall } from '@/utils/background/db-maintenance';
import { registerEventHandlers } from '@/utils/background/events';
import { registerWelcomePage } from '@/utils/background/onboarding';
import { registerOrderHandlers } from '@/utils/background/orders';
import { registerProtectedSettings } from '@/utils/background/protected-settings';
import { scheduleRetentionPurge } from '@/utils/background/research';
import { registerSaveHandlers } from '@/utils/background/saves';
import { onMessage } from '@/utils/messaging';
import { registerPopupHandlers } from '@/utils/popup/handlers';

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
