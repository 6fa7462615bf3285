import type { CatalogueItem } from '../catalogue/schema';
import { normaliseText } from '../detect/normalise';
import type { ItemMatch, Post } from '../types';
import { collectReferences, referenceReason, resolveReference } from './references';
import { forEachToken } from './tokens';

/**
 * What the title index needs of an item to find, check and rank a mention. The feed's path keeps only this much of
 * each resident item; the card's data is read by id for the items a post names.
 */
export type NamedItem = Pick<CatalogueItem, 'item_id' | 'brand' | 'short_title' | 'volume'>;

/**
 * Catalogue indexes, built once per session (the background memoises one per worker lifetime): exact maps for
 * every explicit reference form, and an inverted index over item names for text-only mentions.
 */
export interface CatalogueIndex<I extends NamedItem = CatalogueItem> {
  /** The items of the title index, by position. */
  readonly items: readonly I[];
  readonly byItemId: ReadonlyMap<string, CatalogueItem>;
  /** `s.click.taobao.com/<code>` → item. */
  readonly byClickCode: ReadonlyMap<string, CatalogueItem>;
  /** `m.tb.cn/h.<token>` → item. */
  readonly byShortToken: ReadonlyMap<string, CatalogueItem>;
  /** 淘口令 core → item. */
  readonly byTpwd: ReadonlyMap<string, CatalogueItem>;
  readonly text: TextIndex;
}

export interface TextIndex {
  /** token → positions (into `items`) of the items whose name contains it. */
  readonly postings: ReadonlyMap<string, Int32Array>;
  readonly idf: ReadonlyMap<string, number>;
  /** Per item: unique tokens of its name (brand + short title). Coverage of these is the match confidence. */
  readonly nameTokens: readonly (readonly string[])[];
  /** Per item: Σ idf over `nameTokens`, the best score a post could reach for it. */
  readonly nameNorm: Float64Array;
  /** Per item: lower-cased brand, which a mention must name. */
  readonly brand: readonly string[];
  /** Postings longer than this are skipped when gathering candidates: a token that common selects nothing. */
  readonly maxDf: number;
  /** Per-item accumulator reused by `matchText`; all zeros between calls. */
  readonly scratch: Float64Array;
}

export interface TextCandidate<I extends NamedItem = CatalogueItem> {
  item: I;
  confidence: number;
  /** Offset of the earliest matched name token in the normalised text. */
  offset: number;
}

/** Minimum share (idf-weighted) of an item's name that a post must contain for a text match. */
export const TEXT_MATCH_FLOOR = 0.8;
export const MAX_TEXT_MATCHES = 3;
export const MAX_MATCHES = 6;
// Beyond this many characters a post is a wall of text; product mentions in it live near the top.
const TEXT_SCAN_LIMIT = 6000;
const CANDIDATE_POOL = 40;

function nameOf(item: NamedItem): string {
  const short = item.short_title;
  return short.toLowerCase().includes(item.brand.toLowerCase()) ? short : `${item.brand} ${short}`;
}

/**
 * The name as separate words: brand, then the rest. People write 「彩棠的烟酰胺散粉」 as often as 「彩棠烟酰胺散粉」, so
 * the bigram bridging brand and product (棠烟) must not be part of what a mention has to contain.
 */
function nameWords(item: NamedItem): string {
  const short = item.short_title;
  const at = short.toLowerCase().indexOf(item.brand.toLowerCase());
  if (at < 0) return `${item.brand} ${short}`;
  return `${short.slice(0, at)} ${short.slice(at, at + item.brand.length)} ${short.slice(at + item.brand.length)}`;
}

