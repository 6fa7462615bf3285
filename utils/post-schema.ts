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

/**
 * Zod schema of a `Post` arriving at the background from a content script. The content script is reachable by the
 * page, so everything is bounded: a hostile page cannot make the worker chew through megabytes. The bounds live in
 * post-bounds.ts, where the content side clamps to them before sending (utils/post-clamp.ts).
 */
export const MAX_BATCH = 100;

const tier = z.enum(['none', 'yellow', 'blue', 'orange', 'gold']);
const short = z.string().max(MAX_SHORT_CHARS);

export const PostLinkSchema = z.object({
  /** The real destination: `weibo.cn/sinaurl?u=` wrappers are unwrapped. */
  url: z.string().max(MAX_URL_CHARS),
  /** Visible text of the link (e.g. 网页链接, or the url_title from JSON). */
  text: short,
  /** Link-type icon file name stem, e.g. `timeline_card_small_taobao_default`, or null. */
  icon: z.string().max(MAX_ICON_CHARS).nullable(),
  /** From page JSON: Weibo itself marked it as a product link. */
  product: z.boolean().optional(),
  /** In the quoted repost rather than the post itself. */
  inRepost: z.boolean(),
  /** Offset of the link's visible text within `text` (or the repost's text when `inRepost`), when known. */
  offset: z.number().int().min(0).max(MAX_LINK_OFFSET).optional(),
});

export const PostSchema = z.object({
  site: z.enum(['weibo-pc', 'weibo-mobile']),
  /** mblogid from the permalink on weibo.com, mid on m.weibo.cn. Everything is keyed on this. */
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
  /** Weibo marked it 广告 / 推荐 / 荐读. */
  promoted: z.boolean(),
  /** Whether page JSON enriched this post. */
  enriched: z.boolean(),
  /** Cut behind 全文/展开 (or `isLongText`), and its whole text is not known yet. */
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
