// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { generateCatalogue } from '@/utils/catalogue/generate';
import { CATEGORY_SLUGS, generateCatalogueImages, VARIANTS_PER_CATEGORY } from '@/utils/catalogue/images';
import { parseCatalogue } from '@/utils/catalogue/load';
import { shownPicture } from '@/utils/catalogue/picture';
import { CATEGORIES, type CatalogueItem, CatalogueItemSchema, type Category } from '@/utils/catalogue/schema';
import { parseCoupon, yuanToFen } from '@/utils/money';

const catalogue = generateCatalogue();

const fen = (yuan: string) => yuanToFen(yuan);
const clickCode = (item: CatalogueItem) => item.click_url.slice('https://s.click.taobao.com/'.length);
const shortToken = (item: CatalogueItem) => item.short_url.slice('https://m.tb.cn/h.'.length);

function expectAllDistinct(values: string[]): void {
  expect(new Set(values).size).toBe(values.length);
}

describe('generateCatalogue', () => {
  it('gives the same catalogue for the same seed, and a different one for another seed', () => {
    const a = generateCatalogue({ seed: 7, count: 400 });
    expect(generateCatalogue({ seed: 7, count: 400 })).toEqual(a);
    const b = generateCatalogue({ seed: 8, count: 400 });
    expect(b.map((i) => i.item_id)).not.toEqual(a.map((i) => i.item_id));
    expect(b.map((i) => i.short_title)).not.toEqual(a.map((i) => i.short_title));
  });

  it('extends rather than reshuffles: a bigger count starts with the smaller catalogue', () => {
    expect(generateCatalogue({ count: 1200 }).slice(0, 300)).toEqual(catalogue.slice(0, 300));
  });

  it('keeps the published default catalogue stable: saved corpora and demo posts cite its ids and codes', () => {
    // If this fails on purpose, regenerate tests/fixtures/corpus (scripts/gen-corpus.ts) and the demo feed too.
    const fnv1a = (s: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
      return h.toString(16).padStart(8, '0');
    };
    const identity = catalogue.map((i) =>
      [i.item_id, i.short_title, i.title, i.zk_final_price, i.tpwd, i.click_url, i.short_url].join('|'),
    );
    expect(catalogue[0]?.item_id).toBe('555837330152');
    expect(fnv1a(identity.join('\n'))).toBe('e544e250');
  });

  it('ships 5000 items by default, every one valid under the catalogue schema', () => {
    expect(catalogue).toHaveLength(5000);
    const invalid = catalogue.filter((item) => !CatalogueItemSchema.safeParse(item).success);
    expect(invalid).toEqual([]);
  });

  it('never reuses an item id, click code, short link, 淘口令 or SKU id', () => {
    expectAllDistinct(catalogue.map((i) => i.item_id));
    // One namespace across code kinds, so a token found in a post can only point at one item.
    expectAllDistinct(catalogue.flatMap((i) => [clickCode(i), shortToken(i), i.tpwd]));
    expectAllDistinct(catalogue.flatMap((i) => i.skus.map((s) => s.sku_id)));
    expectAllDistinct(catalogue.map((i) => i.short_title));
    for (const item of catalogue) expect(item.item_id).toMatch(/^\d{12}$/);
  });

  it('covers every category with a real share of the items', () => {
    for (const category of CATEGORIES) {
      const share = catalogue.filter((i) => i.cat_name === category).length / catalogue.length;
      expect(share, category).toBeGreaterThan(0.04);
    }
  });

  it('prices like a shop: the strike-through price is never below the final price, SKUs start at it', () => {
    for (const item of catalogue) {
      const final = fen(item.zk_final_price);
      expect(final).toBeGreaterThan(0);
      expect(fen(item.reserve_price)).toBeGreaterThanOrEqual(final);
      const skuPrices = item.skus.map((s) => fen(s.price));
      expect(Math.min(...skuPrices)).toBe(final);
      expect(Math.max(...skuPrices)).toBeLessThanOrEqual(final * 2);
      expect(item.skus.length).toBeGreaterThanOrEqual(1);
      expect(item.skus.length).toBeLessThanOrEqual(12);
    }
    // A phone costs more than a pack of 辣条.
    const median = (cat: string) => {
      const prices = catalogue
        .filter((i) => i.cat_name === cat)
        .map((i) => fen(i.zk_final_price))
        .sort((a, b) => a - b);
      return prices[Math.floor(prices.length / 2)] ?? 0;
    };
    expect(median('数码')).toBeGreaterThan(median('食品') * 5);
  });

  it('has SKU options that fit the category, and some sold-out SKUs', () => {
    const propNames = (cat: string) =>
      new Set(catalogue.filter((i) => i.cat_name === cat).flatMap((i) => i.skus.flatMap((s) => Object.keys(s.props))));
    expect(propNames('服饰')).toContain('尺码');
    expect(propNames('美妆')).toContain('色号');
    expect(propNames('食品')).toContain('口味');
    expect(propNames('数码')).toContain('存储');
    expect(propNames('食品')).not.toContain('尺码');
    const stocks = catalogue.flatMap((i) => i.skus.map((s) => s.stock));
    expect(stocks.filter((s) => s === 0).length).toBeGreaterThan(100);
    expect(stocks.filter((s) => s > 0).length).toBeGreaterThan(stocks.length / 2);
  });

  it('links Tmall items to detail.tmall.com official shops and C-shop items to item.taobao.com', () => {
    const tmall = catalogue.filter((i) => i.user_type === 1);
    const taobao = catalogue.filter((i) => i.user_type === 0);
    expect(tmall.length).toBeGreaterThan(1000);
    expect(taobao.length).toBeGreaterThan(1000);
    for (const item of tmall) {
      expect(item.item_url).toBe(`https://detail.tmall.com/item.htm?id=${item.item_id}`);
      expect(item.shop_title).toMatch(/(旗舰店|专卖店)$/);
      expect(item.shop_title.startsWith(item.brand)).toBe(true);
    }
    for (const item of taobao) expect(item.item_url).toBe(`https://item.taobao.com/item.htm?id=${item.item_id}`);
    expect(catalogue.filter((i) => i.shop_title.endsWith('官方旗舰店')).length).toBeGreaterThan(tmall.length / 2);
  });

  it('puts coupons on about 60% of items, each one usable on the item it belongs to', () => {
    const withCoupon = catalogue.filter((i) => i.coupon_info !== null);
    expect(withCoupon.length / catalogue.length).toBeGreaterThan(0.5);
    expect(withCoupon.length / catalogue.length).toBeLessThan(0.7);
    for (const item of withCoupon) {
      const coupon = parseCoupon(item.coupon_info);
      expect(coupon, item.coupon_info ?? '').not.toBeNull();
      if (!coupon) continue;
      const price = fen(item.zk_final_price);
      expect(coupon.discountFen).toBe(fen(item.coupon_amount));
      expect(coupon.thresholdFen).toBe(fen(item.coupon_start_fee));
      expect(coupon.discountFen).toBeLessThan(price);
      expect(coupon.thresholdFen).toBeLessThanOrEqual(price);
      if (coupon.thresholdFen > 0) expect(coupon.thresholdFen).toBeGreaterThanOrEqual(coupon.discountFen * 2);
      expect(item.coupon_end_time! >= '2026-12-01' && item.coupon_end_time! <= '2027-03-31').toBe(true);
    }
    expect(withCoupon.some((i) => i.coupon_info?.includes('无条件券'))).toBe(true);
    for (const item of catalogue.filter((i) => i.coupon_info === null)) {
      expect(fen(item.coupon_amount)).toBe(0);
      expect(fen(item.coupon_start_fee)).toBe(0);
      expect(item.coupon_end_time).toBeNull();
    }
  });

  it('pays commission between 1% and 50%, beauty well above electronics', () => {
    const rate = (i: CatalogueItem) => Number(i.commission_rate);
    for (const item of catalogue) {
      expect(rate(item)).toBeGreaterThanOrEqual(100);
      expect(rate(item)).toBeLessThanOrEqual(5000);
    }
    const mean = (cat: string) => {
      const rates = catalogue.filter((i) => i.cat_name === cat).map(rate);
      return rates.reduce((a, b) => a + b, 0) / rates.length;
    };
    expect(mean('美妆')).toBeGreaterThan(mean('数码') * 3);
  });

  it('has skewed 30-day sales: most items sell little, a few sell a lot', () => {
    const volumes = catalogue.map((i) => i.volume).sort((a, b) => a - b);
    expect(volumes[Math.floor(volumes.length / 2)]).toBeLessThan(200);
    expect(volumes[volumes.length - 1]).toBeGreaterThan(20_000);
  });

  it('writes keyword-stuffed titles that contain the clean short title', () => {
    for (const item of catalogue) {
      expect(item.title).toContain(item.short_title);
      expect(item.short_title.startsWith(item.brand)).toBe(true);
      expect(item.title.length).toBeGreaterThan(item.short_title.length);
    }
    expect(catalogue.some((i) => i.title.startsWith('【官方正品】'))).toBe(true);
  });

  it('includes near-duplicate siblings for text matching to tell apart', () => {
    const byBrandLeaf = new Map<string, CatalogueItem[]>();
    for (const item of catalogue) {
      const key = `${item.brand}|${item.cat_leaf_name}`;
      byBrandLeaf.set(key, [...(byBrandLeaf.get(key) ?? []), item]);
    }
    // Same product in two sizes: "…精华液30ml" vs "…精华液50ml".
    const sizePairs = [...byBrandLeaf.values()].filter((group) => {
      const stems = group.map((i) => i.short_title.replace(/\d+(?:\.\d+)?(ml|g|kg|片装|寸|cm|L|mAh)$/, ''));
      return new Set(stems).size < stems.length && stems.some((s, n) => s !== group[n]?.short_title);
    });
    expect(sizePairs.length).toBeGreaterThan(50);
    // Sibling products of one series: "花西子空气蜜粉饼" vs "花西子空气散粉".
    const siblings = catalogue.filter((a, n) => {
      const b = catalogue[n + 1];
      return b && a.brand === b.brand && a.cat_leaf_name === b.cat_leaf_name && a.pict_url === b.pict_url;
    });
    expect(siblings.length).toBeGreaterThan(500);
  });

  it('still works at benchmark scale (50,000 items), with every id and code unique', () => {
    const big = generateCatalogue({ count: 50_000 });
    expect(big).toHaveLength(50_000);
    expectAllDistinct(big.map((i) => i.item_id));
    expectAllDistinct(big.flatMap((i) => [clickCode(i), shortToken(i), i.tpwd]));
    expect(big.slice(0, 100)).toEqual(catalogue.slice(0, 100));
  }, 60_000);
});

