// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterFor, iconStem, parseCount, unwrapSinaUrl, weiboMobile, weiboPc } from '../../utils/sites';

function load(name: string): HTMLElement {
  const host = document.createElement('div');
  // Test fixtures are our own saved markup, not page text: parsing them is what the browser does on weibo.com.
  host.innerHTML = readFileSync(resolve(__dirname, '../fixtures/corpus/samples', name), 'utf8');
  document.body.replaceChildren(host);
  return host;
}

function only(root: ParentNode, selector: string): Element {
  const items = root.querySelectorAll(selector);
  expect(items.length).toBe(1);
  return items[0] as Element;
}

describe('adapterFor', () => {
  it('picks the PC adapter on weibo.com and www.weibo.com, the mobile one on m.weibo.cn, none elsewhere', () => {
    expect(adapterFor(new URL('https://weibo.com/'))?.id).toBe('weibo-pc');
    expect(adapterFor(new URL('https://www.weibo.com/u/123'))?.id).toBe('weibo-pc');
    expect(adapterFor(new URL('https://m.weibo.cn/detail/4900000000000001'))?.id).toBe('weibo-mobile');
    expect(adapterFor(new URL('https://weibo.com.evil.example/'))).toBeNull();
    expect(adapterFor(new URL('https://s.weibo.com/weibo?q=x'))).toBeNull();
    expect(adapterFor('not a url')).toBeNull();
  });
});

describe('counts, link unwrapping, icons', () => {
  it('reads Weibo abbreviations the way a person does', () => {
    expect(parseCount('1.2万')).toBe(12000);
    expect(parseCount('3亿')).toBe(300_000_000);
    expect(parseCount('100万+')).toBe(1_000_000);
    expect(parseCount('1,234')).toBe(1234);
    expect(parseCount('转发')).toBe(0);
    expect(parseCount(' 87 ')).toBe(87);
    expect(parseCount(null)).toBe(0);
  });

  it('unwraps sinaurl?u= and sinaurl?toasturl=, and keeps anything else as it was', () => {
    expect(unwrapSinaUrl('//weibo.cn/sinaurl?u=https%3A%2F%2Fitem.taobao.com%2Fitem.htm%3Fid%3D1234567')).toBe(
      'https://item.taobao.com/item.htm?id=1234567',
    );
    expect(unwrapSinaUrl('https://weibo.cn/sinaurl?toasturl=https%3A%2F%2Fm.tb.cn%2Fh.abc12')).toBe(
      'https://m.tb.cn/h.abc12',
    );
    expect(unwrapSinaUrl('http://t.cn/A6xyz')).toBe('http://t.cn/A6xyz');
    // A look-alike host is not a Weibo wrapper.
    expect(unwrapSinaUrl('https://evil.example/sinaurl?u=https%3A%2F%2Fx.com')).toBe(
      'https://evil.example/sinaurl?u=https%3A%2F%2Fx.com',
    );
    expect(() => unwrapSinaUrl('//weibo.cn/sinaurl?u=%E0%A4%A')).not.toThrow();
  });

  it('keeps the link-type icon stem', () => {
    expect(iconStem('https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_taobao_default.png')).toBe(
      'timeline_card_small_taobao_default',
    );
    expect(iconStem('//h5.sinaimg.cn/timeline_card_small_buy_default.png?v=2')).toBe('timeline_card_small_buy_default');
    expect(iconStem(null)).toBeNull();
  });
});

