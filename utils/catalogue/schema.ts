import { z } from 'zod';
import { classifyLink } from '@/utils/detect/links';
import { displayName } from '@/utils/display-name';

/** Digits-only string id, as Taobao Union returns `item_id` / `num_iid`. */
const digits = z.string().regex(/^\d{6,20}$/);
/** Yuan amount as Taobao Union sends it: a decimal string such as "129.00". */
const yuan = z.string().regex(/^\d+(\.\d{1,2})?$/);

/**
 * A link the card may use as its href: https only, on a host the matcher knows as Alibaba's (item pages, short and
 * affiliate links, coupons, shops). `javascript:` or `data:` in a catalogue would otherwise become a clickable link.
 */
const alibabaUrl = z
  .string()
  .max(2048)
  .refine((u) => /^https:\/\//i.test(u) && classifyLink(u).kind !== 'none', 'must be an https link on an Alibaba host');

/** Text shown as a name or title: no bidi controls or invisible characters (they would reorder the card's lines). */
const shown = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => displayName(s) === s, 'must not contain bidi controls, invisible characters or stray spaces');

export const CATEGORIES = ['美妆', '服饰', '数码', '家居', '食品', '母婴', '运动', '个护', '箱包', '宠物'] as const;

export const SkuSchema = z.object({
  sku_id: digits,
  /** e.g. { 颜色: '雾霾蓝', 尺码: 'M' } or { 规格: '50ml' } */
  props: z.record(z.string().min(1).max(20), z.string().min(1).max(40)),
  /** Final price of this SKU in yuan (string, like the API). */
  price: yuan,
  stock: z.number().int().min(0),
});

/**
 * One mock Alimama item: the union of `taobao.tbk.item.info.get` and `tbk.dg.material.optional` fields we use.
 * Prices stay yuan strings here (the API's shape); code converts them to integer fen with `yuanToFen`.
 */
export const CatalogueItemSchema = z.object({
  item_id: digits,
  title: shown(2, 120),
  short_title: shown(1, 40),
  pict_url: z.string().regex(/^catalogue\/img\/[a-z0-9-]+\.(webp|svg)$/),
  reserve_price: yuan,
  zk_final_price: yuan,
  user_type: z.union([z.literal(0), z.literal(1)]),
  shop_title: shown(1, 60),
  nick: shown(1, 60),
  volume: z.number().int().min(0),
  provcity: z.string().max(20),
  coupon_info: z.string().max(40).nullable(),
  /** Coupon value in yuan; 0 when there is no coupon. */
  coupon_amount: yuan,
  coupon_start_fee: yuan,
  /** yyyy-mm-dd */
  coupon_end_time: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  /** Basis points: "1550" = 15.5 %. */
  commission_rate: z.string().regex(/^\d{1,5}$/),
  /** The mock's are `CATEGORIES`; an imported item keeps its own 一级类目 (女装, 美妆个护 …), or '' when it had none. */
  cat_name: z.string().max(30),
  cat_leaf_name: z.string().min(1).max(20),
  brand: shown(1, 30),
  item_url: alibabaUrl,
  click_url: z.string().regex(/^https:\/\/s\.click\.taobao\.com\/[A-Za-z0-9]{7}$/),
  short_url: z.string().regex(/^https:\/\/m\.tb\.cn\/h\.[A-Za-z0-9]{5,12}$/),
  /** 淘口令 core, 11 letters/digits, without delimiters. */
  tpwd: z.string().regex(/^[A-Za-z0-9]{11}$/),
  skus: z.array(SkuSchema).min(1).max(40),
});

export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;
export type Sku = z.infer<typeof SkuSchema>;
export type Category = (typeof CATEGORIES)[number];
