/** One output row per post: the NDJSON object and its flat CSV form. */
import { classifyLink, type LinkKind } from '../../utils/detect/links';
import type { Reference } from '../../utils/match/references';
import { BOM, type Cell, csvField } from '../../utils/metrics/csv';
import type { Detection, ItemMatch, Post, VerifiedTier } from '../../utils/types';

export interface RowAuthor {
  uid: string;
  name: string;
  tier: VerifiedTier;
}

export interface Row {
  post_id: string;
  mid: string;
  author: RowAuthor;
  text: string;
  links: { url: string; kind: LinkKind }[];
  is_guide: boolean;
  score: number;
  reasons: { code: string; text: string }[];
  references: { kind: Reference['kind']; value: string }[];
  item_ids: string[];
  promoted: boolean;
  truncated: boolean;
  repost: { post_id: string; author: RowAuthor | null } | null;
}

/** What names a reference: the item id, short-link token, click code, 淘口令 core, or else the host. */
export function referenceValue(ref: Reference): string {
  const l = ref.link;
  switch (ref.kind) {
    case 'tpwd':
      return ref.tpwd?.core ?? ref.label;
    case 'item':
    case 'coupon':
      return l?.itemId ?? l?.host ?? ref.label;
    case 'short':
      return l?.token ?? l?.host ?? ref.label;
    case 'affiliate':
      return l?.code ?? l?.host ?? ref.label;
    default:
      return l?.host ?? ref.label;
  }
}

export interface RowInput {
  post: Post;
  postId: string;
  mid: string;
  truncated: boolean;
  detection: Detection;
  matches: ItemMatch[];
  references: Reference[];
  repost: Row['repost'];
}

export function toRow(r: RowInput): Row {
  const { post } = r;
  return {
    post_id: r.postId,
    mid: r.mid,
    author: { uid: post.author.uid, name: post.author.name, tier: post.author.tier },
    text: post.text,
    links: post.links.map((l) => ({ url: l.url, kind: classifyLink(l.url).kind })),
    is_guide: r.detection.isGuide,
    score: r.detection.score,
    reasons: r.detection.reasons.map((x) => ({ code: x.code, text: x.detail })),
    references: r.references.map((ref) => ({ kind: ref.kind, value: referenceValue(ref) })),
    item_ids: r.matches.map((m) => m.itemId),
    promoted: post.promoted,
    truncated: r.truncated,
    repost: r.repost,
  };
}

export const CSV_COLUMNS = [
  'post_id',
  'mid',
  'author_uid',
  'author_name',
  'author_tier',
  'text',
  'links',
  'is_guide',
  'score',
  'reasons',
  'references',
  'item_ids',
  'promoted',
  'truncated',
  'repost_post_id',
  'repost_author_uid',
  'repost_author_name',
  'repost_author_tier',
] as const;

/** The header line, after the BOM spreadsheets need to read 中文 as UTF-8. */
export function csvHeader(): string {
  return `${BOM}${CSV_COLUMNS.join(',')}\r\n`;
}

/** Nested lists are joined: `kind url` per link and `kind:value` per reference with spaces, reasons with ` | `. */
export function csvLine(row: Row): string {
  const cells: Cell[] = [
    row.post_id,
    row.mid,
    row.author.uid,
    row.author.name,
    row.author.tier,
    row.text,
    row.links.map((l) => `${l.kind} ${l.url}`).join(' | '),
    row.is_guide ? 'true' : 'false',
    row.score,
    row.reasons.map((x) => `${x.code}: ${x.text}`).join(' | '),
    row.references.map((x) => `${x.kind}:${x.value}`).join(' '),
    row.item_ids.join(' '),
    row.promoted ? 'true' : 'false',
    row.truncated ? 'true' : 'false',
    row.repost?.post_id ?? '',
    row.repost?.author?.uid ?? '',
    row.repost?.author?.name ?? '',
    row.repost?.author?.tier ?? '',
  ];
  return `${cells.map(csvField).join(',')}\r\n`;
}
