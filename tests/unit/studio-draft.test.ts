import { beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '@/utils/catalogue/generate';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { buildCatalogueIndex, type CatalogueIndex } from '@/utils/match/index';
import { analyseDraft, draftToPost } from '@/utils/studio/draft';

let items: CatalogueItem[];
let index: CatalogueIndex;
let a: CatalogueItem;
let b: CatalogueItem;

beforeAll(() => {
  items = generateCatalogue();
  index = buildCatalogueIndex(items);
  a = items[10] as CatalogueItem;
  b = items[20] as CatalogueItem;
});

describe('a draft in the studio', () => {
  it('becomes a post with the links written in its text', () => {
    const post = draftToPost({ text: `看这里 https://item.taobao.com/item.htm?id=${a.item_id} 好用`, tier: 'gold' });
    expect(post.id).toBe('draft');
    expect(post.author.tier).toBe('gold');
    expect(post.links.map((l) => l.url)).toEqual([`https://item.taobao.com/item.htm?id=${a.item_id}`]);
  });

  it('with an item link is detected and shows that item', () => {
    const r = analyseDraft(
      { text: `闭眼入！https://item.taobao.com/item.htm?id=${a.item_id}`, tier: 'none' },
      index,
      3,
    );
    expect(r.detection.isGuide).toBe(true);
    expect(r.items.map((i) => i.item_id)).toEqual([a.item_id]);
    expect(r.detection.reasons.some((x) => x.code === 'item-url' && x.weight > 0)).toBe(true);
    expect(r.suggestions).toEqual([]);
  });

  it('with a 淘口令 is detected and shows that item', () => {
    const r = analyseDraft({ text: `复制这段 ￥${b.tpwd}￥ 打开手机淘宝`, tier: 'yellow' }, index, 3);
    expect(r.detection.isGuide).toBe(true);
    expect(r.items.map((i) => i.item_id)).toEqual([b.item_id]);
  });

  it('as plain text is not detected and says what is missing', () => {
    const r = analyseDraft({ text: '今天天气真好，出去走走。', tier: 'none' }, index, 3);
    expect(r.detection.isGuide).toBe(false);
    expect(r.items).toEqual([]);
    const codes = r.suggestions.map((s) => s.code);
    expect(codes).toContain('add-link');
    expect(codes).toContain('name-product');
    expect(codes).toContain('guide-words');
    expect(codes).toContain('verified');
  });

  it('with a link to an item outside the catalogue lists it as a near miss', () => {
    const r = analyseDraft({ text: '链接 https://item.taobao.com/item.htm?id=999999999999', tier: 'none' }, index, 3);
    expect(r.detection.isGuide).toBe(false);
    expect(r.nearMisses.some((n) => n.kind === 'unknown-ref' && n.detail.includes('不在商品库'))).toBe(true);
    expect(r.suggestions.map((s) => s.code)).toContain('fix-link');
  });

  it('marked as an ad shows no cards, and names the item the ad tag withheld', () => {
    const r = analyseDraft({ text: `￥${b.tpwd}￥`, tier: 'gold', promoted: true }, index, 3);
    expect(r.detection.isGuide).toBe(false);
    expect(r.items).toEqual([]);
    expect(r.nearMisses).toContainEqual({ kind: 'ad', item: b });
    expect(r.suggestions[0]?.code).toBe('not-ad');
  });

  it('that names a product but scores under a high threshold lists the item as below the threshold', () => {
    const r = analyseDraft({ text: `￥${b.tpwd}￥`, tier: 'none' }, index, 50);
    expect(r.detection.isGuide).toBe(false);
    expect(r.nearMisses).toContainEqual({ kind: 'below-threshold', item: b });
  });

  it('naming only part of a product name shows the weak mention and asks for the full name', () => {
    // The name cut short: the brand is there but under 80 % of the name, so no card, yet clearly aimed at an item.
    let found = 0;
    for (const target of items.slice(0, 40)) {
      const r = analyseDraft({ text: `最近在用${target.short_title.slice(0, -4)}，还不错`, tier: 'none' }, index, 3);
      const weak = r.nearMisses.find((n) => n.kind === 'weak-name' && n.item.item_id === target.item_id);
      if (weak?.kind !== 'weak-name' || r.detection.isGuide) continue;
      found++;
      expect(weak.confidence).toBeLessThan(weak.floor);
      expect(r.suggestions).toContainEqual({
        code: 'complete-name',
        vars: { name: expect.any(String), pct: expect.any(Number) },
      });
    }
    expect(found).toBeGreaterThan(3);
  });
});

describe('the preview cards of a draft', () => {
  it("open the draft's own link for items it linked, and the item page for a 淘口令", () => {
    const url = `https://item.taobao.com/item.htm?id=${a.item_id}`;
    const r = analyseDraft({ text: `链接 ${url} 还有 ￥${b.tpwd}￥`, tier: 'gold' }, index, 3);
    expect(r.items.map((i) => i.item_id)).toEqual([a.item_id, b.item_id]);
    expect(r.links).toEqual({ [a.item_id]: url, [b.item_id]: null });
  });
});

describe('a name written in pieces', () => {
  it('is a near miss that asks to write the name in one piece', () => {
    const target = items.find((i) => i.short_title.startsWith(i.brand) && i.short_title.length >= i.brand.length + 6);
    if (!target) throw new Error('no suitable item');
    const rest = target.short_title.slice(target.brand.length);
    const half = Math.ceil(rest.length / 2);
    // The product words reversed around a filler: every word present, no unbroken run of the name.
    const text = `${target.brand}真的好 ${rest.slice(half)}，还有 ${rest.slice(0, half)}`;
    const r = analyseDraft({ text, tier: 'none' }, index, 3);
    expect(r.items.map((i) => i.item_id)).not.toContain(target.item_id);
    expect(r.nearMisses.some((n) => n.kind === 'scattered-name' && n.item.item_id === target.item_id)).toBe(true);
    expect(r.suggestions).toContainEqual({ code: 'name-together', vars: { name: target.short_title } });
  });
});

describe('near misses next to a linked product', () => {
  it('leave out siblings that only share the linked product’s words', () => {
    const linked = items.find((i) =>
      items.some((j) => j !== i && j.brand === i.brand && j.cat_leaf_name === i.cat_leaf_name),
    );
    if (!linked) throw new Error('no item with a sibling');
    const text = `${linked.short_title} 链接 https://item.taobao.com/item.htm?id=${linked.item_id}`;
    const r = analyseDraft({ text, tier: 'none' }, index, 3);
    expect(r.items[0]?.item_id).toBe(linked.item_id);
    expect(r.nearMisses.filter((n) => n.kind === 'weak-name' || n.kind === 'scattered-name')).toEqual([]);
  });
});
