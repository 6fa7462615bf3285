import { storage } from '#imports';
import { db as sharedDb, type ZhongcaoDB } from '../db';
import { buildCatalogueIndex, type CatalogueIndex } from '../match/index';
import type { CatalogueItem } from './schema';
import { activeItems, ensureMockSource } from './store';

/**
 * The active catalogue (every enabled source, duplicates resolved by priority) and its matcher index, memoised per
 * worker or page lifetime. A change to the sources bumps `catalogueRevision` in extension storage; every context
 * watching it drops its memo, so the next question reads the new catalogue.
 */
const revision = storage.defineItem<number>('local:catalogueRevision', { fallback: 0 });

export interface ActiveCatalogue {
  items: CatalogueItem[];
  index: CatalogueIndex;
}

export type ReadPackaged = () => Promise<{ items: CatalogueItem[]; sha256: string }>;

let memo: Promise<ActiveCatalogue> | null = null;
let unwatch: (() => void) | null = null;

/** Tells every context that the catalogue changed (call after a write to the catalogue tables). */
export async function catalogueChanged(): Promise<void> {
  memo = null;
  await revision.setValue(Date.now());
}

function version(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return '0';
  }
}

export function activeCatalogue(readPackaged: ReadPackaged, db: ZhongcaoDB = sharedDb): Promise<ActiveCatalogue> {
  unwatch ??= revision.watch(() => {
    memo = null;
  });
  memo ??= (async () => {
    let items: CatalogueItem[];
    try {
      await ensureMockSource(db, version(), readPackaged);
      items = await activeItems(db);
    } catch (e) {
      // IndexedDB unusable (private mode, a full disk): the packaged file still gives cards.
      console.warn('[zhongcao] catalogue database unavailable, using the packaged file', e);
      items = (await readPackaged()).items;
    }
    return { items, index: buildCatalogueIndex(items) };
  })().catch((e: unknown) => {
    memo = null;
    throw e;
  });
  return memo;
}

/** Test seam: forget the memoised catalogue. */
export function resetActiveCatalogue(): void {
  memo = null;
  unwatch?.();
  unwatch = null;
}