describe('generateCatalogueImages', () => {
  const images = generateCatalogueImages();

  it('draws ten pictures per category, named like beauty-03.svg', () => {
    expect(images).toHaveLength(CATEGORIES.length * VARIANTS_PER_CATEGORY);
    expectAllDistinct(images.map((i) => i.file));
    for (const category of CATEGORIES) {
      const own = images.filter((i) => i.file.startsWith(`${CATEGORY_SLUGS[category]}-`));
      expect(own, category).toHaveLength(VARIANTS_PER_CATEGORY);
    }
    for (const image of images) expect(image.file).toMatch(/^[a-z]+-\d{2}\.svg$/);
  });

  it('makes self-contained square SVGs that never load anything from the network', () => {
    for (const { svg } of images) {
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240"')).toBe(true);
      expect(svg.endsWith('</svg>')).toBe(true);
      expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|href=|<script|<image/);
    }
  });

  it('parses as well-formed XML', () => {
    const parser = new DOMParser();
    for (const { file, svg } of images) {
      const doc = parser.parseFromString(svg, 'image/svg+xml');
      expect(doc.getElementsByTagName('parsererror'), file).toHaveLength(0);
      expect(doc.documentElement.tagName.toLowerCase()).toBe('svg');
    }
  });

  it('is what every catalogue item’s picture points at (as its packaged WebP), and every picture gets used', () => {
    const files = new Set(images.map((i) => shownPicture(`catalogue/img/${i.file}`)));
    expect([...files].every((f) => f.endsWith('.webp'))).toBe(true);
    const used = new Set(catalogue.map((i) => i.pict_url));
    for (const url of used) expect(files).toContain(url);
    expect(used.size).toBeGreaterThan(images.length * 0.9);
    for (const item of catalogue) {
      expect(item.pict_url.startsWith(`catalogue/img/${CATEGORY_SLUGS[item.cat_name as Category]}-`)).toBe(true);
    }
  });
});