/** The exact-reference maps of `items`, the first entry of each key winning. */
export function buildExactMaps(
  items: readonly CatalogueItem[],
): Pick<CatalogueIndex, 'byItemId' | 'byClickCode' | 'byShortToken' | 'byTpwd'> {
  const byItemId = new Map<string, CatalogueItem>();
  const byClickCode = new Map<string, CatalogueItem>();
  const byShortToken = new Map<string, CatalogueItem>();
  const byTpwd = new Map<string, CatalogueItem>();
  for (const item of items) {
    // First entry wins on a collision, so a corrupt duplicate later in the file cannot hijack a reference.
    if (!byItemId.has(item.item_id)) byItemId.set(item.item_id, item);
    const code = /^https:\/\/s\.click\.taobao\.com\/([A-Za-z0-9]+)$/.exec(item.click_url)?.[1];
    if (code && !byClickCode.has(code)) byClickCode.set(code, item);
    const token = /^https:\/\/m\.tb\.cn\/h\.([A-Za-z0-9]+)$/.exec(item.short_url)?.[1];
    if (token && !byShortToken.has(token)) byShortToken.set(token, item);
    if (item.tpwd && !byTpwd.has(item.tpwd)) byTpwd.set(item.tpwd, item);
  }
  return { byItemId, byClickCode, byShortToken, byTpwd };
}

export function buildCatalogueIndex(items: readonly CatalogueItem[]): CatalogueIndex {
  const { byItemId, byClickCode, byShortToken, byTpwd } = buildExactMaps(items);
  const lists = new Map<string, number[]>();
  const nameTokens: string[][] = [];
  const brand: string[] = [];

  items.forEach((item, pos) => {
    // Only the name (brand + short title) is indexed: long titles are SEO word lists (学生党 送女友 新品上市) that
    // would make every post a candidate for thousands of items and match nothing more precisely.
    const names = new Set<string>();
    forEachToken(normaliseText(nameWords(item)), (t) => names.add(t));
    for (const t of names) {
      let l = lists.get(t);
      if (!l) {
        l = [];
        lists.set(t, l);
      }
      l.push(pos);
    }
    nameTokens.push([...names]);
    brand.push(normaliseText(item.brand).toLowerCase());
  });

  const n = Math.max(items.length, 1);
  const postings = new Map<string, Int32Array>();
  const idf = new Map<string, number>();
  for (const [t, l] of lists) {
    postings.set(t, Int32Array.from(l));
    // BM25's idf, floored at a small positive value so very common tokens still count toward coverage.
    idf.set(t, Math.max(0.05, Math.log(1 + (n - l.length + 0.5) / (l.length + 0.5))));
  }
  const nameNorm = new Float64Array(items.length);
  nameTokens.forEach((toks, pos) => {
    let s = 0;
    for (const t of toks) s += idf.get(t) ?? 0;
    nameNorm[pos] = s;
  });
  return {
    items,
    byItemId,
    byClickCode,
    byShortToken,
    byTpwd,
    text: {
      postings,
      idf,
      nameTokens,
      nameNorm,
      brand,
      maxDf: Math.max(60, Math.ceil(n * 0.02)),
      scratch: new Float64Array(items.length),
    },
  };
}

/** Share of a product name (brand left out) that must appear as one unbroken run of the text. */
const CONTIGUOUS_SHARE = 0.7;
/** Characters allowed between the brand and the product words (的, a space, a colon …). */
const BRAND_GAP = 3;

/** The text lower-cased without white space, with each character's offset in the original text. */
interface CompactText {
  text: string;
  at: Int32Array;
}

function compactOf(lower: string): CompactText {
  const at = new Int32Array(lower.length);
  let text = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] as string;
    if (/\s/.test(ch)) continue;
    at[text.length] = i;
    text += ch;
  }
  return { text, at };
}

/**
 * Where the text names the product, or -1. Coverage counts tokens anywhere in the post, and guide posts paste whole
 * SEO titles (…快充 护眼屏 拍照手机), so the words of a sibling's name (小米K80拍照手机) can all be present without
 * anyone naming it: a real mention writes most of the product part of the name (brand left out) in one piece, and
 * all of it when `whole` (a sibling of a product the post already links must be named exactly to count).
 */
