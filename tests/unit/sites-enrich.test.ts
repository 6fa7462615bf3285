import { describe, expect, it } from 'vitest';
import { applyLongText, enrichPost } from '../../utils/sites';
import type { Post } from '../../utils/types';

const domPost = (text: string, links: Post['links'] = [], truncated = false): Post => ({
  site: 'weibo-pc',
  id: 'Nz8kLxQ2a',
  author: { uid: '1234567890', name: '种草小鹿', tier: 'gold' },
  text,
  repost: null,
  links,
  images: [],
  counts: { reposts: 0, comments: 0, likes: 0 },
  promoted: false,
  enriched: false,
  ...(truncated ? { truncated: true } : {}),
});

describe('page JSON and the drawn post: which wins', () => {
  const full = `${'今天分享一下最近的好物，'.repeat(12)}1. 第一件 http://t.cn/A6aaaaaa 2. 第二件 复制￥uL1c0Yz0Zkk￥打开淘宝`;
  const cut = `${full.slice(0, 140)}...`;
  const long = {
    mblogid: 'Nz8kLxQ2a',
    isLongText: true,
    text_raw: cut,
    url_struct: [{ short_url: 'http://t.cn/A6aaaaaa', long_url: 'https://item.taobao.com/item.htm?id=555837330152' }],
  };

  it('keeps a cut post cut (visible text, truncated) when the JSON is cut too', () => {
    const post = enrichPost(domPost(cut, [], true), long);
    expect(post.text).toBe(cut);
    expect(post.truncated).toBe(true);
  });

  it('takes the whole text only from a long-text answer, and places links by their t.cn form in it', () => {
    const seen = enrichPost(
      domPost(cut, [{ url: 'http://t.cn/A6aaaaaa', text: '网页链接', icon: null, inRepost: false, offset: 20 }], true),
      long,
    );
    const post = applyLongText(seen, full, long.url_struct);
    expect(post.truncated).toBe(false);
    expect(post.text).toContain('￥uL1c0Yz0Zkk￥');
    // weibo.com draws an expanded t.cn link as its title, here the default label.
    expect(post.text).not.toContain('http://t.cn/');
    expect(post.links[0]?.url).toBe('https://item.taobao.com/item.htm?id=555837330152');
    expect(post.text.slice(post.links[0]?.offset ?? -1)).toMatch(/^网页链接 2\. 第二件/);
  });

  it('keeps the DOM text when the JSON is about another post (a recycled node)', () => {
    const post = enrichPost(domPost(cut, [], true), { ...long, mblogid: 'Other1234', text_raw: full });
    expect(post.text).toBe(cut);
    expect(post.enriched).toBe(false);
  });

  it('never takes a raw text that is longer only by its URLs for a whole one (labels stay labels)', () => {
    const labelled = full.replace('http://t.cn/A6aaaaaa', '网页链接');
    const raw = {
      mblogid: 'Nz8kLxQ2a',
      isLongText: false,
      text_raw: full.replace('第一件', `${'长'.repeat(30)}第一件`),
    };
    const post = enrichPost(domPost(labelled), raw);
    expect(post.text).toBe(labelled);
    expect(post.truncated).toBeUndefined();
  });

  it('fills a quoted author from the JSON: uid and tier, keeping the name the page shows', () => {
    const dom = {
      ...domPost('转发'),
      repost: { text: '原博', author: { uid: '', name: '原作者', tier: 'none' as const } },
    };
    const json = {
      mblogid: 'Nz8kLxQ2a',
      text_raw: '转发',
      retweeted_status: {
        mblogid: 'Abc123XYZ',
        text_raw: '原博',
        user: { id: 42424242, verified_type: 0, verified_type_ext: 1 },
      },
    };
    const post = enrichPost(dom, json);
    expect(post.repost?.author).toEqual({ uid: '42424242', name: '原作者', tier: 'gold' });
    expect(post.repost?.id).toBe('Abc123XYZ');
  });
});
