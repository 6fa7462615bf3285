/**
 * The one place the command reads a post: the extension's own JSON reader (both Weibo shapes), so the command sees
 * a post exactly as the extension does, and the long-text rule it applies when 展开 is pressed.
 */
import { applyLongText, postFromMblog } from '../../utils/sites/page-json';
import { bidToMid, midToBid } from '../../utils/sites/weibo-id';
import type { Post } from '../../utils/types';
import { type Obj, obj } from './shapes';

export function readPost(json: Obj): Post | null {
  return postFromMblog(json);
}

/** The post with its whole text from a long-text answer (HTML on m.weibo.cn, raw text + url_struct on weibo.com). */
export function withLongText(post: Post, content: string, urlStruct?: unknown): Post {
  return applyLongText(post, content, urlStruct);
}

function idOf(v: unknown): string {
  if (typeof v === 'string' && /^[A-Za-z0-9]{1,32}$/.test(v)) return v;
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? String(v) : '';
}

/**
 * `post_id` (weibo.com's mblogid, m.weibo.cn's bid: the same base62 id) and `mid` of a post object, each derived
 * from the other when the object names only one.
 */
export function idsOf(json: Obj): { postId: string; mid: string } {
  let postId = idOf(json.mblogid) || idOf(json.bid);
  let mid = [json.mid, json.idstr, json.id].map(idOf).find((v) => /^\d{1,20}$/.test(v)) ?? '';
  if (!mid && postId) mid = bidToMid(postId) ?? '';
  if (!postId && mid) postId = midToBid(mid) ?? '';
  return { postId, mid };
}

export function quotedOf(json: Obj): Obj | null {
  return obj(json.retweeted_status);
}