function mentionAt(item: NamedItem, compact: CompactText, whole: boolean): number {
  const brand = normaliseText(item.brand).toLowerCase().replace(/\s+/g, '');
  const rest = normaliseText(item.short_title).toLowerCase().replace(/\s+/g, '').replace(brand, '');
  if (rest.length <= 1) {
    const b = compact.text.indexOf(brand);
    return b < 0 ? -1 : (compact.at[b] ?? -1);
  }
  const need = whole ? rest.length : Math.max(2, Math.ceil(rest.length * CONTIGUOUS_SHARE));
  for (let len = rest.length; len >= need; len--) {
    for (let i = 0; i + len <= rest.length; i++) {
      const run = rest.slice(i, i + len);
      for (let found = compact.text.indexOf(run); found >= 0; found = compact.text.indexOf(run, found + 1)) {
        // The brand must lead into the name (彩棠的烟酰胺散粉): 伊芙丽高级感小脚牛仔裤 beside 以纯羽绒服 names no 以纯 jeans.
        const b = compact.text.lastIndexOf(brand, found);
        if (b >= 0 && found - (b + brand.length) <= BRAND_GAP + i) return compact.at[b] ?? -1;
      }
    }
  }
  return -1;
}

/**
 * Items whose names the text mentions, best first, at most `limit`, each with confidence ≥ `floor`.
 * "Match precisely or not at all": an item needs its brand named and ≥ `floor` of its name's idf mass present,
 * and a candidate whose matched tokens are a subset of a better one's (a shorter name inside a longer one) is dropped.
 */
export function matchText<I extends NamedItem>(
  rawText: string,
  index: CatalogueIndex<I>,
  opts: { floor?: number; limit?: number; exclude?: ReadonlySet<string> } = {},
): TextCandidate<I>[] {
  const floor = opts.floor ?? TEXT_MATCH_FLOOR;
  const limit = opts.limit ?? MAX_TEXT_MATCHES;
  const ti = index.text;
  if (!rawText || index.items.length === 0) return [];
  const text = normaliseText(rawText.length > TEXT_SCAN_LIMIT ? rawText.slice(0, TEXT_SCAN_LIMIT) : rawText);
  const lower = text.toLowerCase();
  const firstAt = new Map<string, number>();
  forEachToken(text, (t, off) => {
    if (!firstAt.has(t)) firstAt.set(t, off);
  });

  // Gather candidates from selective tokens only; accumulate their idf as a lower bound of coverage.
  // Typed scratch accumulator shared by calls (matchText is synchronous): no per-post Map of thousands of entries.
  const acc = ti.scratch;
  const touched: number[] = [];
  for (const t of firstAt.keys()) {
    const p = ti.postings.get(t);
    if (!p || p.length > ti.maxDf) continue;
    const w = ti.idf.get(t) ?? 0;
    for (let k = 0; k < p.length; k++) {
      const pos = p[k] as number;
      if (acc[pos] === 0) touched.push(pos);
      acc[pos] = (acc[pos] ?? 0) + w;
    }
  }
  if (touched.length === 0) return [];
  const pool: [number, number][] = [];
  for (const pos of touched) {
    const norm = ti.nameNorm[pos] ?? 1;
    const share = (acc[pos] ?? 0) / norm;
    acc[pos] = 0;
    if (share > 0.25) pool.push([pos, share]);
  }
  pool.sort((a, b) => b[1] - a[1]);
  if (pool.length > CANDIDATE_POOL) pool.length = CANDIDATE_POOL;

  // Names of items the post already references explicitly: a mention whose tokens all belong to one of them is that
  // product talked about (水星家纺床单 beside a link to 水星家纺床单2026新款), not a further product.
  const claimed: Set<string>[] = [];
  const claimedBrands = new Set<string>();
  for (const id of opts.exclude ?? []) {
    const item = index.byItemId.get(id);
    if (!item) continue;
    const toks = new Set<string>();
    forEachToken(normaliseText(nameWords(item)), (t) => toks.add(t));
    claimed.push(toks);
    claimedBrands.add(normaliseText(item.brand).toLowerCase());
  }
  const scored: { pos: number; conf: number; matched: Set<string>; offset: number }[] = [];
  let compact: CompactText | undefined;
  for (const [pos] of pool) {
    const item = index.items[pos];
    if (!item || opts.exclude?.has(item.item_id)) continue;
    const brand = ti.brand[pos] ?? '';
    if (!brand || !lower.includes(brand)) continue;
    const toks = ti.nameTokens[pos] ?? [];
    let got = 0;
    let offset = Number.POSITIVE_INFINITY;
    const matched = new Set<string>();
    for (const t of toks) {
      const at = firstAt.get(t);
      if (at === undefined) continue;
      got += ti.idf.get(t) ?? 0;
      matched.add(t);
      if (at < offset) offset = at;
    }
    const norm = ti.nameNorm[pos] ?? 0;
    const conf = norm > 0 ? got / norm : 0;
    if (conf < floor) continue;
    compact ??= compactOf(lower);
    const at = mentionAt(item, compact, claimedBrands.has(brand));
    if (at < 0) continue;
    scored.push({ pos, conf, matched, offset: at });
  }
  scored.sort(
    (a, b) =>
      b.conf - a.conf ||
      (ti.nameNorm[b.pos] ?? 0) - (ti.nameNorm[a.pos] ?? 0) ||
      (index.items[b.pos]?.volume ?? 0) - (index.items[a.pos]?.volume ?? 0) ||
      a.pos - b.pos,
  );
  const chosen: typeof scored = [];
  const chosenNames = new Set<string>();
  for (const c of scored) {
    if (chosen.length >= limit) break;
    const item = index.items[c.pos];
    if (!item) continue;
    // Same product sold under several listings: keep the best-selling one only.
    const name = nameOf(item).toLowerCase();
    if (chosenNames.has(name)) continue;
    if (chosen.some((k) => [...c.matched].every((t) => k.matched.has(t)))) continue;
    if (claimed.some((k) => [...c.matched].every((t) => k.has(t)))) continue;
    chosen.push(c);
    chosenNames.add(name);
  }
  return chosen
    .sort((a, b) => a.offset - b.offset)
    .map((c) => ({ item: index.items[c.pos] as I, confidence: c.conf, offset: c.offset }));
}

