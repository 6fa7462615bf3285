import { type CatalogueEntry, type Coupon, ITEM_ID } from '../entry';
import {
  type Read,
  readApiRate,
  readCount,
  readCouponInfo,
  readText,
  readTime,
  readTpwd,
  readUrl,
  readYuan,
} from './fields';
import {
  collect,
  IMPORT_BATCH,
  ImportRefused,
  type ImportResult,
  type ImportStream,
  MAX_ROWS,
  type Progress,
  type RowIssue,
} from './types';

/**
 * Taobao Union API answers saved as JSON: the `tbk_dg_material_optional(_upgrade)_response` and
 * `tbk_item_info_get_response` envelopes, or a plain array of items, with the API's snake_case fields. The upgrade
 * API nests fields in `item_basic_info`, `price_promotion_info` and `publish_info`; they are read as if flat.
 */
const KNOWN = new Set([
  'num_iid',
  'item_id',
  'title',
  'short_title',
  'pict_url',
  'zk_final_price',
  'reserve_price',
  'user_type',
  'volume',
  'shop_title',
  'nick',
  'commission_rate',
  'income_rate',
  'coupon_id',
  'coupon_info',
  'coupon_amount',
  'coupon_start_fee',
  'coupon_start_time',
  'coupon_end_time',
  'coupon_total_count',
  'coupon_remain_count',
  'coupon_share_url',
  'url',
  'click_url',
  'item_url',
  'short_url',
  'tpwd',
  'cat_name',
  'level_one_category_name',
  'item_basic_info',
  'price_promotion_info',
  'publish_info',
]);

