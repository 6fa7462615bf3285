import { settings as stored } from '@/utils/settings';
import type { Lifecycle } from './types';

/** The settings the feed, its cards and the card actions go by: one list, read and watched in one place. */
export const FEED_SETTING_KEYS = [
  'overlayEnabled',
  'mutedAuthors',
  'dismissedPosts',
  'collapsedPosts',
  'savedItemIds',
  'lang',
  'autoExpandLongPosts',
] as const;

export type FeedSettingKey = (typeof FEED_SETTING_KEYS)[number];
export type FeedSettings = { readonly [K in FeedSettingKey]: (typeof stored)[K]['fallback'] };

export interface FeedSettingsStore {
  get(): FeedSettings;
  /** `mutedAuthors` and `dismissedPosts` as sets, rebuilt only when their list changes. */
  muted(): ReadonlySet<string>;
  dismissed(): ReadonlySet<string>;
  /**
   * Change settings here and now: a value from storage, or a card's optimistic change that storage (and so other tabs)
   * follows. Listeners hear only of values that changed.
   */
  set(patch: Partial<FeedSettings>): void;
  subscribe(listener: (now: FeedSettings, before: FeedSettings) => void): () => void;
}

/** Every setting at its storage fallback. */
export function defaultFeedSettings(): FeedSettings {
  return Object.fromEntries(FEED_SETTING_KEYS.map((k) => [k, stored[k].fallback])) as unknown as FeedSettings;
}

export function createFeedSettings(initial: Partial<FeedSettings> = {}): FeedSettingsStore {
  let now: FeedSettings = { ...defaultFeedSettings(), ...initial };
  let muted = new Set(now.mutedAuthors);
  let dismissed = new Set(now.dismissedPosts);
  const listeners = new Set<(now: FeedSettings, before: FeedSettings) => void>();
  return {
    get: () => now,
    muted: () => muted,
    dismissed: () => dismissed,
    set(patch) {
      const before = now;
      const changed = (Object.keys(patch) as FeedSettingKey[]).filter(
        (k) => patch[k] !== undefined && patch[k] !== before[k],
      );
      if (changed.length === 0) return;
      now = { ...before, ...patch };
      if (now.mutedAuthors !== before.mutedAuthors) muted = new Set(now.mutedAuthors);
      if (now.dismissedPosts !== before.dismissedPosts) dismissed = new Set(now.dismissedPosts);
      for (const fn of listeners) fn(now, before);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store filled from `storage.local` and kept in step with it (the popup and other tabs change it live). */
export async function loadFeedSettings(ctx: Pick<Lifecycle, 'onInvalidated'>): Promise<FeedSettingsStore> {
  const values = await Promise.all(FEED_SETTING_KEYS.map((k) => stored[k].getValue()));
  const store = createFeedSettings(Object.fromEntries(FEED_SETTING_KEYS.map((k, i) => [k, values[i]])));
  const unwatch = FEED_SETTING_KEYS.map((k) =>
    (stored[k].watch as (cb: (v: unknown) => void) => () => void)((v) =>
      store.set({ [k]: v } as Partial<FeedSettings>),
    ),
  );
  ctx.onInvalidated(() => {
    for (const off of unwatch) off();
  });
  return store;
}
