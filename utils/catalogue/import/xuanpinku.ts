import type { CatalogueEntry, Coupon } from '../entry';
import { type Read, readCount, readCouponInfo, readPercent, readText, readTime, readUrl, readYuan } from './fields';
import {
  IMPORT_BATCH,
  type ImportFormat,
  ImportRefused,
  type ImportStream,
  MAX_ROWS,
  type Progress,
  type RowIssue,
} from './types';

/**
 * The 淘宝联盟 选品库 export (.xlsx or .csv): one header row of Chinese column names, then one item a row. Columns come
 * in any order; unknown ones are listed and ignored; optional ones may be missing. The readers (csv.ts, xlsx.ts)
 * yield the header and then rows of cells (`SheetRow`); `XuanpinkuStream` hands them to `XuanpinkuRows`, which turns
 * each into an entry or into issues, and passes the entries on a batch at a time.
 */
export interface Cell {
  text: string;
  /** An xlsx formula cell, or CSV text a spreadsheet would run as one. */
  formula: boolean;
  /** The cell's number, when the sheet stored one (xlsx dates arrive as Excel serials). */
  num?: number;
}

export const COLUMNS = {
  id: '商品id',
  title: '商品名称',
  picture: '商品主图',
  itemUrl: '商品详情页链接地址',
  category: '商品一级类目',
  clickUrl: '淘宝客链接',
  price: '商品价格(单位：元)',
  volume: '商品月销量',
  rate: '收入比率(%)',
  commission: '佣金',
  nick: '卖家旺旺',
  shop: '店铺名称',
  platform: '平台类型',
  couponId: '优惠券id',
  couponTotal: '优惠券总量',
  couponRemain: '优惠券剩余量',
  couponInfo: '优惠券面额',
  couponStart: '优惠券开始时间',
  couponEnd: '优惠券结束时间',
  couponUrl: '优惠券链接',
  couponShareUrl: '商品优惠券推广链接',
} as const;

type Field = keyof typeof COLUMNS;
const REQUIRED: readonly Field[] = ['id', 'title', 'price'];

