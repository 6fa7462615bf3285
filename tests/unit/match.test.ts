import { beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../../utils/catalogue/generate';
import type { CatalogueItem } from '../../utils/catalogue/schema';
import { buildCatalogueIndex, type CatalogueIndex, matchItems, matchText } from '../../utils/match';
import type { Post } from '../../utils/types';
import { makePost } from './feed.fixture';

let items: CatalogueItem[];
let index: CatalogueIndex;
beforeAll(() => {
  items = generateCatalogue();
  index = buildCatalogueIndex(items);
});
const item = (i: number) => items[i] as CatalogueItem;
const post = (text: string, links: Post['links'] = []): Post => makePost({ text, links });

describe('catalogue index', () => {
  it('resolves every explicit reference form of every item exactly', () => {
    for (const it of items.slice(0, 300)) {
      const code = it.click_url.split('/').pop();
      const token = it.short_url.split('h.').pop();
      expect(index.byItemId.get(it.item_id)).toBe(it);
      expect(index.byClickCode.get(code ?? '')).toBe(it);
      expect(index.byShortToken.get(token ?? '')).toBe(it);
      expect(index.byTpwd.get(it.tpwd)).toBe(it);
    }
  });
});

describe('text matching', () => {
  it('finds an item from its name in a sentence, and only that item', () => {
    let hits = 0;
    for (const it of items.slice(0, 200)) {
      const found = matchText(`最近入了${it.short_title}，分享一下`, index);
      expect(found.length).toBeLessThanOrEqual(1);
      if (found[0]) {
        expect(found[0].item.item_id).toBe(it.item_id);
        hits++;
      }
    }
    expect(hits).toBeGreaterThanOrEqual(190);
  });

  it('a brand alone, or a generic product word, matches nothing', () => {
    expect(matchText(`今天用了${item(0).brand}好开心`, index)).toEqual([]);
    expect(matchText('这个面膜真的好用，羽绒服也不错', index)).toEqual([]);
  });

  it('returns at most three mentions, in text order', () => {
    const names = [item(10), item(20), item(30), item(40)];
    const found = matchText(names.map((n) => n.short_title).join('，还有'), index);
    expect(found.length).toBe(3);
    const offsets = found.map((f) => f.offset);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });
});

describe('matchItems', () => {
  it('puts exact references first and caps at six items', () => {
    const text = items
      .slice(50, 58)
      .map((it) => `￥${it.tpwd}￥`)
      .join(' ');
    const m = matchItems(post(text), index);
    expect(m).toHaveLength(6);
    expect(m.map((x) => x.itemId)).toEqual(items.slice(50, 56).map((it) => it.item_id));
    expect(m.every((x) => x.kind === 'exact')).toBe(true);
  });
});

describe('text mentions stay precise around explicit references', () => {
  const cat = generateCatalogue();
  const idx = buildCatalogueIndex(cat);
  const post = (text: string): Post => makePost({ id: 'p', author: { uid: '1', name: 'a', tier: 'none' }, text });
  // Two listings of one family: a short name that is a prefix of a longer one (水星家纺极简水洗棉床单 / …2026新款).
  const family = cat.flatMap((long) =>
    cat
      .filter((short) => short !== long && short.brand === long.brand && long.short_title.startsWith(short.short_title))
      .map((short) => ({ long, short })),
  )[0];

  it('does not add a sibling whose name is part of the linked product name', () => {
    expect(family).toBeDefined();
    const { long } = family as NonNullable<typeof family>;
    const m = matchItems(post(`太好用了：${long.short_title}，复制￥${long.tpwd}￥打开淘宝`), idx);
    expect(m.map((x) => x.itemId)).toEqual([long.item_id]);
  });

  it('orders cards by where the post mentions each product, whatever the kind of reference', () => {
    const [a, b] = cat.filter((i) => i.brand !== cat[0]?.brand).slice(0, 2) as [CatalogueItem, CatalogueItem];
    const text = `1. ${a.brand}的${a.short_title.replace(a.brand, '')} 认准它 2. ${b.short_title} 复制￥${b.tpwd}￥`;
    expect(matchItems(post(text), idx).map((x) => x.itemId)).toEqual([a.item_id, b.item_id]);
  });

  it('needs the brand to lead into the product words, not sit beside another product', () => {
    const a = cat.find((i) => i.brand.length >= 2) as CatalogueItem;
    const other = cat.find((i) => i.brand !== a.brand && !a.short_title.includes(i.brand)) as CatalogueItem;
    const rest = a.short_title.replace(a.brand, '');
    // a's product words follow the other brand; a's brand only appears far away.
    const text = `${other.brand}${rest}真的好用，种草！另外${a.brand}家的客服也不错`;
    expect(matchItems(post(text), idx).map((x) => x.itemId)).not.toContain(a.item_id);
  });
});
