import { db as sharedDb, type ZhongcaoDB } from '@/utils/db';

/**
 * At the top of the worker: when the extension is installed or updated, open the database so a pending schema
 * upgrade runs now, in the worker. v3 builds `[item_id+type+ts]` over every stored event (12 s at 100,000 events on
 * the loaded build machine); otherwise the first popup after an update would wait for it, showing skeletons.
 */
export function upgradeDatabaseOnInstall(db: ZhongcaoDB = sharedDb): void {
  browser.runtime.onInstalled.addListener(() => {
    db.open().catch((error) => console.warn(`[zhongcao] database upgrade failed: ${String(error)}`));
  });
}
