import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, type DemoPost, GUIDE_KINDS, generateDemoPosts, midToMblogid, toMblog } from '../../demo/posts';
import { hashClasses } from '../../demo/src/classes';
import { relativeTime, tokenize, truncateTokens } from '../../demo/src/text';
import { generateCatalogue } from '../../utils/catalogue/generate';
import type { CatalogueItem } from '../../utils/catalogue/schema';

let catalogue: CatalogueItem[];
let byId: Map<string, CatalogueItem>;
let posts: DemoPost[];

beforeAll(() => {
  catalogue = generateCatalogue();
  byId = new Map(catalogue.map((i) => [i.item_id, i]));
  posts = generateDemoPosts({ seed: 20261124, count: 2400, catalogue });
});

/** Everything a reader can see of a post, including the quoted original and the links behind 网页链接. */
function surface(p: DemoPost) {
  const parts = [p, ...(p.retweeted_status ? [p.retweeted_status] : [])];
  return {
    text: parts.map((m) => m.text_raw).join('\n'),
    urls: parts.flatMap((m) => (m.url_struct ?? []).map((u) => u.long_url)),
  };
}

/** True when the post refers to `item` in a way a careful reader (or the extension) could resolve. */
function references(p: DemoPost, item: CatalogueItem): boolean {
  const { text, urls } = surface(p);
  const token = item.short_url.slice('https://m.tb.cn/h.'.length);
  return (
    text.includes(item.tpwd) ||
    text.includes(item.short_title) ||
    urls.some(
      (u) =>
        new URL(u).searchParams.get('id') === item.item_id ||
        new URL(u).searchParams.get('itemId') === item.item_id ||
        u === item.click_url ||
        u.startsWith(`https://m.tb.cn/h.${token}?`),
    )
  );
}

