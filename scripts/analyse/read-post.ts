/**
 * The one place the command reads a post: the extension's own JSON reader, so the command sees a post exactly as
 * the extension does, and the long-text rule the extension applies when 展开 is pressed.
 */
import { postFromMblog } from '../../utils/sites/page-json';
import type { Post } from '../../utils/types';
import { type Obj, obj } from './shapes';

export function readPost(json: Obj): Post | null {
  return postFromMblog(json);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Gives the post its whole text from a long-text answer (HTML on m.weibo.cn, plain on weibo.com). */
export function withLongText(post: Post, content: string, _urlStruct?: unknown): Post {
  const text = content
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '');
  return { ...post, text };
}

/** Cut by Weibo (`isLongText`) and its whole text not given. */
export function isTruncated(_post: Post, json: Obj, whole: boolean): boolean {
  return !whole && json.isLongText === true;
}

/** `post_id` (mblogid on weibo.com, bid on m.weibo.cn) and `mid` of a post object, as far as it names them. */
export function idsOf(json: Obj): { postId: string; mid: string } {
  const id = (v: unknown) =>
    typeof v === 'string' && /^[A-Za-z0-9]{1,32}$/.test(v)
      ? v
      : typeof v === 'number' && Number.isSafeInteger(v) && v > 0
        ? String(v)
        : '';
  const postId = id(json.mblogid) || id(json.bid);
  const mid = [json.mid, json.idstr, json.id].map(id).find((v) => /^\d+$/.test(v)) ?? '';
  return { postId, mid };
}

export function quotedOf(json: Obj): Obj | null {
  return obj(json.retweeted_status);
}
