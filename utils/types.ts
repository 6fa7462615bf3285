/**
 * The shapes that flow along the content-side data path:
 * page DOM (+ page JSON) → site adapter → Post → detector → Detection → matcher → ItemMatch[] → overlay.
 */

export type VerifiedTier = 'none' | 'yellow' | 'blue' | 'orange' | 'gold';

export type SiteId = 'weibo-pc' | 'weibo-mobile';

export interface PostLink {
  /** The real destination: `weibo.cn/sinaurl?u=` wrappers are unwrapped. */
  url: string;
  /** Visible text of the link (e.g. 网页链接, or the url_title from JSON). */
  text: string;
  /** Link-type icon file name stem, e.g. `timeline_card_small_taobao_default`, or null. */
  icon: string | null;
  /** From page JSON: Weibo itself marked it as a product link. */
  product?: boolean;
  /** In the quoted repost rather than the post itself. */
  inRepost: boolean;
  /** Offset of the link's visible text within `text` (or the repost's text when `inRepost`), when known. */
  offset?: number;
}

export interface Post {
  site: SiteId;
  /** mblogid from the permalink on weibo.com, mid on m.weibo.cn. Everything is keyed on this. */
  id: string;
  author: { uid: string; name: string; tier: VerifiedTier; followers?: number };
  text: string;
  repost: { id?: string; author?: { uid: string; name: string; tier: VerifiedTier }; text: string } | null;
  links: PostLink[];
  images: string[];
  counts: { reposts: number; comments: number; likes: number };
  /** Weibo marked it 广告 / 推荐 / 荐读. */
  promoted: boolean;
  /** Whether page JSON enriched this post. */
  enriched: boolean;
  /** Cut behind 全文/展开 (or `isLongText`), and its whole text is not known yet. */
  truncated?: boolean;
}

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