describe('generateDemoPosts', () => {
  it('is deterministic in its seed', () => {
    const again = generateDemoPosts({ seed: 20261124, count: 2400, catalogue });
    expect(again).toEqual(posts);
    const other = generateDemoPosts({ seed: 7, count: 2400, catalogue });
    expect(other.map((p) => p.text_raw)).not.toEqual(posts.map((p) => p.text_raw));
  });

  it('shapes ids like Weibo: 16-digit mid, the 9-char mblogid Weibo derives from it, unique', () => {
    for (const p of posts) {
      expect(p.mid).toMatch(/^\d{16}$/);
      expect(p.idstr).toBe(p.mid);
      expect(p.mblogid).toMatch(/^[0-9A-Za-z]{9}$/);
      expect(p.mblogid).toBe(midToMblogid(p.mid));
    }
    expect(new Set(posts.map((p) => p.mblogid)).size).toBe(posts.length);
    // A pair widely quoted from weibo.com's own URLs.
    expect(midToMblogid('3501756485200075')).toBe('z0JH2lOMb');
  });

  it('has the mix the benchmarks need: ≥ 2,400 posts, ~30 % guide posts, every kind present', () => {
    expect(posts.length).toBeGreaterThanOrEqual(2400);
    const count = (k: string) => posts.filter((p) => p.label.kind === k).length;
    const guides = posts.filter((p) => GUIDE_KINDS.includes(p.label.kind)).length;
    expect(guides / posts.length).toBeGreaterThan(0.27);
    expect(guides / posts.length).toBeLessThan(0.36);
    for (const k of [
      'guide',
      'guide-repost',
      'ordinary',
      'news',
      'ad',
      'repost',
      'brand-talk',
      'non-shop-link',
      'unknown-item',
      'hostile',
    ]) {
      expect(count(k), k).toBeGreaterThan(0);
    }
    // The first 2,000 posts (what benchmarks scroll) hold a realistic share too.
    const first = posts.slice(0, 2000).filter((p) => GUIDE_KINDS.includes(p.label.kind)).length;
    expect(first).toBeGreaterThan(500);
  });

  it('labels only catalogue items, and every guide post really references each labelled item', () => {
    for (const p of posts) {
      const guide = GUIDE_KINDS.includes(p.label.kind);
      expect(p.label.expectedItemIds.length > 0, `${p.label.kind} ${p.mblogid}`).toBe(guide);
      for (const id of p.label.expectedItemIds) {
        const item = byId.get(id);
        expect(item, id).toBeDefined();
        if (item) expect(references(p, item), `${p.mblogid} → ${id}: ${p.text_raw}`).toBe(true);
      }
    }
  });

  it('unknown-item posts point at shop ids, short links or 淘口令 that are NOT in the catalogue', () => {
    const tokens = new Set(catalogue.map((i) => i.short_url.slice('https://m.tb.cn/h.'.length)));
    const tpwds = new Set(catalogue.map((i) => i.tpwd));
    const unknown = posts.filter((p) => p.label.kind === 'unknown-item');
    expect(unknown.length).toBeGreaterThan(20);
    for (const p of unknown) {
      const { text, urls } = surface(p);
      const ids = urls.map((u) => new URL(u).searchParams.get('id')).filter((x): x is string => Boolean(x));
      const shortTokens = urls
        .map((u) => /m\.tb\.cn\/h\.([A-Za-z0-9]+)/.exec(u)?.[1])
        .filter((x): x is string => Boolean(x));
      const pwds = [...text.matchAll(/[A-Za-z0-9]{11}/g)].map((m) => m[0]);
      expect(ids.length + shortTokens.length + pwds.length, p.text_raw).toBeGreaterThan(0);
      for (const id of ids) expect(byId.has(id)).toBe(false);
      for (const t of shortTokens) expect(tokens.has(t)).toBe(false);
      for (const t of pwds) expect(tpwds.has(t)).toBe(false);
    }
  });

  it('ads carry shop links to catalogue items yet expect no card, and are flagged like Weibo flags them', () => {
    const ads = posts.filter((p) => p.label.kind === 'ad');
    expect(
      ads.every((p) => p.mblogtype === 1 && (p.promotion?.recommend === '广告' || p.promotion?.recommend === '荐读')),
    ).toBe(true);
    expect(ads.some((p) => catalogue.some((i) => references(p, i)))).toBe(true);
    expect(posts.filter((p) => p.label.kind !== 'ad').every((p) => !p.promotion)).toBe(true);
  });

  it('uses every reference form: item pages, m.tb.cn, s.click, uland, 淘口令 in several delimiters and the iOS form', () => {
    const guides = posts.filter((p) => GUIDE_KINDS.includes(p.label.kind));
    const urls = guides.flatMap((p) => surface(p).urls);
    const text = guides.map((p) => surface(p).text).join('\n');
    for (const host of [
      'item.taobao.com',
      'detail.tmall.com',
      'detail.m.tmall.com',
      'h5.m.taobao.com',
      'chaoshi.detail.tmall.com',
      'detail.tmall.hk',
      'm.tb.cn',
      's.click.taobao.com',
      'uland.taobao.com',
    ]) {
      expect(
        urls.some((u) => new URL(u).hostname === host),
        host,
      ).toBe(true);
    }
    const tpwds = guides.flatMap((p) => p.label.expectedItemIds.map((id) => byId.get(id)?.tpwd ?? '-'));
    for (const [l, r] of [
      ['￥', '￥'],
      ['€', '€'],
      ['$', '$'],
      ['₳', '₳'],
      ['啊', '啊'],
      ['🔑', '🔑'],
      ['👉', '👈'],
    ]) {
      expect(
        tpwds.some((t) => text.includes(`${l}${t}${r}`)),
        l,
      ).toBe(true);
    }
    expect(text).toMatch(/\d{2}￥[A-Za-z0-9]{11}￥ http:\/\/t\.cn\/\w+/);
    for (const w of ['种草', '好物', '回购', '链接', '同款', '拔草', '冲', '安利']) expect(text, w).toContain(w);
  });

  it('has influencers (gold/orange/yellow V), blue-V organisations and ordinary users', () => {
    const users = posts.map((p) => p.user);
    expect(
      users.some((u) => u.verified_type === 0 && u.verified_type_ext === 1 && u.followers_count >= 1_000_000),
    ).toBe(true);
    expect(users.some((u) => u.verified_type === 0 && u.verified_type_ext === 0)).toBe(true);
    expect(users.some((u) => u.verified_type === 0 && u.verified_type_ext === undefined)).toBe(true);
    expect(users.some((u) => u.verified_type >= 1 && u.verified_type <= 7)).toBe(true);
    expect(users.some((u) => u.verified_type === -1 && !u.verified)).toBe(true);
    expect(posts.filter((p) => p.label.kind === 'news').every((p) => p.user.verified_type >= 1)).toBe(true);
  });

  it('carries hostile text: markup in posts and names, zero-width characters, one ~60 KB post', () => {
    const hostile = posts.filter((p) => p.label.kind === 'hostile');
    expect(hostile.some((p) => p.text_raw.includes('<script>alert(1)</script>'))).toBe(true);
    expect(hostile.some((p) => /<img src=x onerror=/.test(p.text_raw))).toBe(true);
    expect(posts.some((p) => /[<>]/.test(p.user.screen_name))).toBe(true);
    expect(posts.some((p) => p.text_raw.includes('\u200b'))).toBe(true);
    const giant = posts.find((p) => new TextEncoder().encode(p.text_raw).length > 55_000);
    expect(giant?.isLongText).toBe(true);
  });

  it('keeps the label out of what the page is served', () => {
    const served = toMblog(posts[0] as DemoPost);
    expect('label' in served).toBe(false);
    expect(JSON.stringify(served)).not.toContain('expectedItemIds');
  });
});

