import { liveQuery } from 'dexie';
import { DEFAULT_THRESHOLD } from '@/utils/detect/threshold';
import { db as sharedDb, type ZhongcaoDB } from './index';

/**
 * A setting content scripts cannot write: kept in the extension's own IndexedDB (`meta`, key `setting:<name>`), which
 * only the worker and extension pages can open. `storage.local` is writable by every content script, so a compromised
 * page renderer could plant a research enrolment there or shorten retention to nothing. Same shape as a WXT storage
 * item (getValue, setValue, removeValue, watch), so callers read it the same way.
 */
export interface ProtectedItem<T> {
  fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  watch(cb: (value: T) => void): () => void;
}

export function protectedItem<T>(name: string, fallback: T, db: () => ZhongcaoDB = () => sharedDb): ProtectedItem<T> {
  const key = `setting:${name}`;
  const read = async (): Promise<T> => {
    const row = await db().meta.get(key);
    return row === undefined ? fallback : (row.value as T);
  };
  return {
    fallback,
    getValue: read,
    async setValue(value) {
      await db().meta.put({ key, value, updated_at: Date.now() });
    },
    async removeValue() {
      await db().meta.delete(key);
    },
    watch(cb) {
      let first = true;
      let last: string | undefined;
      const sub = liveQuery(read).subscribe({
        next: (v) => {
          const seen = JSON.stringify(v);
          // Like WXT's watch: called on changes, not with the value it starts from.
          if (!first && seen !== last) cb(v);
          first = false;
          last = seen;
        },
        error: (e: unknown) => console.warn(`[zhongcao] watching ${name} failed: ${String(e)}`),
      });
      return () => sub.unsubscribe();
    },
  };
}

/** Pause event logging without turning the overlay off: a page must not be able to switch a study's logging off. */
export const loggingPausedItem = protectedItem<boolean>('loggingPaused', false);

/** Raw events older than this many days are purged (the worker clamps it to at least one day). */
export const retentionDaysItem = protectedItem<number>('retentionDays', 180);

/**
 * Detection threshold: a post is a guide post when its score reaches this. Set through the worker (`setThreshold`),
 * which clamps it and tells the feed tabs to analyse again.
 */
export const detectThresholdItem = protectedItem<number>('detectThreshold', DEFAULT_THRESHOLD);
