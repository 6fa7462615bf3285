import { catalogueForFeed, type PostsCatalogue, prepareCatalogue } from '@/utils/catalogue/loaded';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { detectThresholdItem } from '@/utils/db/protected-item';
import { analysePost, DEFAULT_THRESHOLD } from '@/utils/detect/analyse';
import { clampThreshold } from '@/utils/detect/threshold';
import { displayName } from '@/utils/display-name';
import { ownLinksOf } from '@/utils/feed/own-link';
import { referenceTokens } from '@/utils/match/references';
import { type AnalysedPost, onMessage, type RefusedPost } from '@/utils/messaging';
import {
  AnalyseFeedJsonRequestSchema,
  AnalyseLongTextRequestSchema,
  AnalysePostsEnvelopeSchema,
  PostSchema,
} from '@/utils/post-schema';
import { applyLongText, postsFromFeedJson } from '@/utils/sites/page-json';
import type { Detection, ItemMatch, Post } from '@/utils/types';
import { contentScriptSenderProblem, type SenderInfo } from './events';
import { invalidRequest } from './invalid-request';
import { TabBudget } from './tab-budget';

export interface AnalyseDeps {
  getCatalogue: (posts: readonly Post[]) => Promise<PostsCatalogue>;
  getThreshold: () => Promise<number>;
  /** Called between posts: yields to other tabs' messages and holds a tab to its share (see TabBudget). */
  checkpoint: () => Promise<void>;
}

const defaultDeps: AnalyseDeps = {
  getCatalogue: catalogueForFeed,
  getThreshold: async () => clampThreshold(await detectThresholdItem.getValue()),
  checkpoint: () => Promise.resolve(),
};

async function analyseValid(posts: readonly Post[], over: Partial<AnalyseDeps>): Promise<AnalysedPost[]> {
  const deps = { ...defaultDeps, ...over };
  const [catalogue, rawThreshold] = await Promise.all([deps.getCatalogue(posts), deps.getThreshold()]);
  const { index } = catalogue;
  const threshold = Number.isFinite(rawThreshold) ? rawThreshold : DEFAULT_THRESHOLD;
  const analysed: { post: Post; detection: Detection; matches: ItemMatch[] }[] = [];
  for (const post of posts) {
    analysed.push({ post, ...analysePost(post, index, { threshold }) });
    await deps.checkpoint();
  }
  // Items found by title are known by name only: their card data is read by id, once for the batch.
  const missing = new Set<string>();
  for (const a of analysed) for (const m of a.matches) if (!index.byItemId.has(m.itemId)) missing.add(m.itemId);
  const read = missing.size > 0 && catalogue.itemsById ? await catalogue.itemsById([...missing]) : [];
  const byId = new Map(read.map((item) => [item.item_id, item]));
  const itemOf = (id: string) => index.byItemId.get(id) ?? byId.get(id);
  return analysed.map((a) => answerOf(a.post, a.detection, a.matches, itemOf));
}

function answerOf(
  post: Post,
  detection: Detection,
  matches: ItemMatch[],
  itemOf: (id: string) => CatalogueItem | undefined,
): AnalysedPost {
  const shown = matches.flatMap((m) => itemOf(m.itemId) ?? []);
  const answer: AnalysedPost = { postId: post.id, detection, matches, items: shown };
  if (shouldExpand(post, detection)) answer.expand = true;
  if (!detection.isGuide) return answer;
  // What the card needs of the post, worked out here rather than in the page: who wrote it and each item's own link.
  return {
    ...answer,
    author: { uid: post.author.uid, name: displayName(post.author.name) },
    links: ownLinksOf(post, shown),
    references: referenceTokens(post),
  };
}

/**
 * Whether the page should read a post's whole text: it is cut, and what shows of it (any reason that raises the score)
 * or its author (verified) hints at shopping. Paid posts never get a card, so they are never expanded.
 */
export function shouldExpand(post: Post, detection: Detection): boolean {
  if (!post.truncated || post.promoted) return false;
  return post.author.tier !== 'none' || detection.reasons.some((r) => r.weight > 0);
}

