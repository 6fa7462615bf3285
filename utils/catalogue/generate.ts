import { fenToYuan } from '../money';
import { seededRandom } from '../random';
import { pictUrl, type ShapeName, variantsForShape } from './images';
import type { CatalogueItem, Category, Sku } from './schema';
import {
  EDITIONS,
  PROVCITIES,
  SHOP_PREFIXES,
  SHOP_SUFFIXES,
  SHOP_THEMES,
  TAOBAO_TITLE_PREFIXES,
  TMALL_TITLE_PREFIXES,
  type TypeWords,
  WORDS,
} from './words';

// Relative imports only: wxt.config.ts loads this module at build time, outside Vite's `@/` alias.

export const DEFAULT_SEED = 20261124;
export const DEFAULT_COUNT = 5000;

interface Axis {
  name: string;
  values: string[];
  /** Later values cost more (storage, bed size). */
  priced: boolean;
}

interface TypeSpec {
  leaf: string;
  nouns: string[];
  specs: string[];
  price: readonly [number, number];
  shape: ShapeName;
  axes: Axis[];
  kw: string[];
  /** Own series names, or null to use the category's. */
  series: string[] | null;
  variants: number[];
}

interface BrandSpec {
  name: string;
  /** null = may sell every leaf of the category */
  leaves: Set<string> | null;
  small: boolean;
  /** The category's types this brand sells, in table order. */
  types: TypeSpec[];
}

interface CategorySpec {
  category: Category;
  brands: BrandSpec[];
  series: string[];
  types: TypeSpec[];
  commission: readonly [number, number];
  kw: string[];
}

const words = (s: string | undefined): string[] => (s ? s.split(' ').filter(Boolean) : []);

function parseAxis(text: string): Axis {
  const priced = text.startsWith('$');
  const [name = '', values = ''] = (priced ? text.slice(1) : text).split(':');
  return { name, values: values.split(','), priced };
}

function parseType(category: Category, t: TypeWords): TypeSpec {
  const variants = variantsForShape(category, t.shape);
  if (variants.length === 0) throw new Error(`catalogue words: shape ${t.shape} is not drawn for ${category}`);
  return {
    leaf: t.leaf,
    nouns: words(t.nouns),
    specs: words(t.specs),
    price: t.price,
    shape: t.shape,
    axes: t.axes.map(parseAxis),
    kw: words(t.kw),
    series: t.series ? words(t.series) : null,
    variants,
  };
}

function parseBrand(token: string): BrandSpec {
  const small = token.endsWith('*') || token.includes('*@');
  const [name = '', leaves] = token.replace('*', '').split('@');
  return { name, leaves: leaves ? new Set(leaves.split('/')) : null, small, types: [] };
}

let parsed: Map<Category, CategorySpec> | null = null;

function categorySpecs(): Map<Category, CategorySpec> {
  if (parsed) return parsed;
  parsed = new Map();
  for (const category of Object.keys(WORDS) as Category[]) {
    const w = WORDS[category];
    const types = w.types.map((t) => parseType(category, t));
    const brands = words(w.brands).map(parseBrand);
    for (const b of brands) {
      if (b.leaves && ![...b.leaves].every((leaf) => types.some((t) => t.leaf === leaf))) {
        throw new Error(`catalogue words: brand ${b.name} names an unknown leaf of ${category}`);
      }
      b.types = types.filter((t) => !b.leaves || b.leaves.has(t.leaf));
    }
    parsed.set(category, {
      category,
      brands,
      series: words(w.series),
      types,
      commission: w.commission,
      kw: words(w.kw),
    });
  }
  return parsed;
}

/**
 * Order in which product families are drawn: weighted towards the categories Weibo guide posts push hardest
 * (beauty, clothes, food), while every category appears within the first cycle.
 */
const CATEGORY_CYCLE: readonly Category[] = [
  '美妆',
  '服饰',
  '数码',
  '美妆',
  '家居',
  '食品',
  '服饰',
  '母婴',
  '运动',
  '个护',
  '美妆',
  '箱包',
  '宠物',
  '食品',
  '服饰',
  '数码',
];

