import type { CatalogueItem } from '../catalogue/schema';
import {
  type CatalogueIndex,
  MAX_MATCHES,
  MAX_TEXT_MATCHES,
  matchText,
  type NamedItem,
  postText,
  round2,
  TEXT_MATCH_FLOOR,
} from '../match/index';
import {
  collectReferences,
  type Reference,
  referenceKey,
  referenceReason,
  resolveReference,
} from '../match/references';
import type { Detection, ItemMatch, Post, Reason, VerifiedTier } from '../types';
import { classifyLink } from './links';
import { foldShareText } from './normalise';
import { DEFAULT_THRESHOLD } from './threshold';
import { GUIDE_WORDS } from './vocab';

/**
 * The guide-post decision: every signal adds a weighted, human-readable `Reason`. A post is a guide post when it is not
 * paid for, names something to buy (a shopping reference: a Taobao/Tmall link or 淘口令, a link Weibo marks as a
 * product or shop, a catalogue product by name), and its score reaches the threshold; it gets cards when a catalogue
 * item matched too. Vocabulary and the author's tier alone never make a guide post. Pure: no DOM, no browser APIs.
 */
export { DEFAULT_THRESHOLD };

export const WEIGHTS = {
  /** An explicit reference resolved to a catalogue item is, alone, enough. */
  exact: 4,
  unknownItem: 1,
  shopIcon: 1,
  productJson: 1,
  titleFirst: 2,
  titleMore: 0.5,
  guideWordsCap: 2,
  repostOfGuide: 1,
  ad: -10,
} as const;

const TIER_WEIGHT: Record<VerifiedTier, number> = { gold: 1, orange: 0.5, yellow: 0.5, blue: 0.5, none: 0 };
const TIER_TEXT: Record<VerifiedTier, string> = {
  gold: '作者为金V红人',
  orange: '作者为橙V认证用户',
  yellow: '作者为黄V认证用户',
  blue: '作者为蓝V机构账号',
  none: '',
};
// Link-type icons Weibo shows for commerce links (`timeline_card_small_taobao_default`, `..._buy_default`).
const SHOP_ICON = /taobao|tmall|buy|shop|commodity/i;
// Scanning more than this for vocabulary is wasted work on hostile walls of text.
const VOCAB_SCAN_LIMIT = 6000;

function itemName(item: NamedItem): string {
  return item.short_title;
}

function fmtFollowers(n: number): string {
  if (n >= 1e8) return `${round2(n / 1e8)}亿`;
  if (n >= 1e4) return `${Math.round(n / 1e3) / 10}万`;
  return String(n);
}

function refDetail(ref: Reference, item: CatalogueItem | null): string {
  const pre = ref.section === 'repost' ? '原博' : '';
  const name = item ? `「${itemName(item)}」` : '';
  if (!item) {
    switch (ref.kind) {
      case 'tpwd':
        return `${pre}含淘口令 ${ref.label}，但对应商品不在商品库中`;
      case 'shop':
        return `${pre}店铺链接 ${ref.label} 不指向具体商品`;
      default:
        return `${pre}商品链接 ${ref.label} 不在商品库中`;
    }
  }
  switch (ref.kind) {
    case 'tpwd':
      return `${pre}含淘口令 ${ref.label}${ref.tpwd?.ios ? '（iOS 长口令）' : ''}，指向${name}`;
    case 'short':
      return `${pre}淘宝短链 ${ref.label} 指向${name}`;
    case 'affiliate':
      return `${pre}淘宝联盟推广链接指向${name}`;
    case 'coupon':
      return `${pre}优惠券链接指向${name}`;
    default:
      return `${pre}商品链接指向${name}`;
  }
}

function guideWords(folded: string): { weight: number; words: string[] } {
  const t = folded.length > VOCAB_SCAN_LIMIT ? folded.slice(0, VOCAB_SCAN_LIMIT) : folded;
  let weight = 0;
  const words: string[] = [];
  for (const g of GUIDE_WORDS) {
    if (g.re.test(t)) {
      weight += g.weight;
      words.push(g.word);
    }
  }
  return { weight: Math.min(WEIGHTS.guideWordsCap, weight), words };
}