describe('weibo.com (V7) adapter', () => {
  it('extracts a gold-V guide post: id, author, visible text, unwrapped link with icon, images, counts', () => {
    const root = load('pc-guide.html');
    const item = only(root, weiboPc.itemSelector);
    expect(weiboPc.postIdOf(item)).toBe('OxYz12AbC');
    const post = weiboPc.extract(item);
    expect(post).not.toBeNull();
    if (!post) return;
    expect(post.id).toBe('OxYz12AbC');
    expect(post.author).toEqual({ uid: '1669879400', name: '美妆达人小鹿', tier: 'gold' });
    expect(post.text).toContain('今天给大家种草一个宝藏粉饼[心]无限回购！');
    expect(post.text).toContain('￥Azv4E0BAvjP￥');
    // The 展开 control is chrome, not content.
    expect(post.text).not.toContain('展开');
    expect(post.links).toHaveLength(1);
    const link = post.links[0];
    expect(link?.url).toBe('https://detail.tmall.com/item.htm?id=550088268984&spm=a1z10');
    expect(link?.icon).toBe('timeline_card_small_taobao_default');
    expect(link?.text).toBe('网页链接');
    expect(link?.inRepost).toBe(false);
    expect(post.text.slice(link?.offset ?? -1).startsWith('网页链接')).toBe(true);
    expect(post.images).toEqual(['https://wx1.sinaimg.cn/orj360/a1.jpg', 'https://wx1.sinaimg.cn/orj360/a2.jpg']);
    expect(post.counts).toEqual({ reposts: 12000, comments: 3456, likes: 25000 });
    expect(post.promoted).toBe(false);
    expect(post.repost).toBeNull();
    expect(post.enriched).toBe(false);
  });

  it("re-reads a recycled item's id: the permalink found last time counts only while it is outside a quoted repost", () => {
    const root = load('pc-repost.html');
    const item = only(root, weiboPc.itemSelector);
    expect(weiboPc.postIdOf(item)).toBe('PaBc3dEfG');
    // A patch rewrites the cached permalink's href: read afresh.
    const own = [...item.querySelectorAll('a[href*="PaBc3dEfG"]')].find((a) => !a.closest('.wbpro-feed-reText'));
    const quoted = item.querySelector('.wbpro-feed-reText');
    if (!own || !quoted) throw new Error('fixture');
    own.setAttribute('href', 'https://weibo.com/7788990011/PzZz9yYxX');
    expect(weiboPc.postIdOf(item)).toBe('PzZz9yYxX');
    // The cached link ends up inside the quoted block: it is the repost's now, never the item's own.
    quoted.append(own);
    expect(weiboPc.postIdOf(item)).not.toBe('PzZz9yYxX');
    // Taken out of the item altogether: not the item's either.
    item.ownerDocument.body.append(own);
    expect(weiboPc.postIdOf(item)).not.toBe('PzZz9yYxX');
    // A block of the repost's class around the whole item does not make the item's own link a quoted one.
    const item2 = only(load('pc-repost.html'), weiboPc.itemSelector);
    expect(weiboPc.postIdOf(item2)).toBe('PaBc3dEfG');
    const wrap = item2.ownerDocument.createElement('div');
    wrap.className = 'wbpro-feed-reText';
    item2.replaceWith(wrap);
    wrap.append(item2);
    expect(weiboPc.postIdOf(item2)).toBe('PaBc3dEfG');
  });

  it('extracts a repost: quoted text and author, its own permalink, links flagged inRepost, 转发 with no number = 0', () => {
    const root = load('pc-repost.html');
    const post = weiboPc.extract(only(root, weiboPc.itemSelector));
    expect(post?.id).toBe('PaBc3dEfG');
    expect(post?.author).toEqual({ uid: '7788990011', name: '路人甲', tier: 'none' });
    expect(post?.text).toBe('转发微博');
    expect(post?.repost?.id).toBe('PaAa1bBcC');
    expect(post?.repost?.author).toEqual({ uid: '5566778899', name: '穿搭博主阿May', tier: 'orange' });
    expect(post?.repost?.text).toBe('冬天必备羽绒服合集！闭眼入 网页链接');
    expect(post?.links).toEqual([
      {
        url: 'https://m.tb.cn/h.v8k9dAvsm?sm=1a2b3c',
        text: '网页链接',
        icon: 'timeline_card_small_buy_default',
        inRepost: true,
        offset: '冬天必备羽绒服合集！闭眼入 '.length,
      },
    ]);
    expect(post?.counts).toEqual({ reposts: 0, comments: 0, likes: 300_000_000 });
  });

  it('keeps working when every hashed class changes (substring selectors only)', () => {
    const root = load('pc-guide.html');
    const html = root.innerHTML.replace(/_([A-Za-z0-9]{5})"/g, '_zZ9x1"').replace(/_([A-Za-z0-9]{5}) /g, '_Qq0w2 ');
    root.innerHTML = html;
    const post = weiboPc.extract(only(root, weiboPc.itemSelector));
    expect(post?.id).toBe('OxYz12AbC');
    expect(post?.links[0]?.url).toContain('detail.tmall.com');
    expect(post?.counts.reposts).toBe(12000);
  });

  it('marks 广告 / 荐读 posts as promoted', () => {
    const root = load('pc-guide.html');
    const header = root.querySelector('header');
    const tag = document.createElement('div');
    tag.className = 'wbpro-tag-img wbpro-tag';
    tag.textContent = '广告';
    header?.append(tag);
    expect(weiboPc.extract(only(root, weiboPc.itemSelector))?.promoted).toBe(true);
  });

  it('returns null, never throws, for items without a permalink or with broken markup', () => {
    const el = document.createElement('article');
    el.className = 'woo-panel-main';
    el.textContent = '没有链接的帖子';
    expect(weiboPc.extract(el)).toBeNull();
    expect(weiboPc.postIdOf(el)).toBeNull();
    const broken = document.createElement('article');
    const a = document.createElement('a');
    a.className = 'head-info_time_x';
    a.setAttribute('href', 'https://weibo.com/123456/AbCdEf123');
    broken.append(a);
    const p = weiboPc.extract(broken);
    expect(p?.id).toBe('AbCdEf123');
    expect(p?.text).toBe('');
    expect(p?.author.uid).toBe('123456');
  });

  it('takes script-like text as text and never runs it', () => {
    const root = load('pc-guide.html');
    const body = root.querySelector('[class*="_wbtext_"]');
    body?.replaceChildren(document.createTextNode('<img src=x onerror="window.__pwned=1"><script>alert(1)</script>'));
    const post = weiboPc.extract(only(root, weiboPc.itemSelector));
    expect(post?.text).toBe('<img src=x onerror="window.__pwned=1"><script>alert(1)</script>');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('caps a 60 KB post at 20,000 characters', () => {
    const root = load('pc-guide.html');
    root.querySelector('[class*="_wbtext_"]')?.replaceChildren(document.createTextNode('好'.repeat(60_000)));
    expect(weiboPc.extract(only(root, weiboPc.itemSelector))?.text.length).toBe(20_000);
  });
});

describe('page JSON enrichment', () => {
  const mblog = {
    mblogid: 'OxYz12AbC',
    mid: '5100000000000001',
    text_raw: '今天给大家种草一个宝藏粉饼',
    user: {
      idstr: '1669879400',
      screen_name: '美妆达人小鹿',
      verified_type: 0,
      verified_type_ext: 1,
      followers_count: 1_230_000,
    },
    url_struct: [
      {
        short_url: 'https://detail.tmall.com/item.htm?id=550088268984&spm=a1z10',
        long_url: 'https://detail.tmall.com/item.htm?id=550088268984',
        url_title: '花西子雕花蜜粉饼',
        url_type_pic: 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_taobao_default.png',
        object_type: 'product',
      },
      { short_url: 'http://t.cn/A6abcd', long_url: 'https://m.tb.cn/h.rkLEgDoAL', url_title: '好物' },
    ],
  };

  it('adds followers, expanded links and Weibo product flags when the JSON is about the same post', () => {
    const root = load('pc-guide.html');
    const post = weiboPc.extract(only(root, weiboPc.itemSelector), mblog);
    expect(post?.enriched).toBe(true);
    expect(post?.author.followers).toBe(1_230_000);
    expect(post?.links.map((l) => [l.url, l.product])).toEqual([
      ['https://detail.tmall.com/item.htm?id=550088268984', true],
      ['https://m.tb.cn/h.rkLEgDoAL', true],
    ]);
  });

  it('ignores JSON for another post (a recycled node) and JSON of the wrong shape', () => {
    const root = load('pc-guide.html');
    const item = only(root, weiboPc.itemSelector);
    expect(weiboPc.extract(item, { ...mblog, mblogid: 'Zzzzzzzzz' })?.enriched).toBe(false);
    for (const junk of [null, 42, 'x', [], { mblogid: 7 }, { ...mblog, user: 'x', url_struct: 'y' }]) {
      const p = weiboPc.extract(item, junk);
      expect(p?.id).toBe('OxYz12AbC');
      expect(p?.author.name).toBe('美妆达人小鹿');
    }
    const forged = weiboPc.extract(item, {
      ...mblog,
      url_struct: [{ short_url: 'javascript:alert(1)', long_url: 'javascript:alert(1)' }],
    });
    expect(forged?.links.some((l) => l.url.startsWith('javascript'))).toBe(false);
  });
});

describe('m.weibo.cn adapter', () => {
  it('extracts mid, author, tier, text, sinaurl link with url-icon, repost, images, counts', () => {
    const root = load('mobile-guide.html');
    const item = only(root, weiboMobile.itemSelector);
    const post = weiboMobile.extract(item);
    expect(post?.site).toBe('weibo-mobile');
    expect(post?.id).toBe('4900000000000001');
    expect(post?.author).toEqual({ uid: '2233445566', name: '好物研究所', tier: 'yellow' });
    expect(post?.text).toBe('安利这款面膜 网页链接');
    expect(post?.links[0]).toMatchObject({
      url: 'https://item.taobao.com/item.htm?id=717311356868',
      text: '网页链接',
      icon: 'timeline_card_small_taobao_default',
      inRepost: false,
    });
    expect(post?.repost).toEqual({ text: '这个面膜真的好用', author: { uid: '', name: '护肤博主', tier: 'none' } });
    expect(post?.images).toEqual(['https://wx2.sinaimg.cn/orj360/m1.jpg']);
    expect(post?.counts).toEqual({ reposts: 11000, comments: 0, likes: 87 });
  });
});
