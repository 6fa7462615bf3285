import { z } from 'zod';
import { LONG_TEXT_MAX_CHARS, LONG_TEXT_MAX_LINK_CHARS, LONG_TEXT_MAX_LINKS } from './feed/long-text';
import { FEED_POSTS_MAX_CHARS } from './feed/page-json';
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
import type { Post } from './types';

/**
 * Zod schema of a `Post` arriving at the background from a content script. The content script is reachable by the
 * page, so everything is bounded: a hostile page cannot make the worker chew through megabytes. The bounds live in
 * post-bounds.ts, where the content side clamps to them before sending (utils/post-clamp.ts).
 */
export const MAX_BATCH = 100;

const tier = z.enum(['none', 'yellow', 'blue', 'orange', 'gold']);
const short = z.string().max(MAX_SHORT_CHARS);

export const PostLinkSchema = z.object({
  url: z.string().max(MAX_URL_CHARS),
  text: short,
  icon: z.string().max(MAX_ICON_CHARS).nullable(),
  product: z.boolean().optional(),
  inRepost: z.boolean(),
  offset: z.number().int().min(0).max(MAX_LINK_OFFSET).optional(),
});

export const PostSchema = z.object({
  site: z.enum(['weibo-pc', 'weibo-mobile']),
  id: z.string().min(1).max(MAX_POST_ID_CHARS),
  author: z.object({
    uid: z.string().max(MAX_UID_CHARS),
    name: short,
    tier,
    followers: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  text: z.string().max(MAX_POST_TEXT),
  repost: z
    .object({
      id: z.string().max(MAX_POST_ID_CHARS).optional(),
      author: z.object({ uid: z.string().max(MAX_UID_CHARS), name: short, tier }).optional(),
      text: z.string().max(MAX_POST_TEXT),
    })
    .nullable(),
  links: z.array(PostLinkSchema).max(MAX_LINKS),
  images: z.array(z.string().max(MAX_URL_CHARS)).max(MAX_IMAGES),
  counts: z.object({
    reposts: z.number().int().min(0),
    comments: z.number().int().min(0),
    likes: z.number().int().min(0),
  }),
  promoted: z.boolean(),
  enriched: z.boolean(),
  truncated: z.boolean().optional(),
});

export const AnalysePostsRequestSchema = z.object({ posts: z.array(PostSchema).max(MAX_BATCH) });
/** The envelope alone: each post is then held to `PostSchema` on its own, so one bad post is refused alone. */
export const AnalysePostsEnvelopeSchema = z.object({ posts: z.array(z.unknown()).max(MAX_BATCH) });

/**
 * Posts read ahead on weibo.com, sent as the page bridge handed them over (see `requestFeedPosts`): the ids to answer
 * and the feed's JSON text, read in the background (`postsFromFeedJson`) and then held to `PostSchema` post by post.
 */
export const AnalyseFeedJsonRequestSchema = z.object({
  ids: z.array(z.string().min(1).max(MAX_POST_ID_CHARS)).min(1).max(MAX_BATCH),
  json: z.string().max(FEED_POSTS_MAX_CHARS),
});

/**
 * A cut post with the whole text its page's long-text answer gave (`analyseLongText`). The answer is the page's and
 * so untrusted: the text and its link list are bounded here, and read field by field by `applyLongText`.
 */
export const AnalyseLongTextRequestSchema = z.object({
  post: PostSchema,
  longText: z.string().min(1).max(LONG_TEXT_MAX_CHARS),
  urlStruct: z
    .array(z.unknown())
    .max(LONG_TEXT_MAX_LINKS)
    .refine((v) => (JSON.stringify(v) ?? '').length <= LONG_TEXT_MAX_LINK_CHARS, 'url_struct too long')
    .optional(),
});

// Compile-time guard that the schema and the hand-written `Post` in types.ts describe the same shape.
type Parsed = z.infer<typeof PostSchema>;
const _toPost = (p: Parsed): Post => p;
const _fromPost = (p: Post): Parsed => p;
void _toPost;
void _fromPost;
