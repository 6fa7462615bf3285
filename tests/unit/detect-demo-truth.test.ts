import { describe, expect, it } from 'vitest';
import { generateDemoPosts } from '../../demo/posts';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { analysePost } from '../../utils/detect';
import { buildCatalogueIndex } from '../../utils/match';
import { enrichPost, postFromMblog } from '../../utils/sites';
import type { Post, PostLink } from '../../utils/types';

// The demo feed's generator (demo/posts.ts) was written separately from the detector, with its own wording, so its
// labels are a second, larger corpus: 2,400 posts whose guide posts list products by link, 淘口令 and name.
const catalogue = generateCatalogue();
const index = buildCatalogueIndex(catalogue);
const posts = generateDemoPosts({ seed: 20261124, count: 2400, catalogue });

type Mblog = (typeof posts)[number];

/** The post as the content script sees it: DOM text with t.cn anchors, enriched by the page JSON. */
function asSeenInFeed(m: Mblog): Post {
  const anchors = (mb: Mblog | undefined, inRepost: boolean): PostLink[] =>
    (mb?.url_struct ?? []).map((u) => ({
      url: u.short_url,
      text: '网页链接',
      icon: null,
      inRepost,
      offset: Math.max(0, mb?.text_raw.indexOf(u.short_url) ?? 0),
    }));
  const rt = m.retweeted_status as Mblog | undefined;
  const post: Post = {
    site: 'weibo-pc',
    id: m.mblogid,
    author: { uid: m.user.idstr, name: m.user.screen_name, tier: 'none' },
    text: m.text_raw,
    repost: rt ? { text: rt.text_raw } : null,
    links: [...anchors(m, false), ...anchors(rt, true)],
    images: [],
    counts: { reposts: 0, comments: 0, likes: 0 },
    promoted: m.label.kind === 'ad',
    enriched: false,
  };
  return enrichPost(post, m);
}

describe('detection and matching agree with the demo feed ground truth', () => {
  it('gives every guide post exactly its products, in the order the post names them, and no other post any', () => {
    const disagreements: string[] = [];
    for (const m of posts) {
      const r = analysePost(asSeenInFeed(m), index, { threshold: 3 });
      const got = r.detection.isGuide ? r.matches.map((x) => x.itemId).join(' ') : '';
      const want = m.label.expectedItemIds.join(' ');
      if (got !== want) disagreements.push(`${m.mblogid} (${m.label.kind}): got [${got}] want [${want}]`);
    }
    expect(posts.length).toBe(2400);
    expect(disagreements).toEqual([]);
  });

  it('reads posts from page JSON alone (loaded, not drawn yet) to the same answers', () => {
    const disagreements: string[] = [];
    for (const m of posts) {
      // Through JSON, as the MAIN-world bridge hands it over.
      const post = postFromMblog(JSON.parse(JSON.stringify(m)));
      if (!post) {
        disagreements.push(`${m.mblogid}: no post`);
        continue;
      }
      const r = analysePost(post, index, { threshold: 3 });
      const seen = analysePost(asSeenInFeed(m), index, { threshold: 3 });
      const got = r.detection.isGuide ? r.matches.map((x) => x.itemId).join(' ') : '';
      const want = m.label.expectedItemIds.join(' ');
      if (got !== want) disagreements.push(`${m.mblogid} (${m.label.kind}): got [${got}] want [${want}]`);
      else if (r.detection.isGuide !== seen.detection.isGuide)
        disagreements.push(
          `${m.mblogid}: guide ${r.detection.isGuide} from JSON, ${seen.detection.isGuide} from the feed`,
        );
    }
    expect(disagreements).toEqual([]);
  });
});
