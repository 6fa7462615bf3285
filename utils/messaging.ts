import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CatalogueItem } from './catalogue/schema';
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
}

export interface ProtocolMap {
  ping(): { pong: true; version: string };
  /** Detect + match a batch of extracted posts against the catalogue (held by the background). */
  analysePosts(data: { posts: Post[] }): { results: AnalysedPost[] };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
