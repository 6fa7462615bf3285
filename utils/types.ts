/**
 * The shapes that flow along the content-side data path:
 * page DOM (+ page JSON) → site adapter → Post → detector → Detection → matcher → ItemMatch[] → overlay.
 */

// Type-only: the schema is the single source of a post's shape, and content-side code never bundles Zod.
import type { z } from 'zod';
import type { PostLinkSchema, PostSchema } from './post-schema';

/** A post as a site reader hands it on, and as the worker holds it to `PostSchema` (utils/post-schema.ts). */
export type Post = z.infer<typeof PostSchema>;
export type PostLink = z.infer<typeof PostLinkSchema>;
export type SiteId = Post['site'];
export type VerifiedTier = Post['author']['tier'];

export type ReasonCode =
  | 'item-url'
  | 'short-link'
  | 'affiliate-link'
  | 'coupon-link'
  | 'tpwd'
  | 'shop-icon'
  | 'product-json'
  | 'title-match'
  | 'guide-words'
  | 'author-tier'
  | 'repost-of-guide'
  | 'ad'
  | 'unknown-item';

export interface Reason {
  code: ReasonCode;
  /** Score contribution (negative for penalties). */
  weight: number;
  /** Human text, zh-CN, e.g. 含淘口令 ￥uL1c0Yz0Zkk￥ */
  detail: string;
  /** The catalogue item this reason points at, if any. */
  itemId?: string;
  /** For `unknown-item`: the reference no catalogue holds, as the matcher would look it up (issue 26). */
  ref?: ReferenceKey;
}

/** A shopping reference by kind and lookup value: item id, short-link token, 淘客 code, 淘口令 core, else the link. */
export interface ReferenceKey {
  kind: 'item' | 'short' | 'affiliate' | 'coupon' | 'shop' | 'tpwd';
  value: string;
}

export interface Detection {
  postId: string;
  isGuide: boolean;
  score: number;
  threshold: number;
  reasons: Reason[];
}

export interface ItemMatch {
  itemId: string;
  /** exact = URL / short link / 淘口令 resolved through an index; text = title similarity. */
  kind: 'exact' | 'text';
  confidence: number;
  via: ReasonCode;
}
