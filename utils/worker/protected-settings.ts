import { db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { detectThresholdItem } from '@/utils/db/protected-item';
import { clampThreshold } from '@/utils/detect/threshold';
import { onMessage, sendMessage } from '@/utils/messaging';
import { extensionPageSenderProblem } from './events';
import { clampRetention } from './research';

/**
 * The settings a page must not change, on the worker's side: the threshold is set through it (clamped, then the feed
 * tabs are told to analyse again), and the values older versions kept in `storage.local` are taken over once.
 */

/** The part of `storage.local` the migration uses. */
export interface LegacyArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/** Old `storage.local` key (also the protected setting's name) → what a value read there becomes (odd: the default). */
const LEGACY: { key: string; clean: (v: unknown) => unknown }[] = [
  { key: 'loggingPaused', clean: (v) => v === true },
  { key: 'retentionDays', clean: clampRetention },
  { key: 'detectThreshold', clean: clampThreshold },
];

/** Marks the one-time move done: after it, what `storage.local` says is never read again (a page can write there). */
const MIGRATED_KEY = 'setting:migratedFromStorageLocal';

/**
 * Once per profile, at worker start: the pause, the retention and the threshold an older version kept in
 * `storage.local` move into the protected settings (unless one is set there already), clamped, and leave
 * `storage.local`. Returns the names moved; later runs move nothing and only remove keys a page may have planted.
 */
export async function migrateProtectedSettings(
  area: LegacyArea,
  db: ZhongcaoDB = sharedDb,
  now: number = Date.now(),
): Promise<string[]> {
  const keys = LEGACY.map((l) => l.key);
  const done = (await db.meta.get(MIGRATED_KEY)) !== undefined;
  const old = done ? {} : await area.get(keys);
  const moved: string[] = [];
  if (!done) {
    await db.transaction('rw', db.meta, async () => {
      for (const { key, clean } of LEGACY) {
        // A protected value already set is newer than anything storage.local still holds.
        if (!Object.hasOwn(old, key) || (await db.meta.get(`setting:${key}`)) !== undefined) continue;
        await db.meta.put({ key: `setting:${key}`, value: clean(old[key]), updated_at: now });
        moved.push(key);
      }
      await db.meta.put({ key: MIGRATED_KEY, value: { at: now, moved }, updated_at: now });
    });
  }
  await area.remove(keys);
  return moved;
}

export interface ThresholdDeps {
  runtimeId: string;
  extensionOrigin: string;
  /** Ids of the open tabs (no `tabs` permission: ids only); a tab without our content script ignores the news. */
  tabIds: () => Promise<number[]>;
  tell: (tabId: number, threshold: number) => Promise<unknown>;
}

/** Stores a clamped threshold sent by an extension page and tells the tabs; returns what was stored. */
export async function setThreshold(
  data: unknown,
  sender: { id?: string; url?: string },
  deps: ThresholdDeps,
): Promise<{ threshold: number }> {
  const problem = extensionPageSenderProblem(sender, deps.runtimeId, deps.extensionOrigin);
  if (problem) throw new Error(`setThreshold refused: ${problem}`);
  const threshold = clampThreshold((data as { threshold?: unknown } | null)?.threshold);
  await detectThresholdItem.setValue(threshold);
  const ids = await deps.tabIds();
  await Promise.allSettled(ids.map((id) => deps.tell(id, threshold)));
  return { threshold };
}

/** Call at the top of the worker: the threshold handler, and the one-time move out of `storage.local`. */
export function registerProtectedSettings(): void {
  const deps: ThresholdDeps = {
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    tabIds: async () =>
      (await browser.tabs.query({})).map((t) => t.id).filter((id): id is number => typeof id === 'number'),
    tell: (tabId, threshold) => sendMessage('thresholdChanged', { threshold }, tabId),
  };
  onMessage('setThreshold', ({ data, sender }) => setThreshold(data, sender, deps));
  migrateProtectedSettings(browser.storage.local as unknown as LegacyArea).catch((e: unknown) =>
    console.warn(`[zhongcao] settings not moved out of storage.local: ${String(e)}`),
  );
}
