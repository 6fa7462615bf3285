import { storage } from '#imports';
import type { CatalogueIndex } from '@/utils/match/index';
import type { Post } from '@/utils/types';
import {
  activeCatalogue,
  catalogueForPosts,
  type PostsCatalogue,
  resetActiveCatalogue,
  residentItemIds,
  residentItems,
  warmCatalogue,
} from './active';
import { type CatalogueCheck, parseCatalogueText } from './load';
import { readPackagedCatalogue as readPackagedText } from './parts';
import type { CatalogueItem } from './schema';

/** The last full validation of the packaged catalogue (see `parseCatalogueText`). */
const catalogueCheck = storage.defineItem<CatalogueCheck | null>('local:catalogueCheck', { fallback: null });

export interface LoadedCatalogue {
  items: CatalogueItem[];
  index: CatalogueIndex;
}

/**
 * The packaged mock catalogue file, validated (entries the last check vouched for are not validated again). Read only
 * when the catalogue database lacks this version's mock (utils/catalogue/active.ts).
 */
async function readPackagedCatalogue(): Promise<{ items: CatalogueItem[]; sha256: string }> {
  // The extension's own packaged files (chrome-extension://…), not network requests; Firefox ships it in parts.
  const readText = async (file: string) =>
    (await fetch(browser.runtime.getURL(file as '/catalogue/items.json'))).text();
  const text = await readPackagedText(readText, import.meta.env.BROWSER === 'firefox' ? 'parts' : 'single');
  const known = await catalogueCheck.getValue().catch(() => null);
  const { items, errors, check, validated } = await parseCatalogueText(text, known);
  if (errors.length > 0)
    console.warn(`[zhongcao] catalogue: skipped ${errors.length} invalid entries`, errors.slice(0, 5));
  if (validated) await catalogueCheck.setValue(check).catch(() => undefined);
  return { items, sha256: check.sha256 };
}

export type { PostsCatalogue };

/**
 * The active catalogue (enabled sources in IndexedDB, the packaged mock loaded into it once per version): every
 * enabled item with a full index. Memoised until the sources change; a failed load is not cached, so the next call
 * retries.
 */
export function loadCatalogue(): Promise<LoadedCatalogue> {
  return activeCatalogue(readPackagedCatalogue);
}

/** What the analyser needs for `posts` (utils/catalogue/active.ts): resident names, the posts' items by key. */
export function catalogueForFeed(posts: readonly Post[]): Promise<PostsCatalogue> {
  return catalogueForPosts(posts, readPackagedCatalogue);
}

/** The resident items whole (the mock, items.json imports) and their indexes: the studio, the popup's title search. */
export function loadResidentCatalogue(): Promise<LoadedCatalogue> {
  return residentItems(readPackagedCatalogue);
}

/** Ids of the resident items, read without the items. */
export function loadResidentItemIds(): Promise<Set<string>> {
  return residentItemIds(readPackagedCatalogue);
}

/** Gets a waking worker's first answer ready: the mock in the database, the resident names read. */
export function prepareCatalogue(): Promise<void> {
  return warmCatalogue(readPackagedCatalogue);
}

/** Test seam: forget the memoised catalogue. */
export function resetCatalogueForTests(): void {
  resetActiveCatalogue();
}
