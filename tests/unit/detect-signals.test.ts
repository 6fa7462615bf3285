import { describe, expect, it } from 'vitest';
import { classifyLink, findTpwds, findUrlsInText, normaliseText } from '../../utils/detect';

describe('淘口令 finder', () => {
  const cores = (t: string) => findTpwds(t).map((h) => h.core);

  it('finds the classic ￥…￥ password and keeps how it was written', () => {
    const [hit] = findTpwds('复制这条信息￥uL1c0Yz0Zkk￥后打开👉手淘👈');
    expect(hit).toMatchObject({ core: 'uL1c0Yz0Zkk', raw: '￥uL1c0Yz0Zkk￥', delimiter: 'currency', ios: false });
  });

  it.each(['€', '₤', '¤', '$', '¥', '₳', '₴', '¢', '£', '₰'])('accepts the %s delimiter', (d) => {
    expect(cores(`打开淘宝 ${d}AbC123xYz9Q${d} 即可`)).toEqual(['AbC123xYz9Q']);
  });

  it('accepts mixed currency delimiters, emoji delimiters and a repeated CJK character', () => {
    expect(cores('€uL1c0Yz0Zkk₤')).toEqual(['uL1c0Yz0Zkk']);
    expect(cores('👉uL1c0Yz0Zkk👉')).toEqual(['uL1c0Yz0Zkk']);
    expect(cores('啊uL1c0Yz0Zkk啊')).toEqual(['uL1c0Yz0Zkk']);
  });

  it('recognises the iOS long form with its digits prefix and m.tb.cn link', () => {
    const [hit] = findTpwds('57￥dvM628oXHin￥ https://m.tb.cn/h.frxkJqI 【淘宝】');
    expect(hit).toMatchObject({ core: 'dvM628oXHin', ios: true });
  });

  it('normalises full-width characters and strips zero-width characters first', () => {
    expect(cores('￥ｕＬ１ｃ０Ｙｚ０Ｚｋｋ￥')).toEqual(['uL1c0Yz0Zkk']);
    expect(cores('￥uL1c\u200b0Yz0\u200dZkk￥')).toEqual(['uL1c0Yz0Zkk']);
    expect(normaliseText('淘\u200b宝\ufeff')).toBe('淘宝');
  });

  it('accepts 8 to 20 characters and nothing outside that', () => {
    expect(cores('￥Ab3defgh￥')).toEqual(['Ab3defgh']);
    expect(cores('￥Ab3defg￥')).toEqual([]);
    expect(cores(`￥${'Ab3'.repeat(7)}￥`)).toEqual([]);
  });

  it('does not mistake prose, prices or English words between CJK for passwords', () => {
    expect(cores('我的iPhone好用吗')).toEqual([]);
    // Letters only between CJK characters: reported, but weak (it only counts if the catalogue knows it).
    expect(findTpwds('啊iPhoneProMax啊').map((h) => h.weak)).toEqual([true]);
    expect(findTpwds('啊uL1c0Yz0Zkk啊').map((h) => h.weak)).toEqual([false]);
    expect(cores('售价$12345678$')).toEqual([]);
    expect(cores('今天天气不错￥100元')).toEqual([]);
    expect(cores('https://example.com/abcdefgh12345')).toEqual([]);
  });
});

describe('link classification', () => {
  it.each([
    ['https://item.taobao.com/item.htm?id=717311356868', '717311356868'],
    ['https://detail.tmall.com/item.htm?spm=a1z10&id=550088268984', '550088268984'],
    ['https://detail.m.tmall.com/item.htm?id=550088268984', '550088268984'],
    ['https://h5.m.taobao.com/awp/core/detail.htm?id=717311356868', '717311356868'],
    ['https://chaoshi.detail.tmall.com/item.htm?id=620000000001', '620000000001'],
    ['https://detail.tmall.hk/hk/item.htm?id=620000000002', '620000000002'],
    ['https://a.m.taobao.com/i620000000003.htm', '620000000003'],
    ['//item.taobao.com/item.htm?id=620000000004', '620000000004'],
    ['item.taobao.com/item.htm?id=620000000005', '620000000005'],
  ])('item page %s', (url, itemId) => {
    expect(classifyLink(url)).toMatchObject({ kind: 'item', itemId });
  });

  it('short, affiliate, coupon and shop links', () => {
    expect(classifyLink('https://m.tb.cn/h.frxkJqI?sm=1a2b3c')).toMatchObject({ kind: 'short', token: 'frxkJqI' });
    expect(classifyLink('https://e.tb.cn/h.gYkLm12?tk=abc')).toMatchObject({ kind: 'short', token: 'gYkLm12' });
    expect(classifyLink('https://s.click.taobao.com/RmWd5u6')).toMatchObject({ kind: 'affiliate', code: 'RmWd5u6' });
    expect(classifyLink('https://s.click.taobao.com/t?e=m%3D2%26s%3Dabc')).toEqual({
      kind: 'affiliate',
      host: 's.click.taobao.com',
    });
    expect(classifyLink('https://uland.taobao.com/coupon/edetail?e=abc&pid=mm_1_2_3')).toMatchObject({
      kind: 'coupon',
    });
    expect(classifyLink('https://uland.taobao.com/coupon/edetail?e=abc&itemId=717311356868')).toMatchObject({
      kind: 'coupon',
      itemId: '717311356868',
    });
    expect(classifyLink('https://shop123456.taobao.com/')).toMatchObject({ kind: 'shop' });
    expect(classifyLink('https://shop.sc.weibo.com/h5/goods/index?iid=1')).toMatchObject({ kind: 'shop' });
    expect(classifyLink('https://lancome.tmall.com/')).toMatchObject({ kind: 'shop' });
  });

  it('everything else is not a shop link, and malformed input never throws', () => {
    for (const url of [
      'https://www.jd.com/item/123456.html',
      'https://weibo.com/1669879400/OxYz12AbC',
      'http://t.cn/A6abcd',
      'https://item.taobao.com.evil.example/item.htm?id=123456',
      'https://www.tmall.com/',
      'https://item.taobao.com/item.htm?id=abc',
      'javascript:alert(1)',
      'http://[::1',
      '%E0%A4%A',
      '',
      'https://detail.tmall.com/item.htm?id=%ZZ',
    ]) {
      expect(classifyLink(url).kind, url).toBe('none');
    }
    expect(classifyLink(undefined as unknown as string).kind).toBe('none');
  });

  it('finds shop URLs written into the text, with or without a scheme', () => {
    const found = findUrlsInText('戳 https://m.tb.cn/h.frxkJqI 或者 item.taobao.com/item.htm?id=717311356868，看看');
    expect(found.map((f) => f.url)).toEqual(['https://m.tb.cn/h.frxkJqI', 'item.taobao.com/item.htm?id=717311356868']);
  });
});
