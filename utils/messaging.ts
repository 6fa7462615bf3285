import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CatalogueItem } from './catalogue/schema';
import type { ZcEvent } from './events/schema';
import type { ReferenceToken } from './match/references';
import type {
  PlaceOrderRequest,
  PlaceOrderResult,
  SaveItemRequest,
  SaveItemResult,
  UnsaveItemRequest,
} from './orders/schema';
import type { Detection, ItemMatch, Post } from './types';

/**
 * The one protocol between content scripts / extension pages and the background worker.
 * Every handler in the background validates `data` with Zod and checks the sender: types here are a promise
 * about well-behaved callers only.
 */
export interface AnalysedPost {
  postId: string;
  detection: Detection;
  matches: ItemMatch[];
  /** Catalogue entries for `matches`, in display order. */
  items: CatalogueItem[];
  /**
   * On guide answers: the post's author as the background read it (posts read ahead were never read in the page; the
   * card's "via @…" line, muting and an order's author need it).
   */
  author?: { uid: string; name: string };
  /**
   * On guide answers, aligned with `items`: the post's own link to each item exactly as written (查看商品 opens it,
   * never a rewritten one), or null when the post named the item only by 淘口令 or by name.
   */
  links?: (string | null)[];
  /**
   * The post is cut and its whole text unknown, and its visible part or its author gives a shopping signal: the page
   * should read its long text (`analyseLongText`). Never on promoted posts, never on an answer about the whole text.
   */
  expand?: true;
  /** On guide answers: the detector's explicit references (kind and id), for the post's exposure in the event log. */
  references?: ReferenceToken[];
}

/** A post of an `analysePosts` batch the worker refused (out of the post schema's bounds): it gets no answer. */
export interface RefusedPost {
  index: number;
  postId?: string;
  reason: string;
}

export interface ProtocolMap {
  ping(): { pong: true; version: string };
  /** Detect + match a batch of extracted posts against the catalogue (held by the background). */
  analysePosts(data: { posts: Post[] }): { results: AnalysedPost[]; refused?: RefusedPost[] };
  /**
   * The same for posts weibo.com's feed has loaded but not drawn, as the page's JSON text (read here, off the page's
   * thread); answers only the posts in `ids` that it could read, so the rest can still be read from the DOM.
   */
  analyseFeedJson(data: { ids: string[]; json: string }): { results: AnalysedPost[] };
  /**
   * A cut post again, with the whole text the page's own long-text answer gave (read by the content script from the
   * page's origin, 展开's request): one answer for the whole post, which replaces the one for the cut post.
   */
  analyseLongText(data: AnalyseLongTextRequest): { result: AnalysedPost | null };
  /** Quick-buy: validated against the catalogue, then one `orders` row is written (utils/worker/orders.ts). */
  placeOrder(data: PlaceOrderRequest): PlaceOrderResult;
  /** 种草 / undo, and the saved item ids for the cards' pressed state (utils/worker/saves.ts). */
  saveItem(data: SaveItemRequest): SaveItemResult;
  unsaveItem(data: UnsaveItemRequest): { ok: true };
  getSavedIds(): { itemIds: string[] };
  /** Event batch from the feed content script's outbox (utils/worker/events.ts). Acks only after the write. */
  logEvents(data: LogEventsRequest): LogEventsResult;
  /** The same for extension pages (popup, dashboard); they are not content scripts, so a separate sender check. */
  logPageEvents(data: LogEventsRequest): LogEventsResult;
  /**
   * The feed names the author of a post whose card the shopper clicked, so the popup can show a click-only item's
   * influencer by name (utils/worker/authors.ts). `stored` is false while logging is paused.
   */
  rememberAuthor(data: RememberAuthorRequest): { stored: boolean };
  /** Popup: catalogue entries by id (max 200), or whose title contains `titleQuery` (max 200 hits). */
  lookupItems(data: { itemIds?: string[]; titleQuery?: string }): { items: CatalogueItem[] };
  /** Popup settings "删除全部数据": clears every table (utils/db/maintenance.ts). */
  deleteAllData(): { ok: true };
  /** Popup: the detection threshold, clamped and kept where pages cannot write it; the answer is what was stored. */
  setThreshold(data: { threshold: number }): { threshold: number };
  /** Worker → feed tabs: the threshold changed, so the posts on screen are analysed again. */
  thresholdChanged(data: { threshold: number }): void;
}

export interface AnalyseLongTextRequest {
  /** The post as drawn (cut), read from the page. */
  post: Post;
  /** `data.longTextContent` of the page's answer: HTML on m.weibo.cn, raw text with t.cn URLs on weibo.com. */
  longText: string;
  /** weibo.com's `data.url_struct`, when the answer had one: the whole text's t.cn links expanded. */
  urlStruct?: unknown[];
}

export interface LogEventsRequest {
  events: ZcEvent[];
  /** Events the sender's outbox dropped (queue cap) since its last delivery. */
  dropped?: number;
}

export interface RememberAuthorRequest {
  authorId: string;
  name: string;
}

export interface LogEventsResult {
  /** Ids now safe to forget: stored, or deliberately not stored because logging is paused. */
  acked: string[];
  /** false when logging is paused: the events were acknowledged but not written. */
  stored: boolean;
  /** Events of the batch refused one by one (by their index in it): never stored, so the sender drops them. */
  refused?: RefusedEvent[];
}

export interface RefusedEvent {
  /** Position in the batch as sent. */
  index: number;
  /** `schema`: malformed; `post`: not a post id; `item`: not a catalogue item; `budget`: over the page view's cap. */
  code: 'schema' | 'post' | 'item' | 'budget';
  reason: string;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
