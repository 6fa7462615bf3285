import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SettingsValues } from '@/components/popup/SettingsPanel';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { detectThresholdItem, loggingPausedItem, retentionDaysItem } from '@/utils/db/protected-item';
import { sendMessage } from '@/utils/messaging';
import { settings } from '@/utils/settings';

export type Loaded<T> = { data: T; error: null } | { data: undefined; error: string };

/**
 * `useLiveQuery` rethrows a failed query during render; the popup would go blank. Wrap the query so a failure
 * becomes an error the view can show, and the query keeps re-running on database changes.
 */
export function useSafeLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): Loaded<T> | undefined {
  return useLiveQuery(async (): Promise<Loaded<T>> => {
    try {
      return { data: await query(), error: null };
    } catch (e) {
      return { data: undefined, error: e instanceof Error ? e.message : String(e) };
    }
  }, deps);
}

const SETTING_KEYS = [
  'overlayEnabled',
  'mutedAuthors',
  'detectThreshold',
  'loggingPaused',
  'autoExpandLongPosts',
  'retentionDays',
  'lang',
] as const;

/** Where each setting lives: retention, the pause and the threshold in the extension's IndexedDB (pages cannot write it). */
const items = {
  ...settings,
  retentionDays: retentionDaysItem,
  loggingPaused: loggingPausedItem,
  detectThreshold: detectThresholdItem,
};

/** Current settings, kept live with `watch` (another popup, the feed, or the dashboard may change them). */
export function useSettings(): SettingsValues | null {
  const [values, setValues] = useState<SettingsValues | null>(null);
  useEffect(() => {
    let alive = true;
    void Promise.all(SETTING_KEYS.map((k) => items[k].getValue())).then((vals) => {
      if (!alive) return;
      setValues(Object.fromEntries(SETTING_KEYS.map((k, i) => [k, vals[i]])) as unknown as SettingsValues);
    });
    const unwatch = SETTING_KEYS.map((k) =>
      items[k].watch((v: unknown) => setValues((prev) => (prev ? { ...prev, [k]: v } : prev))),
    );
    return () => {
      alive = false;
      for (const u of unwatch) u();
    };
  }, []);
  return values;
}

export async function writeSetting<K extends keyof SettingsValues>(key: K, value: SettingsValues[K]): Promise<void> {
  // The worker clamps the threshold and tells the feed tabs to analyse again.
  if (key === 'detectThreshold') {
    await sendMessage('setThreshold', { threshold: value as number });
    return;
  }
  await (items[key] as { setValue(v: SettingsValues[K]): Promise<void> }).setValue(value);
}

/**
 * Catalogue entries for the ids on screen, fetched from the background (which holds the validated catalogue) and
 * cached for the popup's lifetime. Returns the cache and whether the last lookup failed.
 */
export function useCatalogueItems(ids: readonly string[]): {
  items: ReadonlyMap<string, CatalogueItem>;
  failed: boolean;
} {
  const cache = useRef(new Map<string, CatalogueItem>());
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState(false);
  const key = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `ids`
  useEffect(() => {
    const missing = ids.filter((id) => !cache.current.has(id)).slice(0, 200);
    if (missing.length === 0) return;
    let alive = true;
    sendMessage('lookupItems', { itemIds: missing }).then(
      ({ items }) => {
        for (const it of items) cache.current.set(it.item_id, it);
        if (alive) {
          setFailed(false);
          setVersion((v) => v + 1);
        }
      },
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [key]);
  // A new Map per version so consumers re-render when entries arrive.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version bumps when the cache grows
  const snapshot = useMemo<ReadonlyMap<string, CatalogueItem>>(() => new Map(cache.current), [version]);
  return { items: snapshot, failed };
}

/** Item ids whose title contains the search text (debounced), or null when there is no search. */
export function useTitleSearch(text: string): { ids: ReadonlySet<string> | null; failed: boolean } {
  const [ids, setIds] = useState<ReadonlySet<string> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setIds(null);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      sendMessage('lookupItems', { titleQuery: q }).then(
        ({ items }) => {
          if (!alive) return;
          setIds(new Set(items.map((i) => i.item_id)));
          setFailed(false);
        },
        () => {
          if (!alive) return;
          setIds(new Set());
          setFailed(true);
        },
      );
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [text]);
  return { ids, failed };
}