/**
 * Checks the envelope, then each post on its own: the valid posts are detected and matched, the others are named in
 * `refused` (by index, with the reason) and get no answer, so one oversized field never costs the batch its cards.
 * A bad envelope throws, and nothing else happens.
 */
export async function analyseBatch(
  data: unknown,
  over: Partial<AnalyseDeps> = {},
): Promise<{ results: AnalysedPost[]; refused?: RefusedPost[] }> {
  const parsed = AnalysePostsEnvelopeSchema.safeParse(data);
  if (!parsed.success) throw invalidRequest('analysePosts', parsed.error);
  const valid: Post[] = [];
  const refused: RefusedPost[] = [];
  parsed.data.posts.forEach((raw, index) => {
    const post = PostSchema.safeParse(raw);
    if (post.success) {
      valid.push(post.data);
      return;
    }
    const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    const issue = post.error.issues[0];
    refused.push({
      index,
      ...(typeof id === 'string' && id.length <= 64 ? { postId: id } : {}),
      reason: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`.slice(0, 200),
    });
  });
  const results = valid.length > 0 ? await analyseValid(valid, over) : [];
  return refused.length > 0 ? { results, refused } : { results };
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
 * A cut post with its whole text, as the page's long-text answer gave it (read by the content script, 展开's
 * request): the post with that text (`applyLongText`), held to the post schema again, then analysed like any other.
 * A bad request throws; a post that no longer fits the schema gets no answer.
 */
export async function analyseLongText(
  data: unknown,
  over: Partial<AnalyseDeps> = {},
): Promise<{ result: AnalysedPost | null }> {
  const parsed = AnalyseLongTextRequestSchema.safeParse(data);
  if (!parsed.success) throw invalidRequest('analyseLongText', parsed.error);
  const { post, longText, urlStruct } = parsed.data;
  const whole = PostSchema.safeParse(applyLongText(post, longText, urlStruct));
  if (!whole.success) return { result: null };
  // The answer is about the whole text now: never asks for it again, whatever the reader says.
  const [result] = await analyseValid([{ ...whole.data, truncated: false }], over);
  return { result: result ?? null };
}

/** `analyseLongText` for a sender: only our content script on a Weibo page reads long texts; others are refused. */
export async function handleAnalyseLongText(
  data: unknown,
  sender: SenderInfo,
  runtimeId: string,
  over: Partial<AnalyseDeps> = {},
): Promise<{ result: AnalysedPost | null }> {
  const problem = contentScriptSenderProblem(sender, runtimeId);
  if (problem) throw new Error(`analyseLongText: ${problem}`);
  return analyseLongText(data, over);
}

/**
 * Registers the `analysePosts`, `analyseFeedJson` and `analyseLongText` handlers; call synchronously at the top level of the background's
 * main.
 */
export function registerAnalyseHandler(budget: TabBudget = new TabBudget()): void {
  // Warm the catalogue as soon as the worker starts: a content script's first request then finds it ready.
  prepareCatalogue().catch((e: unknown) => console.warn('[zhongcao] catalogue load failed', e));
  onMessage('analysePosts', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id) throw new Error('analysePosts: foreign sender');
    return budget.run(tabKey(sender), (checkpoint) => analyseBatch(data, { checkpoint }));
  });
  onMessage('analyseFeedJson', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id) throw new Error('analyseFeedJson: foreign sender');
    return budget.run(tabKey(sender), (checkpoint) => analyseFeedJson(data, { checkpoint }));
  });
  onMessage('analyseLongText', ({ data, sender }) => handleAnalyseLongText(data, sender, browser.runtime.id));
}

/** Whose budget a request spends: its tab, or for extension pages their URL. */
function tabKey(sender: { tab?: { id?: number }; url?: string }): string {
  return typeof sender.tab?.id === 'number' ? `tab:${sender.tab.id}` : `page:${sender.url ?? ''}`;
}
