import type { CatalogueItem } from '@/utils/catalogue/schema';
import { analysePost } from '@/utils/detect/analyse';
import { findUrlsInText } from '@/utils/detect/links';
import { normaliseText } from '@/utils/detect/normalise';
import { ownLinksOf } from '@/utils/feed/own-link';
import { type CatalogueIndex, TEXT_MATCH_FLOOR } from '@/utils/match/index';
import { forEachToken } from '@/utils/match/tokens';
import type { Detection, ItemMatch, Post, ReasonCode, VerifiedTier } from '@/utils/types';

/**
 * The studio's draft preview: a typed draft becomes the same `Post` the feed adapters produce, goes through the same
 * `analysePost`, and the result is explained: what matched, what almost matched and why not, and what to add.
 * Pure: the catalogue index and threshold are passed in.
 */
export const DRAFT_POST_ID = 'draft';

export interface DraftInput {
  text: string;
  tier: VerifiedTier;
  /** Simulate Weibo's 广告 / 推荐 tag, to show that promoted posts never get cards. */
  promoted?: boolean;
}

export function draftToPost({ text, tier, promoted = false }: DraftInput): Post {
  return {
    site: 'weibo-pc',
    id: DRAFT_POST_ID,
    author: { uid: DRAFT_POST_ID, name: '', tier },
    text,
    repost: null,
    // A pasted URL is plain text in the draft; on Weibo it becomes a 网页链接 whose destination the adapter reads.
    links: findUrlsInText(text).map(({ url, index }) => ({
      url,
      text: url,
      icon: null,
      inRepost: false,
      offset: index,
    })),
    images: [],
    counts: { reposts: 0, comments: 0, likes: 0 },
    promoted,
    enriched: false,
  };
}

export type NearMiss =
  /** A name mention whose confidence is under the floor the detector used. */
  | { kind: 'weak-name'; item: CatalogueItem; confidence: number; floor: number }
  /** Enough of the name's words, but not written as one name (split up, or the brand far from it): not a mention. */
  | { kind: 'scattered-name'; item: CatalogueItem; confidence: number }
  /** A link or 淘口令 that names no catalogue item (the reason's own detail says which). */
  | { kind: 'unknown-ref'; detail: string }
  /** Would have matched, but the post is an ad. */
  | { kind: 'ad'; item: CatalogueItem }
  /** Matched, but the score stayed under the threshold so no card shows. */
  | { kind: 'below-threshold'; item: CatalogueItem };

export type SuggestionCode =
  | 'add-link'
  | 'name-product'
  | 'complete-name'
  | 'name-together'
  | 'fix-link'
  | 'guide-words'
  | 'verified'
  | 'not-ad';

export interface Suggestion {
  code: SuggestionCode;
  vars?: Record<string, string | number>;
}

export interface DraftAnalysis {
  post: Post;
  detection: Detection;
  matches: ItemMatch[];
  /** Catalogue entries of `matches`, in display order: what the cards show. */
  items: CatalogueItem[];
  nearMisses: NearMiss[];
  /** The draft would show cards in the feed: a guide post with catalogue items. */
  shown: boolean;
  /** Empty when the draft is detected. */
  suggestions: Suggestion[];
  /** Per shown item, the draft's own link that named it (what 查看商品 opens in the feed); null for 淘口令 / names. */
  links: Record<string, string | null>;
}

const EXACT: ReadonlySet<ReasonCode> = new Set(['item-url', 'short-link', 'affiliate-link', 'coupon-link', 'tpwd']);
// How far below the floor a name mention is still worth showing as "almost".
const NEAR_FLOOR = 0.45;
const MAX_WEAK = 3;

/**
 * Items whose brand the draft names and at least `NEAR_FLOOR` of whose name words it writes (idf-weighted), that the
 * matcher did not take: under its floor, or not written as one name. The matcher drops these silently; the studio
 * shows them so the author learns what to complete. A brute scan over brands: fine for one debounced draft.
 */
