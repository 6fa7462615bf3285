import { describe, expect, it } from 'vitest';
import { LONG_POST_AT, longPostItem, makeLongPost } from '../../demo/long-posts';
import { toMobileCard, wholeHtml } from '../../demo/mobile-json';
import { generateDemoPosts } from '../../demo/posts';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { analysePost } from '../../utils/detect';
import { buildCatalogueIndex } from '../../utils/match';
import { applyLongText, postsFromFeedJson } from '../../utils/sites';

// The m.weibo.cn demo serves its posts as getIndex cards (HTML text, cut for long posts). Read ahead from those cards,
// and given the whole text its statuses/extend answer holds for a long post, each post gets exactly its products.
const catalogue = generateCatalogue();
const index = buildCatalogueIndex(catalogue);
const posts = generateDemoPosts({ seed: 20261125, count: 40, catalogue });
const long = makeLongPost(posts[LONG_POST_AT.mobile] as (typeof posts)[number], longPostItem(catalogue));
posts[LONG_POST_AT.mobile] = long.post;
const wholeOf = (m: (typeof posts)[number]) =>
  m === long.post ? wholeHtml({ ...m, text_raw: long.wholeRaw, url_struct: long.wholeUrls }) : wholeHtml(m);

describe('the m.weibo.cn demo feed as getIndex cards', () => {
  it('reads every post ahead from its card, keyed by mid; long posts are cut until their whole text is in', () => {
    const cards = posts.map(toMobileCard);
    const read = postsFromFeedJson(
      JSON.stringify(cards.map((c) => c.mblog)),
      posts.map((p) => p.mid),
    );
    expect(read.map((p) => p.id)).toEqual(posts.map((p) => p.mid));
    const wrong: string[] = [];
    for (const [i, m] of posts.entries()) {
      let post = read[i];
      if (!post) throw new Error('missing post');
      expect(post.site).toBe('weibo-mobile');
      expect(post.truncated === true, m.mid).toBe(m.isLongText);
      if (post.truncated) post = applyLongText(post, wholeOf(m));
      const r = analysePost(post, index, { threshold: 3 });
      const got = r.detection.isGuide ? r.matches.map((x) => x.itemId).join(' ') : '';
      const want = m.label.expectedItemIds.join(' ');
      if (got !== want) wrong.push(`${m.mid} (${m.label.kind}): got [${got}] want [${want}]`);
    }
    expect(wrong).toEqual([]);
  });

  it('names the long post’s product only in its whole text', () => {
    const [cut] = postsFromFeedJson(JSON.stringify([toMobileCard(long.post).mblog]), [long.post.mid]);
    if (!cut) throw new Error('the long post was not read');
    expect(analysePost(cut, index, { threshold: 3 }).matches).toEqual([]);
    const whole = analysePost(applyLongText(cut, wholeOf(long.post)), index, { threshold: 3 });
    expect(whole.matches.map((x) => x.itemId)).toEqual(long.post.label.expectedItemIds);
  });
});
