import {
  MAX_ICON_CHARS,
  MAX_IMAGES,
  MAX_LINK_OFFSET,
  MAX_LINKS,
  MAX_POST_ID_CHARS,
  MAX_POST_TEXT,
  MAX_SHORT_CHARS,
  MAX_UID_CHARS,
  MAX_URL_CHARS,
} from './post-bounds';
import type { Post, PostLink, VerifiedTier } from './types';

/**
 * A post cut to the bounds the worker holds it to, field by field, so that one oversized field (a 6 KB `data:`
 * picture, a long icon name) never makes the worker refuse the post and leave it without its card. Texts are cut and
 * marked truncated; a URL too long to be whole is left out (a cut URL names something else); a post whose id is not an
 * id at all cannot be keyed and is null. Content side: no Zod.
 */
const TIERS: readonly VerifiedTier[] = ['none', 'yellow', 'blue', 'orange', 'gold'];
const POST_ID = /^[0-9A-Za-z]+$/;

const cut = (s: unknown, max: number): string => (typeof s === 'string' ? (s.length > max ? s.slice(0, max) : s) : '');
const count = (n: unknown): number =>
  typeof n === 'number' && Number.isFinite(n) ? Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.floor(n))) : 0;
const tier = (t: unknown): VerifiedTier => (TIERS.includes(t as VerifiedTier) ? (t as VerifiedTier) : 'none');
const uid = (u: unknown): string => (typeof u === 'string' && u.length <= MAX_UID_CHARS ? u : '');

function clampLink(l: PostLink): PostLink | null {
  if (typeof l?.url !== 'string' || l.url.length > MAX_URL_CHARS) return null;
  const out: PostLink = {
    url: l.url,
    text: cut(l.text, MAX_SHORT_CHARS),
    icon: typeof l.icon === 'string' ? cut(l.icon, MAX_ICON_CHARS) : null,
    inRepost: l.inRepost === true,
  };
  if (typeof l.product === 'boolean') out.product = l.product;
  if (typeof l.offset === 'number' && Number.isFinite(l.offset))
    out.offset = Math.min(MAX_LINK_OFFSET, count(l.offset));
  return out;
}

export function clampPost(post: Post): Post | null {
  if (typeof post?.id !== 'string' || post.id.length > MAX_POST_ID_CHARS || !POST_ID.test(post.id)) return null;
  const text = typeof post.text === 'string' ? post.text : '';
  let truncated = post.truncated === true || text.length > MAX_POST_TEXT;
  const out: Post = {
    site: post.site === 'weibo-mobile' ? 'weibo-mobile' : 'weibo-pc',
    id: post.id,
    author: {
      uid: uid(post.author?.uid),
      name: cut(post.author?.name, MAX_SHORT_CHARS),
      tier: tier(post.author?.tier),
    },
    text: cut(text, MAX_POST_TEXT),
    repost: null,
    links: [],
    images: [],
    counts: {
      reposts: count(post.counts?.reposts),
      comments: count(post.counts?.comments),
      likes: count(post.counts?.likes),
    },
    promoted: post.promoted === true,
    enriched: post.enriched === true,
  };
  if (typeof post.author?.followers === 'number') out.author.followers = count(post.author.followers);
  if (post.repost) {
    const r = post.repost;
    if (typeof r.text === 'string' && r.text.length > MAX_POST_TEXT) truncated = true;
    out.repost = { text: cut(r.text, MAX_POST_TEXT) };
    if (typeof r.id === 'string' && r.id.length <= MAX_POST_ID_CHARS) out.repost.id = r.id;
    if (r.author)
      out.repost.author = {
        uid: uid(r.author.uid),
        name: cut(r.author.name, MAX_SHORT_CHARS),
        tier: tier(r.author.tier),
      };
  }
  for (const l of Array.isArray(post.links) ? post.links : []) {
    if (out.links.length >= MAX_LINKS) break;
    const c = clampLink(l);
    if (c) out.links.push(c);
  }
  for (const src of Array.isArray(post.images) ? post.images : []) {
    if (out.images.length >= MAX_IMAGES) break;
    if (typeof src === 'string' && src.length <= MAX_URL_CHARS) out.images.push(src);
  }
  if (truncated) out.truncated = true;
  return out;
}

/** The posts of a batch that can be sent, each clamped. */
export function clampPosts(posts: readonly Post[]): Post[] {
  const out: Post[] = [];
  for (const p of posts) {
    const c = clampPost(p);
    if (c) out.push(c);
  }
  return out;
}
