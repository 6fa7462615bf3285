import { beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../../utils/catalogue/generate';
import type { CatalogueItem } from '../../utils/catalogue/schema';
import { analysePost } from '../../utils/detect';
import { buildCatalogueIndex, type CatalogueIndex } from '../../utils/match';
import type { Post, PostLink } from '../../utils/types';
import { makePost } from './feed.fixture';

let items: CatalogueItem[];
let index: CatalogueIndex;
beforeAll(() => {
  items = generateCatalogue({ count: 800 });
  index = buildCatalogueIndex(items);
});

const item = (i: number) => items[i] as CatalogueItem;

const post = (over: Partial<Post> = {}): Post =>
  makePost({ author: { uid: '1', name: '博主', tier: 'none' }, ...over });
const link = (url: string, over: Partial<PostLink> = {}): PostLink => ({
  url,
  text: '网页链接',
  icon: null,
  inRepost: false,
  ...over,
});
const T = { threshold: 3 };

describe('analysePost', () => {
  it('a 淘口令 for a catalogue item is a guide post, explained in Chinese, with that exact item', () => {
    const it0 = item(0);
    const r = analysePost(post({ text: `冲！复制 ￥${it0.tpwd}￥ 打开淘宝` }), index, T);
    expect(r.detection.isGuide).toBe(true);
    expect(r.matches).toEqual([{ itemId: it0.item_id, kind: 'exact', confidence: 1, via: 'tpwd' }]);
    const reason = r.detection.reasons.find((x) => x.code === 'tpwd');
    expect(reason?.detail).toBe(`含淘口令 ￥${it0.tpwd}￥，指向「${it0.short_title}」`);
    expect(reason?.itemId).toBe(it0.item_id);
  });

  it('explicit references come in text order, deduplicated, across every link form', () => {
    const [a, b, c] = [item(1), item(2), item(3)];
    const code = a.click_url.split('/').pop() ?? '';
    const text = `先看这个 ${b.short_url} 再看 ￥${c.tpwd}￥ 网页链接 还有 ${b.short_url}`;
    const r = analysePost(
      post({ text, links: [link(`https://s.click.taobao.com/${code}`, { offset: text.indexOf('网页链接') })] }),
      index,
      T,
    );
    expect(r.matches.map((m) => [m.itemId, m.via])).toEqual([
      [b.item_id, 'short-link'],
      [c.item_id, 'tpwd'],
      [a.item_id, 'affiliate-link'],
    ]);
  });

  it('an ad is never a guide post, even with a catalogue link', () => {
    const r = analysePost(post({ promoted: true, links: [link(item(4).item_url)], text: '好物推荐' }), index, T);
    expect(r.detection.isGuide).toBe(false);
    expect(r.matches).toEqual([]);
    expect(r.detection.reasons[0]?.code).toBe('ad');
  });

  it('a guide post linking an item outside the catalogue is a guide post, gets no card, and says why', () => {
    const r = analysePost(
      post({
        text: '种草！回购！好物！',
        links: [link('https://item.taobao.com/item.htm?id=999999999999')],
        author: { uid: '1', name: 'x', tier: 'gold' },
      }),
      index,
      T,
    );
    expect(r.detection.isGuide).toBe(true);
    expect(r.matches).toEqual([]);
    expect(r.detection.reasons.find((x) => x.code === 'unknown-item')?.detail).toContain('不在商品库中');
  });

  it('a product named in a guide post is matched by its name', () => {
    const it5 = item(5);
    const r = analysePost(post({ text: `最近被${it5.short_title}种草了，真的好用，已经回购第三次` }), index, T);
    expect(r.detection.isGuide).toBe(true);
    expect(r.matches[0]).toMatchObject({ itemId: it5.item_id, kind: 'text', via: 'title-match' });
    expect(r.detection.reasons.map((x) => x.code)).toEqual(expect.arrayContaining(['title-match', 'guide-words']));
  });

  it('casual brand talk without shopping intent is not a guide post', () => {
    const r = analysePost(post({ text: `今天用了${item(6).brand}好开心，天气也很好` }), index, T);
    expect(r.detection.isGuide).toBe(false);
    expect(r.matches).toEqual([]);
  });

  it('a repost of a guide post is a guide post', () => {
    const it7 = item(7);
    const r = analysePost(
      post({
        text: '转发微博',
        repost: { id: 'ZyXwVu987', author: { uid: '2', name: '达人', tier: 'gold' }, text: `种草这个 网页链接` },
        links: [link(it7.item_url, { inRepost: true, offset: 5 })],
      }),
      index,
      T,
    );
    expect(r.detection.isGuide).toBe(true);
    expect(r.matches.map((m) => m.itemId)).toEqual([it7.item_id]);
    expect(r.detection.reasons.find((x) => x.code === 'repost-of-guide')?.detail).toContain('@达人');
  });

  it('the threshold is a parameter: the same post flips with it', () => {
    const p = post({ text: `${item(8).short_title} 好用` });
    const low = analysePost(p, index, { threshold: 1 });
    const high = analysePost(p, index, { threshold: 5 });
    expect(low.detection.isGuide).toBe(true);
    expect(high.detection.isGuide).toBe(false);
    expect(high.detection.score).toBe(low.detection.score);
  });

  it('author tier is a reason of its own', () => {
    const r = analysePost(
      post({
        text: `种草 ${item(9).short_title}`,
        author: { uid: '1', name: 'x', tier: 'gold', followers: 2_340_000 },
      }),
      index,
      T,
    );
    expect(r.detection.reasons.find((x) => x.code === 'author-tier')?.detail).toBe('作者为金V红人，粉丝 234万');
  });

  it('hostile input: never throws, never matches from garbage', () => {
    const junk = post({
      text: `<script>alert(1)</script>${'\u200b'.repeat(1000)}${'a'.repeat(20_000)}`,
      links: [link('http://[::1'), link('%%%'), link('javascript:alert(1)')],
    });
    const r = analysePost(junk, index, T);
    expect(r.detection.isGuide).toBe(false);
  });
});