describe('demo page helpers', () => {
  it('expands t.cn links through url_struct and leaves unknown ones raw', () => {
    const toks = tokenize('看 http://t.cn/A6abc 和 http://t.cn/Rzzz #好物# @小鹿:冲', [
      {
        short_url: 'http://t.cn/A6abc',
        long_url: 'https://m.tb.cn/h.x',
        url_title: '网页链接',
        url_type_pic: 'p',
        ori_url: '',
        url_type: 39,
        result: true,
      },
    ]);
    expect(toks.map((t) => t.t)).toEqual([
      'text',
      'link',
      'text',
      'rawlink',
      'text',
      'topic',
      'text',
      'mention',
      'text',
    ]);
  });

  it('never cuts a link in half at the 展开 limit', () => {
    const toks = tokenize(`${'好'.repeat(138)}http://t.cn/A6abc`, [
      {
        short_url: 'http://t.cn/A6abc',
        long_url: 'https://x',
        url_title: '网页链接',
        url_type_pic: 'p',
        ori_url: '',
        url_type: 0,
        result: true,
      },
    ]);
    expect(truncateTokens(toks, 140).map((t) => t.t)).toEqual(['text']);
  });

  it('writes times the way weibo.com does', () => {
    const now = Date.UTC(2026, 10, 24, 4, 0, 0);
    expect(relativeTime(now - 10_000, now)).toBe('刚刚');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5分钟前');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('今天 09:00');
    expect(relativeTime(now - 24 * 3_600_000, now)).toBe('昨天 12:00');
    expect(relativeTime(now - 4 * 86_400_000, now)).toBe('11-20 12:00');
  });

  it('hashes class names differently per build salt, in both CSS-module spellings', () => {
    const a = hashClasses(createRng(1).next);
    const b = hashClasses(createRng(2).next);
    expect(a.wbtext).toMatch(/^_wbtext_[0-9a-z]{5}_\d{2}$/);
    expect(a.time).toMatch(/^_time_[0-9a-z]{5}_\d{2}$/);
    expect(a.Feed_body).toMatch(/^Feed_body_[A-Za-z0-9]{5}$/);
    expect(a.head_name).toMatch(/^head_name_[A-Za-z0-9]{5}$/);
    expect(a.wbtext).not.toBe(b.wbtext);
    expect(hashClasses(createRng(1).next)).toEqual(a);
  });
});