/** Header text compared loosely: full-width brackets and colons, spaces and case do not matter. */
function headerKey(s: string): string {
  return s
    .replace(/^\ufeff/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const BY_HEADER = new Map<string, Field>(
  (Object.entries(COLUMNS) as [Field, string][]).map(([field, name]) => [headerKey(name), field]),
);
// Variants seen in older exports.
BY_HEADER.set(headerKey('商品价格'), 'price');
BY_HEADER.set(headerKey('商品ID'), 'id');
BY_HEADER.set(headerKey('收入比率'), 'rate');

/** Whether a header row looks like a 选品库 export at all (used to tell formats apart). */
export function isXuanpinkuHeader(cells: readonly string[]): boolean {
  const fields = new Set(cells.map((c) => BY_HEADER.get(headerKey(c))));
  return REQUIRED.every((f) => fields.has(f));
}

/** Refuses a file whose header lacks a required column, naming the ones missing. */
export function refuseHeader(header: readonly string[]): never {
  const fields = new Set(header.map((c) => BY_HEADER.get(headerKey(c))));
  const missing = REQUIRED.filter((f) => !fields.has(f)).map((f) => COLUMNS[f]);
  throw new ImportRefused(
    `不是淘宝联盟选品库导出：缺少列 ${missing.join('、')}。Not a 选品库 export: missing column(s) ${missing.join(', ')}.`,
  );
}

export class XuanpinkuRows {
  private readonly at = new Map<Field, number>();
  readonly unknownColumns: string[] = [];
  private readonly entries: CatalogueEntry[] = [];
  readonly issues: RowIssue[] = [];
  private readonly seen = new Map<string, number>();
  rowsRead = 0;

  constructor(
    header: readonly string[],
    private readonly onProgress?: Progress,
  ) {
    header.forEach((name, i) => {
      const field = BY_HEADER.get(headerKey(name));
      if (field && !this.at.has(field)) this.at.set(field, i);
      else if (name.trim()) this.unknownColumns.push(name.trim());
    });
    if (REQUIRED.some((f) => !this.at.has(f))) refuseHeader(header);
  }

  /** One data row; `row` is its spreadsheet row number. */
  add(row: number, cells: readonly (Cell | undefined)[]): void {
    // Blank rows (the line break ending the file, spacer rows) are not data and do not count towards the limit.
    if (cells.every((c) => !c || c.text.trim() === '')) return;
    this.rowsRead++;
    if (this.rowsRead > MAX_ROWS)
      throw new ImportRefused(
        `文件超过 ${MAX_ROWS.toLocaleString('en')} 行，未导入；请分成几个文件。More than ${MAX_ROWS.toLocaleString('en')} rows: split the file.`,
      );
    if (this.onProgress && this.rowsRead % 1000 === 0) this.onProgress(this.rowsRead);
    const entry = this.entryOf(row, cells);
    if (entry) this.entries.push(entry);
  }

  get pending(): number {
    return this.entries.length;
  }

  /** The entries read since the last call, handed over (the rows keep only the ids, for duplicates). */
  take(): CatalogueEntry[] {
    return this.entries.splice(0, this.entries.length);
  }

  private entryOf(row: number, cells: readonly (Cell | undefined)[]): CatalogueEntry | null {
    const refuse = (field: Field | string, reason: string): null => {
      const column = field in COLUMNS ? COLUMNS[field as Field] : field;
      this.issues.push({ row, column, reason, action: 'refused' });
      return null;
    };
    const clean = (field: Field, reason: string): null => {
      this.issues.push({ row, column: COLUMNS[field], reason, action: 'cleaned' });
      return null;
    };
    const cell = (f: Field): Cell | undefined => {
      const i = this.at.get(f);
      return i === undefined ? undefined : cells[i];
    };
    for (const [f, i] of this.at) {
      if (cells[i]?.formula) return refuse(f, '公式单元格 formula cell');
    }
    const text = (f: Field): string => cell(f)?.text.trim() ?? '';
    const value = (f: Field): unknown => {
      const c = cell(f);
      return c?.num !== undefined ? c.num : c?.text;
    };

    const id = text('id').replace(/\.0+$/, '');
    if (!/^\d{5,20}$/.test(id))
      return refuse('id', id ? `不是商品id not an item id: ${id.slice(0, 30)}` : '缺少商品id no item id');
    const first = this.seen.get(id);
    if (first !== undefined) return refuse('id', `重复的商品id，第 ${first} 行已有 duplicate item id (row ${first})`);
    const title = readText(text('title'), 200);
    if (!title) return refuse('title', '缺少商品名称 no title');
    const price = readYuan(value('price'));
    if (!price.ok) return refuse('price', price.reason);
    if (price.value === 0) return refuse('price', '价格为 0 zero price');

    // A bad URL refuses the row: the item would otherwise open or show something the file chose.
    const urls: Partial<Record<Field, string | null>> = {};
    for (const f of ['picture', 'itemUrl', 'clickUrl', 'couponUrl', 'couponShareUrl'] as const) {
      const raw = text(f);
      if (!raw) {
        urls[f] = null;
        continue;
      }
      const u = readUrl(raw);
      if (!u.ok) return refuse(f, u.reason);
      urls[f] = u.value;
    }

    const optional = <T>(f: Field, read: (raw: unknown) => Read<T>): T | null => {
      const raw = value(f);
      if (raw === undefined || raw === '') return null;
      const r = read(raw);
      return r.ok ? r.value : clean(f, r.reason);
    };
    const platformText = text('platform');
    const platform = /天猫|tmall/i.test(platformText) ? 'tmall' : /淘宝|taobao/i.test(platformText) ? 'taobao' : null;

    let coupon: Coupon | null = null;
    const couponText = text('couponInfo');
    if (couponText && couponText !== '无') {
      const c = readCouponInfo(couponText);
      if (c.ok)
        coupon = {
          id: readText(text('couponId'), 64),
          info: readText(couponText, 60),
          thresholdFen: c.value.thresholdFen,
          amountFen: c.value.amountFen,
          start: optional('couponStart', (r) => readTime(r)),
          end: optional('couponEnd', (r) => readTime(r, true)),
          total: optional('couponTotal', readCount),
          remain: optional('couponRemain', readCount),
          url: urls.couponUrl ?? null,
        };
      else clean('couponInfo', c.reason);
    }

    this.seen.set(id, row);
    return {
      itemId: id,
      title,
      shortTitle: null,
      brand: null,
      picture: urls.picture ?? null,
      itemUrl: urls.itemUrl ?? null,
      priceFen: price.value,
      reservePriceFen: null,
      platform,
      volume: optional('volume', readCount),
      shopTitle: readText(text('shop'), 60),
      nick: readText(text('nick'), 60),
      category: readText(text('category'), 30),
      commissionBps: optional('rate', readPercent),
      commissionFen: optional('commission', (r) => readYuan(r)),
      coupon,
      clickUrl: urls.clickUrl ?? null,
      shortUrl: null,
      tpwd: null,
      couponShareUrl: urls.couponShareUrl ?? null,
    };
  }
}

/** What a reader yields: the header row once (readers refuse a file without one), then data rows. */
export type SheetRow = { header: string[] } | { row: number; cells: readonly (Cell | undefined)[] };

/** A 选品库 export read through `sheet`, its entries passed on in batches as the rows are read. */
export class XuanpinkuStream implements ImportStream {
  private rows: XuanpinkuRows | null = null;

  constructor(
    readonly format: ImportFormat,
    private readonly sheet: Iterable<SheetRow>,
    private readonly onProgress?: Progress,
    private readonly batchSize = IMPORT_BATCH,
  ) {}

  get issues(): RowIssue[] {
    return this.rows?.issues ?? [];
  }
  get unknownColumns(): string[] {
    return this.rows?.unknownColumns ?? [];
  }
  get rowsRead(): number {
    return this.rows?.rowsRead ?? 0;
  }
  get batches(): Iterable<CatalogueEntry[]> {
    return this.read();
  }

  private *read(): Generator<CatalogueEntry[]> {
    let rows: XuanpinkuRows | null = null;
    for (const r of this.sheet) {
      if ('header' in r) {
        rows = new XuanpinkuRows(r.header, this.onProgress);
        this.rows = rows;
      } else if (rows) {
        rows.add(r.row, r.cells);
        if (rows.pending >= this.batchSize) yield rows.take();
      }
    }
    if (!rows) refuseHeader([]);
    this.onProgress?.(rows.rowsRead);
    const rest = rows.take();
    if (rest.length > 0) yield rest;
  }
}
