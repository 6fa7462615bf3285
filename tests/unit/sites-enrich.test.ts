import { describe, expect, it } from 'vitest';
import { enrichPost } from '../../utils/sites';
import type { Post } from '../../utils/types';

const domPost = (text: string, links: Post['links'] = []): Post => ({
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
});

describe('page JSON completes a long post that the feed cut behind 展开', () => {
  const full = `${'今天分享一下最近的好物，'.repeat(12)}1. 第一件 http://t.cn/A6aaaaaa 2. 第二件 复制￥uL1c0Yz0Zkk￥打开淘宝`;
  const cut = `${full.slice(0, 140)}... 展开`;
  const json = {
    mblogid: 'Nz8kLxQ2a',
    text_raw: full,
    url_struct: [{ short_url: 'http://t.cn/A6aaaaaa', long_url: 'https://item.taobao.com/item.htm?id=555837330152' }],
  };

  it('uses the whole text and places links by their t.cn form in it', () => {
    const post = enrichPost(
      domPost(cut, [{ url: 'http://t.cn/A6aaaaaa', text: '网页链接', icon: null, inRepost: false, offset: 200 }]),
      json,
      (m) => m.mblogid,
    );
    expect(post.text).toBe(full);
    expect(post.text).toContain('￥uL1c0Yz0Zkk￥');
    expect(post.links[0]?.url).toBe('https://item.taobao.com/item.htm?id=555837330152');
    expect(post.links[0]?.offset).toBe(full.indexOf('http://t.cn/A6aaaaaa'));
  });

  it('keeps the DOM text when the JSON is about another post (a recycled node)', () => {
    const post = enrichPost(domPost(cut), { ...json, mblogid: 'Other1234' }, (m) => m.mblogid);
    expect(post.text).toBe(cut);
  });

  it('keeps the DOM text when it is complete (link labels differ only slightly)', () => {
    const dom = full.replace('http://t.cn/A6aaaaaa', '网页链接');
    expect(enrichPost(domPost(dom), json, (m) => m.mblogid).text).toBe(dom);
  });
});
