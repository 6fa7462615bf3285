import { storage } from '#imports';
import { type CatalogueCheck, parseCatalogueText } from '@/utils/catalogue/load';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { analysePost, DEFAULT_THRESHOLD } from '@/utils/detect/analyse';
import { ownLinksOf } from '@/utils/feed/own-link';
import { buildCatalogueIndex, type CatalogueIndex } from '@/utils/match/index';
import { referenceTokens } from '@/utils/match/references';
import { type AnalysedPost, onMessage } from '@/utils/messaging';
import { AnalyseFeedJsonRequestSchema, AnalysePostsRequestSchema, PostSchema } from '@/utils/post-schema';
import { settings } from '@/utils/settings';
import { postsFromFeedJson } from '@/utils/sites/page-json';
import type { Post } from '@/utils/types';
import { invalidRequest } from './invalid-request';

/** The last full validation of the packaged catalogue (see `parseCatalogueText`). */
const catalogueCheck = storage.defineItem<CatalogueCheck | null>('local:catalogueCheck', { fallback: null });

export interface LoadedCatalogue {
  items: CatalogueItem[];
  index: CatalogueIndex;
}

let catalogue: Promise<LoadedCatalogue> | null = null;

/**
 * The packaged catalogue and its indexes, loaded once per worker lifetime (memoised promise). Corrupt entries are
 * logged and skipped; a failed load is not cached, so the next message retries.
 */
export function loadCatalogue(): Promise<LoadedCatalogue> {
  catalogue ??= (async () => {
    // The extension's own packaged file (chrome-extension://…), not a network request.
    const res = await fetch(browser.runtime.getURL('/catalogue/items.json'));
    const text = await res.text();
    const known = await catalogueCheck.getValue().catch(() => null);
    const { items, errors, check, validated } = await parseCatalogueText(text, known);
    if (errors.length > 0)
      console.warn(`[zhongcao] catalogue: skipped ${errors.length} invalid entries`, errors.slice(0, 5));
    if (validated) await catalogueCheck.setValue(check).catch(() => undefined);
    return { items, index: buildCatalogueIndex(items) };
  })().catch((e: unknown) => {
    catalogue = null;
    throw e;
  });
  return catalogue;
}

/** Test seam: forget the memoised catalogue. */
export function resetCatalogueForTests(): void {
  catalogue = null;
}

export interface AnalyseDeps {
  getCatalogue: () => Promise<LoadedCatalogue>;
  getThreshold: () => Promise<number>;
}

const defaultDeps: AnalyseDeps = {
  getCatalogue: loadCatalogue,
  getThreshold: () => settings.detectThreshold.getValue(),
};

async function analyseValid(posts: readonly Post[], over: Partial<AnalyseDeps>): Promise<AnalysedPost[]> {
  const deps = { ...defaultDeps, ...over };
  const [{ index }, rawThreshold] = await Promise.all([deps.getCatalogue(), deps.getThreshold()]);
  const threshold = Number.isFinite(rawThreshold) ? rawThreshold : DEFAULT_THRESHOLD;
  return posts.map((post) => {
    const { detection, matches } = analysePost(post, index, { threshold });
    const shown = matches.flatMap((m) => {
      const item = index.byItemId.get(m.itemId);
      return item ? [item] : [];
    });
    const answer: AnalysedPost = { postId: post.id, detection, matches, items: shown };
    if (!detection.isGuide) return answer;
    // What the card needs of the post, worked out here rather than in the page: who wrote it and each item's own link.
    return {
      ...answer,
      author: { uid: post.author.uid, name: post.author.name },
      links: ownLinksOf(post, shown),
      references: referenceTokens(post),
    };
  });
}

/** Validates a batch, then detects and matches every post. Bad shape → throws, and nothing else happens. */
export async function analyseBatch(
  data: unknown,
  over: Partial<AnalyseDeps> = {},
): Promise<{ results: AnalysedPost[] }> {
  const parsed = AnalysePostsRequestSchema.safeParse(data);
  if (!parsed.success) throw invalidRequest('analysePosts', parsed.error);
  return { results: await analyseValid(parsed.data.posts, over) };
}

/**
 * Posts read ahead on weibo.com: reads the asked-for posts out of the page's JSON text, holds each to the post schema
 * (one that fails is left out, not the batch), then answers like `analyseBatch`. A bad request shape throws; posts that
 * cannot be read get no answer.
 */
export async function analyseFeedJson(
  data: unknown,
  over: Partial<AnalyseDeps> = {},
): Promise<{ results: AnalysedPost[] }> {
  const parsed = AnalyseFeedJsonRequestSchema.safeParse(data);
  if (!parsed.success) throw invalidRequest('analyseFeedJson', parsed.error);
  const posts = postsFromFeedJson(parsed.data.json, parsed.data.ids).filter((p) => PostSchema.safeParse(p).success);
  return { results: await analyseValid(posts, over) };
}

/**
 * Registers the `analysePosts` and `analyseFeedJson` handlers; call synchronously at the top level of the background's
 * main.
 */
export function registerAnalyseHandler(): void {
  // Warm the catalogue as soon as the worker starts: a content script's first request then finds it ready.
  loadCatalogue().catch((e: unknown) => console.warn('[zhongcao] catalogue load failed', e));
  onMessage('analysePosts', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id) throw new Error('analysePosts: foreign sender');
    return analyseBatch(data);
  });
  onMessage('analyseFeedJson', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id) throw new Error('analyseFeedJson: foreign sender');
    return analyseFeedJson(data);
  });
}