describe('parseCatalogue', () => {
  const good = catalogue.slice(0, 5);
  const clone = (item: CatalogueItem): Record<string, unknown> => structuredClone(item) as Record<string, unknown>;

  it('keeps a clean catalogue as it is', () => {
    expect(parseCatalogue(good)).toEqual({ items: good, errors: [] });
  });

  it('skips and reports broken entries without throwing, keeping the rest', () => {
    const missing = clone(good[1]!);
    delete missing.tpwd;
    const wrongType = clone(good[2]!);
    wrongType.volume = '1.2万';
    const negativeStock = clone(good[3]!);
    (negativeStock.skus as { stock: number }[])[0]!.stock = -1;
    const raw = [good[0], missing, wrongType, negativeStock, null, 42, 'item', good[4]];

    const { items, errors } = parseCatalogue(raw);

    expect(items.map((i) => i.item_id)).toEqual([good[0]!.item_id, good[4]!.item_id]);
    expect(errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(errors[0]).toMatchObject({ id: good[1]!.item_id, message: expect.stringContaining('tpwd') });
    expect(errors[1]).toMatchObject({ id: good[2]!.item_id, message: expect.stringContaining('volume') });
    expect(errors[2]).toMatchObject({ id: good[3]!.item_id, message: expect.stringContaining('skus.0.stock') });
    expect(errors[3]?.id).toBeUndefined();
  });

  it('treats HTML in a title as plain text: accepted, kept verbatim for textContent rendering', () => {
    const html = clone(good[0]!);
    html.title = '<img src=x onerror=alert(1)>花西子空气蜜粉饼';
    const { items, errors } = parseCatalogue([html]);
    expect(errors).toEqual([]);
    expect(items[0]?.title).toBe('<img src=x onerror=alert(1)>花西子空气蜜粉饼');
  });

  it('keeps the first of two entries sharing an item_id and reports the second', () => {
    const twin = { ...clone(good[1]!), item_id: good[0]!.item_id };
    const { items, errors } = parseCatalogue([good[0], twin, good[2]]);
    expect(items.map((i) => i.item_id)).toEqual([good[0]!.item_id, good[2]!.item_id]);
    expect(errors).toEqual([{ index: 1, id: good[0]!.item_id, message: `duplicate item_id ${good[0]!.item_id}` }]);
  });

  it('rejects input that is not an array with one error and no items', () => {
    for (const raw of [null, undefined, {}, 'items', 5, { items: good }]) {
      const result = parseCatalogue(raw);
      expect(result.items).toEqual([]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.index).toBe(-1);
    }
  });

  it('rejects SKU-less items, bad links and out-of-range ids', () => {
    const noSkus = { ...clone(good[0]!), skus: [] };
    const badClick = { ...clone(good[1]!), click_url: 'https://evil.example/abc' };
    const shortId = { ...clone(good[2]!), item_id: '123' };
    const badPrice = { ...clone(good[3]!), zk_final_price: '-5.00' };
    const { items, errors } = parseCatalogue([noSkus, badClick, shortId, badPrice]);
    expect(items).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('skus'),
      expect.stringContaining('click_url'),
      expect.stringContaining('item_id'),
      expect.stringContaining('zk_final_price'),
    ]);
  });
});
