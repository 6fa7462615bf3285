import { z } from 'zod';
import { fenToYuan, yuanToFen } from '../money';
import type { CatalogueItem } from './schema';

/**
 * One catalogue item as every import format and the packaged mock normalise it: money in integer fen, rates in basis
 * points, times ISO 8601 with the Asia/Shanghai offset, URLs https on Alibaba hosts only. Imported items have no
 * SKUs; `toCardItem` gives them one default SKU so quick-buy and orders work unchanged.
 */
export const ITEM_ID = /^(?:\d{5,20}|[A-Za-z0-9_-]{6,80})$/;

const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
const fen = z.number().int().min(0).max(100_000_000_00);
const httpsUrl = z.string().max(2048).startsWith('https://');

export const CouponSchema = z.object({
  id: z.string().max(64).nullable(),
  /** As the source wrote it: 满299元减20元, 无门槛20元. */
  info: z.string().max(60).nullable(),
  thresholdFen: fen,
  amountFen: fen,
  start: iso.nullable(),
  end: iso.nullable(),
  total: z.number().int().min(0).nullable(),
  remain: z.number().int().min(0).nullable(),
  url: httpsUrl.nullable(),
});

export const CatalogueEntrySchema = z.object({
  itemId: z.string().regex(ITEM_ID),
  title: z.string().min(1).max(200),
  /** Shown on cards; the packaged mock has one, imports fall back to the title. */
  shortTitle: z.string().min(1).max(60).nullable(),
  /** Packaged mock only: text mentions need a brand the post names (imports match by reference only). */
  brand: z.string().max(30).nullable(),
  /** `catalogue/img/…` (packaged) or an https picture on an Alibaba CDN, which is recorded but never loaded. */
  picture: z.string().max(2048).nullable(),
  itemUrl: httpsUrl.nullable(),
  priceFen: fen,
  reservePriceFen: fen.nullable(),
  platform: z.enum(['tmall', 'taobao']).nullable(),
  volume: z.number().int().min(0).nullable(),
  shopTitle: z.string().max(60).nullable(),
  nick: z.string().max(60).nullable(),
  category: z.string().max(30).nullable(),
  commissionBps: z.number().int().min(0).max(10_000).nullable(),
  commissionFen: fen.nullable(),
  coupon: CouponSchema.nullable(),
  clickUrl: httpsUrl.nullable(),
  shortUrl: httpsUrl.nullable(),
  /** 淘口令 core (the letters between the delimiters). */
  tpwd: z
    .string()
    .regex(/^[A-Za-z0-9]{8,20}$/)
    .nullable(),
  /** 商品优惠券推广链接 / coupon_share_url. */
  couponShareUrl: httpsUrl.nullable(),
});

export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;
export type Coupon = z.infer<typeof CouponSchema>;

/** The lookup keys the matcher resolves references by, derived exactly as `buildCatalogueIndex` derives them. */
export interface EntryKeys {
  itemId: string;
  clickCode: string | null;
  shortToken: string | null;
  tpwd: string | null;
}

const CLICK = /^https:\/\/s\.click\.taobao\.com\/([A-Za-z0-9]{4,20})\/?$/;
const SHORT = /^https:\/\/(?:m|e)\.tb\.cn\/h\.([A-Za-z0-9]{3,20})\/?(?:\?.*)?$/;

export function clickCodeOf(url: string | null): string | null {
  return url ? (CLICK.exec(url)?.[1] ?? null) : null;
}

export function shortTokenOf(url: string | null): string | null {
  return url ? (SHORT.exec(url)?.[1] ?? null) : null;
}

export function entryKeys(e: CatalogueEntry): EntryKeys {
  return { itemId: e.itemId, clickCode: clickCodeOf(e.clickUrl), shortToken: shortTokenOf(e.shortUrl), tpwd: e.tpwd };
}

/** Neutral packaged picture for items whose own picture is remote: the extension loads nothing from the network. */
export const IMPORTED_PICTURE = 'catalogue/img/imported.webp';