// @mentions name accounts (…攻略组, …好物推荐官): an account's name is not what the post says.
const MENTION = /@[^\s@:：,，。!！?？#/]{1,30}/g;

/**
 * The text the vocabulary reads: the post without Weibo's own link labels (网页链接, -高级版, a shop's name on a link
 * card) and without @mentions, folded the way share text is obfuscated.
 */
function vocabularyText(text: string, links: readonly { text: string }[], names: readonly string[]): string {
  let t = text.length > VOCAB_SCAN_LIMIT * 2 ? text.slice(0, VOCAB_SCAN_LIMIT * 2) : text;
  t = t.replace(MENTION, ' ');
  for (const l of links) if (l.text && l.text.length <= 60) t = t.split(l.text).join(' ');
  for (const name of names) if (name.length >= 2) t = t.split(name).join(' ');
  return foldShareText(t.split('网页链接').join(' '));
}

interface Acc {
  reasons: Reason[];
  matches: ItemMatch[];
  seen: Set<string>;
  /** Where each matched item is first mentioned (post text, then repost text): the cards' display order. */
  at: Map<string, number>;
}

function addExact(acc: Acc, refs: Reference[], index: CatalogueIndex<NamedItem>, base: number): number {
  let score = 0;
  const unknown = new Set<string>();
  for (const ref of refs) {
    const item = resolveReference(ref, index);
    if (item) {
      if (acc.seen.has(item.item_id)) continue;
      acc.seen.add(item.item_id);
      const via = referenceReason(ref);
      acc.reasons.push({ code: via, weight: WEIGHTS.exact, detail: refDetail(ref, item), itemId: item.item_id });
      if (acc.matches.length < MAX_MATCHES) {
        acc.matches.push({ itemId: item.item_id, kind: 'exact', confidence: 1, via });
        acc.at.set(item.item_id, base + ref.offset);
      }
      score += WEIGHTS.exact;
    } else if (!ref.tpwd?.weak) {
      const key = `${ref.kind}:${ref.label}`;
      if (unknown.has(key)) continue;
      unknown.add(key);
      // One unknown reference already shows shopping intent; more of them add nothing.
      const weight = unknown.size === 1 ? WEIGHTS.unknownItem : 0;
      acc.reasons.push({ code: 'unknown-item', weight, detail: refDetail(ref, null), ref: referenceKey(ref) });
      score += weight;
    }
  }
  return score;
}

export interface AnalyseOptions {
  threshold: number;
}

export function analysePost(
  post: Post,
  index: CatalogueIndex<NamedItem>,
  opts: AnalyseOptions = { threshold: DEFAULT_THRESHOLD },
): { detection: Detection; matches: ItemMatch[] } {
  const threshold = Number.isFinite(opts.threshold) ? opts.threshold : DEFAULT_THRESHOLD;
  const acc: Acc = { reasons: [], matches: [], seen: new Set(), at: new Map() };
  let score = 0;

  if (post.promoted) {
    acc.reasons.push({ code: 'ad', weight: WEIGHTS.ad, detail: '微博标注为广告/推荐内容，不展示商品卡片' });
    score += WEIGHTS.ad;
  }

  const refs = collectReferences(post);
  const ownRefs = refs.filter((r) => r.section === 'post');
  const repostRefs = refs.filter((r) => r.section === 'repost');
  score += addExact(acc, ownRefs, index, 0);
  const beforeRepost = acc.reasons.length;
  const repostExact = addExact(acc, repostRefs, index, post.text.length + 1);
  score += repostExact;

  // Links Weibo itself marks as commerce but which we could not resolve (t.cn, unknown hosts).
  const links = Array.isArray(post.links) ? post.links : [];
  const iconLink = links.find((l) => l.icon && SHOP_ICON.test(l.icon));
  if (iconLink) {
    acc.reasons.push({
      code: 'shop-icon',
      weight: WEIGHTS.shopIcon,
      detail: `链接图标显示为购物链接（${iconLink.icon}）`,
    });
    score += WEIGHTS.shopIcon;
  }
  const productLink = links.find((l) => l.product);
  if (productLink) {
    acc.reasons.push({ code: 'product-json', weight: WEIGHTS.productJson, detail: '微博页面数据将链接标记为商品' });
    score += WEIGHTS.productJson;
  }
  const marked = links.filter(
    (l) => (l.product || (l.icon && SHOP_ICON.test(l.icon))) && classifyLink(l.url).kind === 'none',
  );
  if (marked.length > 0 && !acc.reasons.some((r) => r.code === 'unknown-item')) {
    acc.reasons.push({ code: 'unknown-item', weight: 0, detail: '购物链接无法在本机解析到具体商品' });
  }

  // Name mentions: a near-verbatim bar when explicit references already chose the products.
  const full = postText(post);
  const exactCount = acc.matches.length;
  const room = Math.min(MAX_TEXT_MATCHES, MAX_MATCHES - exactCount);
  const floor = exactCount > 0 ? 0.95 : TEXT_MATCH_FLOOR;
  const mentions = room > 0 ? matchText(full, index, { floor, limit: room, exclude: acc.seen }) : [];
  const ownLen = post.text.length;
  let repostTitle = 0;
  mentions.forEach((m, i) => {
    // Above the floor a mention is a mention; phrasing (「X的Y」) should not decide whether the post is a guide.
    const weight = exactCount === 0 && i === 0 ? WEIGHTS.titleFirst : WEIGHTS.titleMore;
    acc.seen.add(m.item.item_id);
    acc.reasons.push({
      code: 'title-match',
      weight,
      detail: `提到商品「${itemName(m.item)}」（名称匹配度 ${Math.round(m.confidence * 100)}%）`,
      itemId: m.item.item_id,
    });
    acc.matches.push({ itemId: m.item.item_id, kind: 'text', confidence: round2(m.confidence), via: 'title-match' });
    acc.at.set(m.item.item_id, m.offset);
    score += weight;
    if (m.offset > ownLen) repostTitle += weight;
  });

  // Something to buy is named: a resolved or unresolved reference, a link Weibo marks for commerce, a product name.
  const hasReference =
    acc.matches.length > 0 || refs.some((r) => !r.tpwd?.weak) || iconLink !== undefined || productLink !== undefined;

  const names = [post.author?.name ?? '', post.repost?.author?.name ?? ''];
  const g = guideWords(vocabularyText(full, links, names));
  if (g.words.length > 0) {
    acc.reasons.push({ code: 'guide-words', weight: g.weight, detail: `含导购用语：${g.words.join('、')}` });
    score += g.weight;
  }

  // The author's standing raises a post that names something to buy; on its own it says nothing (celebrities).
  const tier = post.author?.tier ?? 'none';
  let tierWeight = hasReference ? (TIER_WEIGHT[tier] ?? 0) : 0;
  const followers = post.author?.followers;
  const big = hasReference && typeof followers === 'number' && followers >= 1e6;
  if (big) tierWeight += 0.5;
  if (tierWeight > 0) {
    const who = TIER_TEXT[tier] || '作者';
    acc.reasons.push({
      code: 'author-tier',
      weight: tierWeight,
      detail: big ? `${who}，粉丝 ${fmtFollowers(followers as number)}` : who,
    });
    score += tierWeight;
  }

  // A repost of a guide post is a guide post: judge the quoted post on its own signals.
  if (post.repost && (repostExact > 0 || repostTitle > 0)) {
    const rg = guideWords(vocabularyText(post.repost.text ?? '', links, names));
    const rtier = post.repost.author ? (TIER_WEIGHT[post.repost.author.tier] ?? 0) : 0;
    const repostScore = repostExact + repostTitle + rg.weight + rtier;
    const hasItems = acc.reasons.slice(beforeRepost).some((r) => r.itemId) || repostTitle > 0;
    if (repostScore >= threshold && hasItems) {
      const name = post.repost.author?.name ? `（@${post.repost.author.name}）` : '';
      // Enough to carry the post over the line: the quoted guide is what the reader is shown.
      const weight = post.promoted ? WEIGHTS.repostOfGuide : Math.max(WEIGHTS.repostOfGuide, threshold - score);
      acc.reasons.push({ code: 'repost-of-guide', weight, detail: `转发的原博是导购博文${name}` });
      score += weight;
    }
  }

  score = round2(score);
  const isGuide = !post.promoted && hasReference && score >= threshold;
  // Cards follow the order in which the post mentions its products, whether by link, 淘口令 or name.
  acc.matches.sort((a, b) => (acc.at.get(a.itemId) ?? 0) - (acc.at.get(b.itemId) ?? 0));
  return {
    detection: { postId: post.id, isGuide, score, threshold, reasons: acc.reasons },
    // Cards only for guide posts; a guide post whose products no catalogue holds gets none (its reasons say why).
    matches: isGuide ? acc.matches : [],
  };
}