/** The post's own text followed by its quoted repost's, which is where a repost's products are named. */
export function postText(post: Pick<Post, 'text' | 'repost'>): string {
  return post.repost?.text ? `${post.text}\n${post.repost.text}` : post.text;
}

/**
 * Items a post refers to, in display order = the order the post mentions them: explicit references (item links,
 * short and affiliate links, coupons, 淘口令) resolved exactly and deduplicated, and up to three text mentions,
 * interleaved by where they stand in the text (the post's own text before its quoted repost). No guide decision
 * here: `analysePost` decides whether the post gets cards at all.
 */
export function matchItems(post: Post, index: CatalogueIndex<NamedItem>): ItemMatch[] {
  const placed: { match: ItemMatch; at: number }[] = [];
  const seen = new Set<string>();
  const repostStart = (post.text?.length ?? 0) + 1;
  for (const ref of collectReferences(post)) {
    const item = resolveReference(ref, index);
    if (!item || seen.has(item.item_id)) continue;
    seen.add(item.item_id);
    const at = ref.section === 'post' ? ref.offset : repostStart + ref.offset;
    placed.push({ match: { itemId: item.item_id, kind: 'exact', confidence: 1, via: referenceReason(ref) }, at });
    if (placed.length >= MAX_MATCHES) break;
  }
  const room = Math.min(MAX_TEXT_MATCHES, MAX_MATCHES - placed.length);
  // With explicit references present, a name mention must be near-verbatim to add a further card.
  const floor = placed.length > 0 ? 0.95 : TEXT_MATCH_FLOOR;
  if (room > 0) {
    for (const c of matchText(postText(post), index, { floor, limit: room, exclude: seen })) {
      placed.push({
        match: { itemId: c.item.item_id, kind: 'text', confidence: round2(c.confidence), via: 'title-match' },
        at: c.offset,
      });
    }
  }
  // Stable sort: references with the same position keep their collection order.
  return placed.sort((a, b) => a.at - b.at).map((p) => p.match);
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