const COUPON_AMOUNTS = [1, 2, 3, 5, 10, 15, 20, 30, 40, 50, 60, 80, 100, 150, 200, 300, 500];
const COUPON_THRESHOLDS = [
  9, 19, 29, 39, 49, 59, 69, 79, 89, 99, 109, 129, 149, 169, 199, 229, 259, 299, 349, 399, 499, 599, 699, 799, 999,
  1299, 1499, 1999, 2499, 2999, 3999, 4999, 5999, 6999, 7999,
];
const ALNUM_CODES = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', (c) =>
  c.charCodeAt(0),
);
/** Coupon end dates, 2026-12-01 … 2027-03-31. */
const COUPON_END_DATES = Array.from({ length: 121 }, (_, d) =>
  new Date(Date.UTC(2026, 11, 1) + d * 86_400_000).toISOString().slice(0, 10),
);
const MAX_TITLE = 60;

class Generator {
  private readonly rng: () => number;
  private readonly ids = new Set<string>();
  private readonly codes = new Set<string>();
  private readonly shortTitles = new Set<string>();

  constructor(seed: number) {
    this.rng = seededRandom(seed);
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.rng() * (max - min + 1));
  }

  private pick<T>(list: readonly T[]): T {
    const value = list[Math.floor(this.rng() * list.length)];
    if (value === undefined) throw new Error('pick from an empty list');
    return value;
  }

  /** k distinct indices of 0..n-1, ascending (so priced axes stay in price order). */
  private indices(n: number, k: number): number[] {
    const pool = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.rng() * (n - i));
      [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
    }
    return pool.slice(0, k).sort((a, b) => a - b);
  }

  private unique(set: Set<string>, make: () => string): string {
    for (;;) {
      const value = make();
      if (!set.has(value)) {
        set.add(value);
        return value;
      }
    }
  }

  private alnum(length: number): string {
    // Built from char codes so the result is a flat string: these are hashed straight away by the uniqueness Set,
    // and hashing a `+=` rope first flattens it, which dominated the 50,000-item profile.
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++) codes[i] = ALNUM_CODES[Math.floor(this.rng() * ALNUM_CODES.length)] as number;
    return String.fromCharCode(...codes);
  }

  private itemId(): string {
    return this.unique(this.ids, () => `${this.int(5, 7)}${String(this.int(0, 99_999_999_999)).padStart(11, '0')}`);
  }

  /** Click codes, short-link tokens and 淘口令 share one namespace so no string resolves to two items. */
  private code(length: number): string {
    return this.unique(this.codes, () => this.alnum(length));
  }

  /** Prices end the way shops price them: 9.9, 39, 129, 1299. */
  private niceFen(yuan: number): number {
    if (yuan < 20) return Math.max(1, Math.round(yuan)) * 100 - 10;
    if (yuan < 1000) return (Math.round(yuan / 10) * 10 - 1) * 100 + (this.rng() < 0.15 ? 90 - 100 : 0);
    return (Math.round(yuan / 100) * 100 - 1) * 100;
  }

  /** Strike-through price: rounded up to a whole ten (or hundred) yuan, never below the final price. */
  private reserveFen(finalFen: number): number {
    if (this.rng() < 0.25) return finalFen;
    const raised = finalFen * (1.1 + this.rng() * 0.8);
    const step = raised >= 100_000 ? 10_000 : 1_000;
    return Math.max(finalFen, Math.ceil(raised / step) * step);
  }

  private coupon(
    finalFen: number,
  ): Pick<CatalogueItem, 'coupon_info' | 'coupon_amount' | 'coupon_start_fee' | 'coupon_end_time'> {
    const none = { coupon_info: null, coupon_amount: '0.00', coupon_start_fee: '0.00', coupon_end_time: null };
    if (this.rng() >= 0.6) return none;
    const price = finalFen / 100;
    const amounts = COUPON_AMOUNTS.filter((a) => a <= price * 0.3 && a >= price * 0.03);
    const fallback = COUPON_AMOUNTS.filter((a) => a <= price * 0.3);
    const amount = amounts.length > 0 ? this.pick(amounts) : fallback[fallback.length - 1];
    if (amount === undefined) return none;
    // A threshold at or under the price means one unit qualifies, which is how item coupons are issued.
    const thresholds = COUPON_THRESHOLDS.filter((t) => t >= amount * 2 && t >= price * 0.5 && t <= price);
    const flat = thresholds.length === 0 || (amount <= price * 0.15 && this.rng() < 0.2);
    const threshold = flat ? 0 : this.pick(thresholds);
    return {
      coupon_info: flat ? `${amount}元无条件券` : `满${threshold}元减${amount}元`,
      coupon_amount: fenToYuan(amount * 100),
      coupon_start_fee: fenToYuan(threshold * 100),
      coupon_end_time: this.pick(COUPON_END_DATES),
    };
  }

  private skus(itemId: string, type: TypeSpec, finalFen: number): Sku[] {
    const axes = type.axes;
    // Pick how many values of each axis this listing offers, keeping the product of counts at most 12.
    const chosen: number[][] = [];
    let budget = 12;
    axes.forEach((axis, i) => {
      const left = axes.length - 1 - i;
      const cap = Math.max(1, Math.min(axis.values.length, Math.floor(budget / 2 ** left)));
      const k = this.int(1, cap);
      budget = Math.floor(budget / k);
      chosen.push(this.indices(axis.values.length, k));
    });
    let combos: number[][] = [[]];
    for (const idx of chosen) combos = combos.flatMap((c) => idx.map((_, pos) => [...c, pos]));
    return combos.map((combo, n) => {
      const props: Record<string, string> = {};
      let steps = 0;
      combo.forEach((pos, a) => {
        const axis = axes[a] as Axis;
        props[axis.name] = axis.values[(chosen[a] as number[])[pos] as number] as string;
        if (axis.priced) steps += pos;
      });
      // The first SKU is the advertised price, so zk_final_price is the lowest SKU price as on Taobao.
      const jitter = n === 0 || this.rng() < 0.7 ? 0 : this.rng() * 0.12;
      const rounded = n === 0 ? finalFen : this.niceFen((finalFen / 100) * (1 + steps * 0.22 + jitter));
      // An option that costs nothing extra keeps the advertised price (rounding would turn 668.90 into 669.00).
      // niceFen still runs above so the random stream, and thus every later item, stays as published.
      const price = steps === 0 && jitter === 0 ? finalFen : rounded;
      return {
        sku_id: `${itemId}${String(n).padStart(2, '0')}`,
        props,
        price: fenToYuan(Math.max(finalFen, price)),
        stock: this.rng() < 0.12 ? 0 : Math.floor(10 ** (this.rng() * 3.4)),
      };
    });
  }

  private title(prefix: string, name: string, spec: TypeSpec, cat: CategorySpec, sibling: string): string {
    const first = this.pick(spec.kw);
    const second = this.pick(spec.kw);
    const pool = [
      first === second ? first : first + second,
      this.pick(cat.kw),
      this.pick(spec.kw),
      sibling,
      this.pick(cat.kw),
    ];
    let title = `${prefix}${name}`;
    for (const part of pool) {
      if (title.length + 1 + part.length > MAX_TITLE) break;
      if (!title.includes(part)) title += ` ${part}`;
    }
    return title;
  }

  private shortTitle(brand: string, series: string, noun: string, spec: string): string | null {
    const join = (a: string, b: string) => (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b);
    const base = join(join(join(brand, series), noun), spec);
    if (!this.shortTitles.has(base)) {
      this.shortTitles.add(base);
      return base;
    }
    for (const edition of EDITIONS) {
      const c = base + edition;
      if (c.length <= 40 && !this.shortTitles.has(c)) {
        this.shortTitles.add(c);
        return c;
      }
    }
    return null;
  }

  /**
   * One product family: a brand's series sold as 1–3 sibling items that differ only in size or product noun
   * (精华液 30ml / 50ml, 蜜粉饼 / 散粉), the near misses text matching has to rank correctly.
   */
  family(category: Category, out: CatalogueItem[], limit: number): void {
    const cat = categorySpecs().get(category) as CategorySpec;
    const brand = this.pick(cat.brands);
    const type = this.pick(brand.types);
    const series = this.pick(type.series ?? cat.series);
    const r = this.rng();
    const size = r < 0.55 ? 1 : r < 0.85 ? 2 : 3;
    const bySpec = type.specs.length >= 2 && this.rng() < 0.6;
    const nounIdx = this.indices(type.nouns.length, bySpec ? 1 : Math.min(size, type.nouns.length));
    const specIdx =
      type.specs.length === 0 ? [-1] : this.indices(type.specs.length, bySpec ? Math.min(size, type.specs.length) : 1);
    const variant = this.pick(type.variants);
    const tmallShare = brand.small ? 0.25 : 0.6;
    const [lo, hi] = type.price;
    // Log-uniform inside the type's range, shared by the family so siblings price alike.
    const familyYuan = lo * (hi / lo) ** this.rng();

    for (const ni of nounIdx) {
      for (const si of specIdx) {
        if (out.length >= limit) return;
        const noun = type.nouns[ni] as string;
        const spec = si >= 0 ? (type.specs[si] as string) : '';
        const short = this.shortTitle(brand.name, series, noun, spec);
        if (!short) continue;
        const siblingNoun = type.nouns.find((n) => n !== noun) ?? noun;

        const userType = this.rng() < tmallShare ? 1 : 0;
        const id = this.itemId();
        // Bigger sizes cost more; shops of the same family differ by up to ±15 %.
        const finalFen = this.niceFen(familyYuan * (1 + Math.max(0, si) * 0.55) * (0.85 + this.rng() * 0.3));
        const reserveFen = this.reserveFen(finalFen);
        const shop = userType === 1 ? this.tmallShop(brand.name) : this.taobaoShop(category);
        const prefix = this.pick(userType === 1 ? TMALL_TITLE_PREFIXES : TAOBAO_TITLE_PREFIXES);
        // 30-day sales are heavy-tailed: most listings sell a handful, a few sell tens of thousands.
        const volume = Math.floor(10 ** (5.3 * this.rng() ** 2.2) / (finalFen > 200_000 ? 4 : 1));
        const [cLo, cHi] = cat.commission;

        out.push({
          item_id: id,
          title: this.title(prefix, short, type, cat, siblingNoun),
          short_title: short,
          pict_url: pictUrl(category, variant),
          reserve_price: fenToYuan(reserveFen),
          zk_final_price: fenToYuan(finalFen),
          user_type: userType as 0 | 1,
          shop_title: shop.title,
          nick: shop.nick,
          volume,
          provcity: this.pick(PROVCITIES),
          ...this.coupon(finalFen),
          commission_rate: String(Math.round(this.int(cLo, cHi) / 10) * 10),
          cat_name: category,
          cat_leaf_name: type.leaf,
          brand: brand.name,
          item_url:
            userType === 1 ? `https://detail.tmall.com/item.htm?id=${id}` : `https://item.taobao.com/item.htm?id=${id}`,
          click_url: `https://s.click.taobao.com/${this.code(7)}`,
          short_url: `https://m.tb.cn/h.${this.code(this.int(7, 9))}`,
          tpwd: this.code(11),
          skus: this.skus(id, type, finalFen),
        });
      }
    }
  }

  private tmallShop(brand: string): { title: string; nick: string } {
    const r = this.rng();
    const title =
      r < 0.75
        ? `${brand}官方旗舰店`
        : r < 0.9
          ? `${brand}旗舰店`
          : `${brand}${this.pick(PROVCITIES).split(' ').pop()}专卖店`;
    // On Tmall the seller nick is the shop name.
    return { title, nick: title };
  }

  private taobaoShop(category: Category): { title: string; nick: string } {
    const who = this.pick(SHOP_PREFIXES);
    return {
      title: `${who}${SHOP_THEMES[category]}${this.pick(SHOP_SUFFIXES)}`,
      nick: `${who}${this.pick(['家', '酱', '妈妈', '同学', '小姐姐', '哥'])}${this.int(1990, 2024)}`,
    };
  }
}

/**
 * The mock Alimama catalogue: `count` items (default 5000) across every category, deterministic for `seed`.
 * Pure: no I/O, no clock. A larger count extends a smaller one (same seed → the first items are identical).
 */
export function generateCatalogue(opts: { seed?: number; count?: number } = {}): CatalogueItem[] {
  const seed = opts.seed ?? DEFAULT_SEED;
  const count = opts.count ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 0) throw new Error(`generateCatalogue: bad count ${count}`);
  const gen = new Generator(seed);
  const items: CatalogueItem[] = [];
  let family = 0;
  let stalled = 0;
  while (items.length < count) {
    const before = items.length;
    gen.family(CATEGORY_CYCLE[family++ % CATEGORY_CYCLE.length] as Category, items, count);
    stalled = items.length === before ? stalled + 1 : 0;
    // Every short title in some category is taken; far beyond any count we use (>200k), so fail loudly.
    if (stalled > 10_000) throw new Error(`generateCatalogue: vocabulary exhausted at ${items.length} items`);
  }
  return items;
}
