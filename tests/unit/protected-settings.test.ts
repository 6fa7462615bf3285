import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db as sharedDb } from '@/utils/db';
import { detectThresholdItem, loggingPausedItem, retentionDaysItem } from '@/utils/db/protected-item';
import { type LegacyArea, migrateProtectedSettings, setThreshold } from '@/utils/worker/protected-settings';

/**
 * Issue 27's leftovers: the threshold joins the settings a page cannot write, and what older versions kept in
 * storage.local (which content scripts can write) is taken over once at worker start, clamped, then removed.
 */

const NOW = 1_780_000_000_000;
const RUNTIME_ID = 'zhongcao-test-id';
const ORIGIN = `chrome-extension://${RUNTIME_ID}`;

/** storage.local as the migration sees it, and what it removed. */
function area(initial: Record<string, unknown>): LegacyArea & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (keys) => Object.fromEntries(keys.filter((k) => Object.hasOwn(data, k)).map((k) => [k, data[k]])),
    remove: async (keys) => {
      for (const k of keys) delete data[k];
    },
  };
}

const values = async () => ({
  paused: await loggingPausedItem.getValue(),
  retention: await retentionDaysItem.getValue(),
  threshold: await detectThresholdItem.getValue(),
});

beforeEach(async () => {
  fakeBrowser.reset();
  await sharedDb.meta.clear();
});

afterEach(async () => {
  await sharedDb.meta.clear();
});

describe('moving the protected settings out of storage.local, once', () => {
  it('takes over the pause, the retention and the threshold, then removes them from storage.local', async () => {
    const local = area({ loggingPaused: true, retentionDays: 30, detectThreshold: 4.5, lang: 'en' });
    expect((await migrateProtectedSettings(local, sharedDb, NOW)).sort()).toEqual([
      'detectThreshold',
      'loggingPaused',
      'retentionDays',
    ]);
    expect(await values()).toEqual({ paused: true, retention: 30, threshold: 4.5 });
    expect(local.data).toEqual({ lang: 'en' });
  });

  it('turns malformed old values into safe ones: not paused, retention within 1–3,650 days, threshold 1–6', async () => {
    const local = area({ loggingPaused: 'yes', retentionDays: 0, detectThreshold: '=cmd|calc' });
    await migrateProtectedSettings(local, sharedDb, NOW);
    expect(await values()).toEqual({ paused: false, retention: 1, threshold: 3 });

    await sharedDb.meta.clear();
    await migrateProtectedSettings(
      area({ loggingPaused: null, retentionDays: Number.NaN, detectThreshold: 1e9 }),
      sharedDb,
      NOW,
    );
    expect(await values()).toEqual({ paused: false, retention: 180, threshold: 6 });

    await sharedDb.meta.clear();
    await migrateProtectedSettings(area({ retentionDays: 1e12, detectThreshold: -4 }), sharedDb, NOW);
    expect(await values()).toEqual({ paused: false, retention: 3650, threshold: 1 });
  });

  it('keeps a protected value already set: storage.local is older, or planted', async () => {
    await retentionDaysItem.setValue(90);
    await migrateProtectedSettings(area({ retentionDays: 7, detectThreshold: 4 }), sharedDb, NOW);
    expect(await values()).toEqual({ paused: false, retention: 90, threshold: 4 });
  });

  it('runs once: what a page writes into storage.local afterwards is removed, never taken over', async () => {
    await migrateProtectedSettings(area({ retentionDays: 30 }), sharedDb, NOW);
    const planted = area({ loggingPaused: true, retentionDays: 1, detectThreshold: 1 });
    expect(await migrateProtectedSettings(planted, sharedDb, NOW + 1)).toEqual([]);
    expect(await values()).toEqual({ paused: false, retention: 30, threshold: 3 });
    expect(planted.data).toEqual({});
  });
});

describe('setting the threshold through the worker', () => {
  const deps = (told: number[][]) => ({
    runtimeId: RUNTIME_ID,
    extensionOrigin: ORIGIN,
    tabIds: async () => [3, 4],
    tell: async (tab: number, threshold: number) => {
      if (tab === 4) throw new Error('no content script in this tab');
      told.push([tab, threshold]);
    },
  });

  it('stores a clamped value from the popup and tells the open tabs, whichever cannot hear', async () => {
    const told: number[][] = [];
    const popup = { id: RUNTIME_ID, url: `${ORIGIN}/popup.html` };
    expect(await setThreshold({ threshold: 9.4 }, popup, deps(told))).toEqual({ threshold: 6 });
    expect(await detectThresholdItem.getValue()).toBe(6);
    expect(told).toEqual([[3, 6]]);
    expect(await setThreshold({ threshold: 2.5 }, popup, deps(told))).toEqual({ threshold: 2.5 });
    expect(await setThreshold({ threshold: 2.6 }, popup, deps(told))).toEqual({ threshold: 2.5 });
    expect(await setThreshold({ threshold: 'x' }, popup, deps(told))).toEqual({ threshold: 3 });
  });

  it('refuses a content script or another extension', async () => {
    const told: number[][] = [];
    const page = { id: RUNTIME_ID, url: 'https://weibo.com/' };
    await expect(setThreshold({ threshold: 1 }, page, deps(told))).rejects.toThrow(/not an extension page/);
    await expect(setThreshold({ threshold: 1 }, { id: 'other', url: ORIGIN }, deps(told))).rejects.toThrow(/foreign/);
    expect(await detectThresholdItem.getValue()).toBe(3);
    expect(told).toEqual([]);
  });
});