export function weakMentions(
  text: string,
  index: CatalogueIndex,
  exclude: ReadonlySet<string>,
): { item: CatalogueItem; confidence: number }[] {
  const norm = normaliseText(text).toLowerCase();
  if (!norm) return [];
  const tokens = new Set<string>();
  forEachToken(normaliseText(text), (t) => tokens.add(t));
  const ti = index.text;
  const out: { item: CatalogueItem; confidence: number }[] = [];
  const names = new Set<string>();
  // Words that belong to the names of items already taken: a sibling (same line, other variant) shares them, and
  // listing every sibling of a linked product as "almost" would be noise.
  const claimed = new Set<string>();
  index.items.forEach((item, pos) => {
    if (exclude.has(item.item_id)) for (const t of ti.nameTokens[pos] ?? []) claimed.add(t);
  });
  index.items.forEach((item, pos) => {
    const brand = ti.brand[pos];
    if (!brand || exclude.has(item.item_id) || !norm.includes(brand)) return;
    let got = 0;
    let own = false;
    for (const t of ti.nameTokens[pos] ?? [])
      if (tokens.has(t)) {
        got += ti.idf.get(t) ?? 0;
        if (!claimed.has(t)) own = true;
      }
    if (claimed.size > 0 && !own) return;
    const total = ti.nameNorm[pos] ?? 0;
    const confidence = total > 0 ? got / total : 0;
    if (confidence >= NEAR_FLOOR) out.push({ item, confidence });
  });
  out.sort((a, b) => b.confidence - a.confidence || b.item.volume - a.item.volume);
  // One entry per product name: the same product under several listings is one suggestion.
  return out
    .filter((c) => {
      if (names.has(c.item.short_title)) return false;
      names.add(c.item.short_title);
      return true;
    })
    .slice(0, MAX_WEAK);
}

export function analyseDraft(input: DraftInput, index: CatalogueIndex, threshold: number): DraftAnalysis {
  const post = draftToPost(input);
  const { detection, matches } = analysePost(post, index, { threshold });
  const items = matches.flatMap((m) => {
    const item = index.byItemId.get(m.itemId);
    return item ? [item] : [];
  });
  const reasons = detection.reasons;
  const shown = detection.isGuide && items.length > 0;
  const nearMisses: NearMiss[] = [];

  // What would match with no threshold and no ad tag: the difference is what the verdict withheld.
  if (!shown) {
    const open = analysePost({ ...post, promoted: false }, index, { threshold: Number.MIN_SAFE_INTEGER });
    for (const m of open.matches) {
      const item = index.byItemId.get(m.itemId);
      if (item) nearMisses.push({ kind: post.promoted ? 'ad' : 'below-threshold', item });
    }
  }
  for (const r of reasons) if (r.code === 'unknown-item') nearMisses.push({ kind: 'unknown-ref', detail: r.detail });

  const hasExact = reasons.some((r) => EXACT.has(r.code) && r.itemId);
  const floor = hasExact ? 0.95 : TEXT_MATCH_FLOOR;
  const taken = new Set<string>([
    ...matches.map((m) => m.itemId),
    ...nearMisses.flatMap((n) => ('item' in n ? [n.item.item_id] : [])),
  ]);
  const weak = weakMentions(post.text, index, taken);
  for (const c of weak)
    nearMisses.push(
      c.confidence < floor
        ? { kind: 'weak-name', item: c.item, confidence: c.confidence, floor }
        : { kind: 'scattered-name', item: c.item, confidence: c.confidence },
    );

  const suggestions: Suggestion[] = [];
  if (!shown) {
    if (post.promoted) suggestions.push({ code: 'not-ad' });
    if (!hasExact) suggestions.push({ code: 'add-link' });
    const first = weak[0];
    if (first && first.confidence >= floor)
      suggestions.push({ code: 'name-together', vars: { name: first.item.short_title } });
    else if (first)
      suggestions.push({
        code: 'complete-name',
        vars: { name: first.item.short_title, pct: Math.round(first.confidence * 100) },
      });
    else if (!hasExact && !reasons.some((r) => r.code === 'title-match')) suggestions.push({ code: 'name-product' });
    if (reasons.some((r) => r.code === 'unknown-item')) suggestions.push({ code: 'fix-link' });
    if (!reasons.some((r) => r.code === 'guide-words')) suggestions.push({ code: 'guide-words' });
    if (input.tier === 'none') suggestions.push({ code: 'verified' });
  }

  // Each item's own link, worked out as the feed's answers do (`ownLinksOf`), so the preview opens what the feed would.
  const own = ownLinksOf(post, items);
  const links: Record<string, string | null> = {};
  items.forEach((item, i) => {
    links[item.item_id] = own[i] ?? null;
  });
  return { post, detection, matches, items, shown, nearMisses, suggestions, links };
}