/** Its drawing (a grey tile with a shopping-bag outline), rasterised by the build like the mock's pictures. */
export const IMPORTED_PICTURE_SVG = {
  file: 'imported.svg',
  svg: '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240"><rect width="240" height="240" fill="#eef0f3"/><path d="M78 96h84l-8 80H86z" fill="none" stroke="#a3a9b3" stroke-width="8" stroke-linejoin="round"/><path d="M100 96v-10a20 20 0 0 1 40 0v10" fill="none" stroke="#a3a9b3" stroke-width="8" stroke-linecap="round"/></svg>',
};

function dayOf(isoTime: string | null): string | null {
  return isoTime ? isoTime.slice(0, 10) : null;
}

function itemPage(e: CatalogueEntry): string {
  if (e.itemUrl) return e.itemUrl;
  const host = e.platform === 'tmall' ? 'detail.tmall.com' : 'item.taobao.com';
  return `https://${host}/item.htm?id=${encodeURIComponent(e.itemId)}`;
}

/**
 * The item as cards, orders, the popup and the matcher read it (the packaged file's shape). Short and affiliate
 * links are written in the canonical form the index reads its keys from; a missing one is an empty string, which
 * no reference resolves to.
 */
export function toCardItem(e: CatalogueEntry): CatalogueItem {
  const token = shortTokenOf(e.shortUrl);
  const code = clickCodeOf(e.clickUrl);
  const price = fenToYuan(e.priceFen);
  const short = e.shortTitle ?? (e.title.length > 40 ? e.title.slice(0, 40) : e.title);
  return {
    item_id: e.itemId,
    title: e.title,
    short_title: short,
    pict_url: e.picture?.startsWith('catalogue/img/') ? e.picture : IMPORTED_PICTURE,
    reserve_price: fenToYuan(e.reservePriceFen ?? e.priceFen),
    zk_final_price: price,
    user_type: e.platform === 'tmall' ? 1 : 0,
    shop_title: e.shopTitle ?? e.nick ?? '',
    nick: e.nick ?? e.shopTitle ?? '',
    volume: e.volume ?? 0,
    provcity: '',
    coupon_info: e.coupon?.info ?? null,
    coupon_amount: fenToYuan(e.coupon?.amountFen ?? 0),
    coupon_start_fee: fenToYuan(e.coupon?.thresholdFen ?? 0),
    coupon_end_time: dayOf(e.coupon?.end ?? null),
    commission_rate: String(e.commissionBps ?? 0),
    cat_name: e.category ?? '',
    cat_leaf_name: e.category ?? '',
    brand: e.brand ?? '',
    item_url: itemPage(e),
    click_url: code ? `https://s.click.taobao.com/${code}` : '',
    short_url: token ? `https://m.tb.cn/h.${token}` : '',
    tpwd: e.tpwd ?? '',
    skus: [{ sku_id: e.itemId, props: { 规格: '默认' }, price, stock: 999 }],
  };
}

/** A packaged mock item as an entry (its SKUs stay with the packaged item: `fromMockItem` keeps the item too). */
export function fromMockItem(item: CatalogueItem): CatalogueEntry {
  const amount = yuanToFen(item.coupon_amount);
  return {
    itemId: item.item_id,
    title: item.title,
    shortTitle: item.short_title,
    brand: item.brand,
    picture: item.pict_url,
    itemUrl: item.item_url.startsWith('https://') ? item.item_url : null,
    priceFen: yuanToFen(item.zk_final_price),
    reservePriceFen: yuanToFen(item.reserve_price),
    platform: item.user_type === 1 ? 'tmall' : 'taobao',
    volume: item.volume,
    shopTitle: item.shop_title,
    nick: item.nick,
    category: item.cat_name,
    commissionBps: Number(item.commission_rate),
    commissionFen: null,
    coupon:
      item.coupon_info && amount > 0
        ? {
            id: null,
            info: item.coupon_info,
            thresholdFen: yuanToFen(item.coupon_start_fee),
            amountFen: amount,
            start: null,
            end: item.coupon_end_time ? `${item.coupon_end_time}T23:59:59+08:00` : null,
            total: null,
            remain: null,
            url: null,
          }
        : null,
    clickUrl: item.click_url || null,
    shortUrl: item.short_url || null,
    tpwd: item.tpwd || null,
    couponShareUrl: null,
  };
}
