import type { CatalogueItem } from '../catalogue/schema';
import { classifyLink, findUrlsInText, type LinkClass } from '../detect/links';
import { findTpwds, type TpwdHit } from '../detect/tpwd';
import type { Post, ReasonCode, ReferenceKey } from '../types';
import type { CatalogueIndex, NamedItem } from './index';

/** One explicit shopping reference in a post: a classified link or a 淘口令. */
export interface Reference {
  kind: 'item' | 'short' | 'affiliate' | 'coupon' | 'shop' | 'tpwd';
  /** In the post itself or in its quoted repost. */
  section: 'post' | 'repost';
  /** Offset in the section's text (links without a known offset sort after the text's own references). */
  offset: number;
  /** What a person would recognise: the link (shortened) or the password as written. */
  label: string;
  link?: LinkClass;
  tpwd?: TpwdHit;
}

const LATE = 1e9;

function shortLabel(url: string): string {
  const s = url.replace(/^https?:\/\//, '').replace(/^\/\//, '');
  return s.length > 48 ? `${s.slice(0, 47)}…` : s;
}

/** A share link's `?tk=` is the 淘口令 itself (2023+ share sheets carry it nowhere else). */
function linkTpwd(c: LinkClass, offset: number, section: Reference['section']): Reference | null {
  if (!c.tk) return null;
  const raw = `tk=${c.tk}`;
  const tpwd: TpwdHit = { core: c.tk, raw, delimiter: 'link', ios: false, index: offset, weak: false };
  return { kind: 'tpwd', section, offset, label: raw, tpwd };
}

function sectionRefs(section: 'post' | 'repost', text: string, links: Post['links'], out: Reference[]): void {
  const add = (url: string, offset: number) => {
    const c = classifyLink(url);
    if (c.kind === 'none') return;
    out.push({ kind: c.kind, section, offset, label: shortLabel(url), link: c });
    const tk = linkTpwd(c, offset, section);
    if (tk) out.push(tk);
  };
  links.forEach((l, i) => {
    add(l.url, l.offset ?? LATE + i);
  });
  for (const u of findUrlsInText(text)) add(u.url, u.index);
  for (const t of findTpwds(text)) {
    out.push({ kind: 'tpwd', section, offset: t.index, label: t.raw, tpwd: t });
  }
}

/** Every explicit reference of a post, post before repost, each in text order. Pure; never throws. */
export function collectReferences(post: Pick<Post, 'text' | 'repost' | 'links'>): Reference[] {
  const own: Reference[] = [];
  const quoted: Reference[] = [];
  const links = Array.isArray(post.links) ? post.links : [];
  sectionRefs(
    'post',
    post.text ?? '',
    links.filter((l) => !l.inRepost),
    own,
  );
  if (post.repost)
    sectionRefs(
      'repost',
      post.repost.text ?? '',
      links.filter((l) => l.inRepost),
      quoted,
    );
  const byOffset = (a: Reference, b: Reference) => a.offset - b.offset;
  return [...own.sort(byOffset), ...quoted.sort(byOffset)];
}

/** The catalogue item a reference names exactly, or null (shop pages and unknown ids resolve to nothing). */
export function resolveReference(ref: Reference, index: CatalogueIndex<NamedItem>): CatalogueItem | null {
  const l = ref.link;
  switch (ref.kind) {
    case 'item':
    case 'coupon':
      return l?.itemId ? (index.byItemId.get(l.itemId) ?? null) : null;
    case 'short':
      return (
        (l?.token ? index.byShortToken.get(l.token) : undefined) ?? (l?.tk ? index.byTpwd.get(l.tk) : undefined) ?? null
      );
    case 'affiliate':
      return l?.code ? (index.byClickCode.get(l.code) ?? null) : null;
    case 'tpwd':
      return ref.tpwd ? (index.byTpwd.get(ref.tpwd.core) ?? null) : null;
    default:
      return null;
  }
}

/** The key a reference is looked up by, for recording references no catalogue holds. */
export function referenceKey(ref: Reference): ReferenceKey {
  const value = ref.tpwd?.core ?? ref.link?.itemId ?? ref.link?.token ?? ref.link?.code ?? ref.label;
  return { kind: ref.kind, value };
}

export function referenceReason(ref: Reference): ReasonCode {
  switch (ref.kind) {
    case 'item':
      return 'item-url';
    case 'short':
      return 'short-link';
    case 'affiliate':
      return 'affiliate-link';
    case 'coupon':
      return 'coupon-link';
    case 'tpwd':
      return 'tpwd';
    default:
      return 'unknown-item';
  }
}

/** A reference as the event log keeps it: its kind and an id, never the text around it. */
export interface ReferenceToken {
  kind: Reference['kind'];
  value: string;
}

/** Longest id kept per reference; real ones are far shorter, so only junk is cut. */
const MAX_VALUE = 64;

/**
 * The id a reference names: item and coupon links their item id, short links their token, affiliate links their click
 * code, shop links their host, 淘口令 their code. Whitespace is dropped so a token list can be space-separated.
 */
export function referenceValue(ref: Reference): string {
  const l = ref.link;
  let v: string | undefined;
  switch (ref.kind) {
    case 'item':
    case 'coupon':
      v = l?.itemId ?? l?.host;
      break;
    case 'short':
      v = l?.token ?? l?.tk;
      break;
    case 'affiliate':
      v = l?.code;
      break;
    case 'shop':
      v = l?.host;
      break;
    case 'tpwd':
      v = ref.tpwd?.core;
      break;
  }
  return (v ?? '?').replace(/\s+/g, '').slice(0, MAX_VALUE) || '?';
}

/** A post's references as tokens, in the order `collectReferences` gives them, at most `max`. */
export function referenceTokens(post: Pick<Post, 'text' | 'repost' | 'links'>, max = 16): ReferenceToken[] {
  return collectReferences(post)
    .slice(0, max)
    .map((ref) => ({ kind: ref.kind, value: referenceValue(ref) }));
}