const NESTED = ['item_basic_info', 'price_promotion_info', 'publish_info'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The item array inside an answer, or a refusal naming what the file was instead. */
export function apiItems(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (!isObj(raw)) throw new ImportRefused('不是淘宝联盟 API 的 JSON。Not a Taobao Union API answer.');
  const error = raw.error_response;
  if (isObj(error)) {
    const msg = readText(error.sub_msg ?? error.msg, 80) ?? '';
    throw new ImportRefused(`这是一个 API 错误回应（${msg}），没有商品。The file is an API error answer: no items.`);
  }
  const body = Object.entries(raw).find(([k, v]) => k.endsWith('_response') && isObj(v))?.[1] ?? raw;
  if (!isObj(body)) throw new ImportRefused('不是淘宝联盟 API 的 JSON。Not a Taobao Union API answer.');
  const list = body.result_list ?? body.results ?? body.data;
  if (Array.isArray(list)) return list;
  if (isObj(list)) {
    for (const key of ['map_data', 'n_tbk_item', 'items']) {
      const inner = list[key];
      if (Array.isArray(inner)) return inner;
    }
  }
  throw new ImportRefused(
    '找不到商品列表（result_list.map_data 或 results.n_tbk_item）。No item list (result_list.map_data or results.n_tbk_item).',
  );
}

function flat(item: Obj): Obj {
  const out: Obj = {};
  for (const key of NESTED) {
    const nested = item[key];
    if (isObj(nested)) Object.assign(out, nested);
  }
  for (const [k, v] of Object.entries(item)) if (!NESTED.includes(k as (typeof NESTED)[number])) out[k] = v;
  return out;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined;

/** An API answer's items as a stream: the list is already parsed JSON, the entries are made a batch at a time. */
export function streamApiJson(raw: unknown, onProgress?: Progress, batchSize = IMPORT_BATCH): ImportStream {
  const list = apiItems(raw);
  if (list.length > MAX_ROWS)
    throw new ImportRefused(
      `超过 ${MAX_ROWS.toLocaleString('en')} 个商品，未导入；请分成几个文件。More than ${MAX_ROWS.toLocaleString('en')} items: split the file.`,
    );
  const issues: RowIssue[] = [];
  const unknown = new Set<string>();
  const seen = new Map<string, number>();
  let rowsRead = 0;
  function* batches(): Generator<CatalogueEntry[]> {
    let batch: CatalogueEntry[] = [];
    for (let i = 0; i < list.length; i++) {
      rowsRead = i + 1;
      if (onProgress && rowsRead % 1000 === 0) onProgress(rowsRead);
      const entry = entryOf(list[i], rowsRead);
      if (entry) batch.push(entry);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    onProgress?.(list.length);
    if (batch.length > 0) yield batch;
  }
  function entryOf(rawItem: unknown, row: number): CatalogueEntry | null {
    const refuse = (column: string, reason: string): null => {
      issues.push({ row, column, reason, action: 'refused' });
      return null;
    };
    if (!isObj(rawItem)) return refuse('(item)', '不是对象 not an object');
    const item = flat(rawItem);
    for (const k of Object.keys(item)) if (!KNOWN.has(k)) unknown.add(k);
    const clean = <T>(column: string, read: (v: unknown) => Read<T>): T | null => {
      const v = item[column];
      if (v === undefined || v === null || v === '') return null;
      const r = read(v);
      if (r.ok) return r.value;
      issues.push({ row, column, reason: r.reason, action: 'cleaned' });
      return null;
    };

    const idColumn = item.num_iid !== undefined ? 'num_iid' : 'item_id';
    const id = str(item[idColumn]);
    if (!id || !ITEM_ID.test(id))
      return refuse(idColumn, id ? `不是商品id not an item id: ${id.slice(0, 30)}` : '缺少商品id no item id');
    const first = seen.get(id);
    if (first !== undefined)
      return refuse(idColumn, `重复的商品id，第 ${first} 个已有 duplicate item id (item ${first})`);
    const title = readText(item.title, 200);
    if (!title) return refuse('title', '缺少商品名称 no title');
    const priceColumn = item.zk_final_price !== undefined ? 'zk_final_price' : 'reserve_price';
    const price = readYuan(item[priceColumn]);
    if (!price.ok) return refuse(priceColumn, price.reason);
    if (price.value === 0) return refuse(priceColumn, '价格为 0 zero price');

    const urls: Record<string, string | null> = {};
    for (const column of ['pict_url', 'item_url', 'url', 'click_url', 'short_url', 'coupon_share_url']) {
      const v = str(item[column]);
      if (!v) {
        urls[column] = null;
        continue;
      }
      const u = readUrl(v);
      if (!u.ok) return refuse(column, u.reason);
      urls[column] = u.value;
    }

    let coupon: Coupon | null = null;
    const amount = clean('coupon_amount', (v) => readYuan(v));
    const info = readText(item.coupon_info, 60);
    const read = info ? readCouponInfo(info) : null;
    const amountFen = read?.ok ? read.value.amountFen : (amount ?? 0);
    if (amountFen > 0) {
      const threshold = clean('coupon_start_fee', (v) => readYuan(v));
      coupon = {
        id: readText(item.coupon_id, 64),
        info,
        thresholdFen: read?.ok ? read.value.thresholdFen : (threshold ?? 0),
        amountFen,
        start: clean('coupon_start_time', (v) => readTime(v)),
        end: clean('coupon_end_time', (v) => readTime(v, true)),
        total: clean('coupon_total_count', readCount),
        remain: clean('coupon_remain_count', readCount),
        url: null,
      };
    }
    const userType = str(item.user_type);
    // `url` is the affiliate link in the material search; `click_url` in the older item APIs.
    const click = [urls.click_url, urls.url].find((u) => u && /^https:\/\/s\.click\.taobao\.com\//.test(u)) ?? null;
    const itemUrl = urls.item_url ?? ([urls.url].find((u) => u && !u.startsWith('https://s.click.')) || null);
    seen.set(id, row);
    return {
      itemId: id,
      title,
      shortTitle: readText(item.short_title, 60),
      brand: null,
      picture: urls.pict_url ?? null,
      itemUrl,
      priceFen: price.value,
      reservePriceFen: priceColumn === 'zk_final_price' ? clean('reserve_price', (v) => readYuan(v)) : null,
      platform: userType === '1' ? 'tmall' : userType === '0' || userType === '3' ? 'taobao' : null,
      volume: clean('volume', readCount),
      shopTitle: readText(item.shop_title, 60),
      nick: readText(item.nick, 60),
      category: readText(item.level_one_category_name ?? item.cat_name, 30),
      commissionBps: clean(item.commission_rate !== undefined ? 'commission_rate' : 'income_rate', readApiRate),
      commissionFen: null,
      coupon,
      clickUrl: click,
      shortUrl: urls.short_url ?? null,
      tpwd: clean('tpwd', readTpwd),
      couponShareUrl: urls.coupon_share_url ?? null,
    };
  }
  return {
    format: 'tbk-api-json',
    batches: batches(),
    issues,
    get unknownColumns() {
      return [...unknown];
    },
    get rowsRead() {
      return rowsRead;
    },
  };
}

export function parseApiJson(raw: unknown, onProgress?: Progress): ImportResult {
  return collect(streamApiJson(raw, onProgress));
}
