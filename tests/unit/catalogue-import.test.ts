import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CatalogueEntrySchema, entryKeys, fromMockItem, toCardItem } from '@/utils/catalogue/entry';
import { generateCatalogue } from '@/utils/catalogue/generate';
import { readCouponInfo, readTime, readUrl, readYuan } from '@/utils/catalogue/import/fields';
import {
  collect,
  ImportRefused,
  MAX_ROWS,
  parseCatalogueFile,
  streamCatalogueFile,
} from '@/utils/catalogue/import/index';
import { buildCatalogueIndex, matchItems } from '@/utils/match/index';
import { quoteOrder } from '@/utils/orders/quote';
import type { Post } from '@/utils/types';

/** Fixtures written by other writers: openpyxl and Python's GBK codec (make-fixtures.py), or by hand (JSON). */
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/catalogue/${name}`));
const enc = (s: string) => new TextEncoder().encode(s);

const HEADER = '商品id,商品名称,商品价格(单位：元)';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportRefused);
    return (e as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('a 选品库 .xlsx written by openpyxl', () => {
  const result = parseCatalogueFile(fixture('xuanpinku.xlsx'));

  it('reads the good rows into entries in fen, basis points and Beijing time', () => {
    expect(result.format).toBe('xuanpinku-xlsx');
    expect(result.entries.map((e) => e.itemId)).toEqual(['680000000001', '680000000002', '680000000008']);
    const [a, b] = result.entries;
    expect(a).toMatchObject({
      title: '珀莱雅 双抗精华液 30ml 抗氧化 提亮',
      priceFen: 26900,
      platform: 'tmall',
      volume: 12034,
      commissionBps: 2000,
      picture: 'https://img.alicdn.com/bao/uploaded/i1/abc.jpg',
      itemUrl: 'https://item.taobao.com/item.htm?id=680000000001',
      clickUrl: 'https://s.click.taobao.com/Xp1AbCd',
      coupon: {
        id: 'c001',
        thresholdFen: 26900,
        amountFen: 4000,
        start: '2026-11-01T00:00:00+08:00',
        end: '2026-12-31T23:59:59+08:00',
        total: 10000,
        remain: 8250,
      },
    });
    expect(b).toMatchObject({ priceFen: 5990, platform: 'taobao', volume: 32000, commissionBps: 850 });
    expect(b?.coupon).toMatchObject({ thresholdFen: 0, amountFen: 1000, end: '2026-12-15T23:59:59+08:00' });
    for (const e of result.entries) expect(CatalogueEntrySchema.safeParse(e).success).toBe(true);
  });

  it('refuses bad rows with their row number, column and reason, and cleans unreadable optional fields', () => {
    const refused = result.issues.filter((i) => i.action === 'refused').map((i) => [i.row, i.column]);
    expect(refused).toEqual([
      [4, '商品名称'],
      [5, '商品id'],
      [6, '商品价格(单位：元)'],
      [7, '商品详情页链接地址'],
      [8, '商品主图'],
      [9, '商品价格(单位：元)'],
    ]);
    const reasons = result.issues.map((i) => i.reason).join('\n');
    expect(reasons).toMatch(/formula/);
    expect(reasons).toMatch(/duplicate item id \(row 2\)/);
    expect(reasons).toMatch(/negative/);
    expect(reasons).toMatch(/javascript:/);
    expect(reasons).toMatch(/evil\.example\.com/);
    expect(reasons).toMatch(/absurd/);
    expect(result.issues).toContainEqual(expect.objectContaining({ row: 11, column: '商品月销量', action: 'cleaned' }));
    expect(result.entries.find((e) => e.itemId === '680000000008')?.volume).toBeNull();
  });

  it('lists the columns it does not read', () => {
    expect(result.unknownColumns).toEqual(['推广位']);
    expect(result.rowsRead).toBe(9);
  });
});

describe('a 选品库 .csv in GBK written by Python', () => {
  const result = parseCatalogueFile(fixture('xuanpinku-gbk.csv'));

  it('decodes GBK and reads quoted fields', () => {
    expect(result.format).toBe('xuanpinku-csv');
    expect(result.entries.map((e) => [e.itemId, e.title, e.priceFen])).toEqual([
      ['690000000001', '云南白药 牙膏 留兰香型 180g', 2990],
      ['690000000002', '三只松鼠 每日坚果 750g，30包', 8900],
    ]);
    expect(result.entries[0]?.coupon).toMatchObject({
      thresholdFen: 2900,
      amountFen: 500,
      start: '2026-11-01T00:00:00+08:00',
    });
  });

  it('refuses formula text and data: URLs', () => {
    expect(result.issues.map((i) => [i.row, i.column, i.action])).toEqual([
      [4, '商品名称', 'refused'],
      [5, '商品主图', 'refused'],
    ]);
  });

  it('reads UTF-8 with a BOM and columns in any order, missing optional columns left empty', () => {
    const csv = `\ufeff商品价格(单位：元),商品名称,商品id\r\n12.5,"标题, 带逗号",123456789\r\n`;
    const r = parseCatalogueFile(enc(csv));
    expect(r.entries).toEqual([
      expect.objectContaining({
        itemId: '123456789',
        title: '标题, 带逗号',
        priceFen: 1250,
        coupon: null,
        picture: null,
      }),
    ]);
  });
});

describe('Taobao Union API answers', () => {
  it('reads a material search answer: keys from 淘客 link, short link and 淘口令', () => {
    const r = parseCatalogueFile(fixture('tbk-material-optional.json'));
    expect(r.format).toBe('tbk-api-json');
    expect(r.entries.map((e) => e.itemId)).toEqual(['700000000001', '700000000002']);
    const [a, b] = r.entries;
    expect(a).toMatchObject({
      priceFen: 7990,
      reservePriceFen: 12900,
      commissionBps: 1550,
      platform: 'tmall',
      clickUrl: 'https://s.click.taobao.com/Wm7KpQr',
      picture: 'https://img.alicdn.com/bao/uploaded/i4/lip.jpg',
      coupon: { thresholdFen: 7900, amountFen: 1500, remain: 3000, end: '2026-12-31T23:59:59+08:00' },
    });
    expect(entryKeys(a as never)).toEqual({
      itemId: '700000000001',
      clickCode: 'Wm7KpQr',
      shortToken: 'gQ7rT2a',
      tpwd: 'Ab3dEf9hIjK',
    });
    expect(b).toMatchObject({ volume: 15000, commissionBps: 650, coupon: null, platform: 'taobao' });
    expect(entryKeys(b as never)).toMatchObject({ clickCode: 'Lb8MnPq', shortToken: 'Ht5Yx9b', tpwd: 'Zq8WnR2mKtY' });
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'url'],
      [4, 'zk_final_price'],
      [5, 'item_id'],
      [6, '(item)'],
    ]);
    expect(r.unknownColumns).toEqual(['provcity']);
  });

  it('reads item.info.get and the upgrade API nesting', () => {
    const info = parseCatalogueFile(fixture('tbk-item-info.json'));
    expect(info.entries[0]).toMatchObject({
      itemId: '710000000001',
      priceFen: 15900,
      reservePriceFen: 18900,
      category: '食品',
    });
    const up = parseCatalogueFile(fixture('tbk-upgrade.json'));
    expect(up.entries[0]).toMatchObject({
      itemId: '720000000001',
      title: '安踏 运动卫衣 加绒',
      priceFen: 19900,
      commissionBps: 1000,
      clickUrl: 'https://s.click.taobao.com/Ua9QwEr',
    });
  });

  it('reads a plain array and refuses an API error answer', () => {
    const r = parseCatalogueFile(enc(JSON.stringify([{ num_iid: '123456', title: 'x 商品', zk_final_price: '1.00' }])));
    expect(r.entries).toHaveLength(1);
    expect(refusal(() => parseCatalogueFile(enc('{"error_response":{"code":27,"msg":"Invalid session"}}')))).toMatch(
      /Invalid session/,
    );
  });
});

describe('our own items.json', () => {
  it('maps the mock items into entries and back without losing what cards read', () => {
    const items = generateCatalogue().slice(0, 20);
    const r = parseCatalogueFile(enc(JSON.stringify(items)));
    expect(r.format).toBe('items-json');
    expect(r.entries).toHaveLength(20);
    const back = toCardItem(r.entries[0] as never);
    const item = items[0];
    expect(back).toMatchObject({
      item_id: item?.item_id,
      zk_final_price: item?.zk_final_price,
      click_url: item?.click_url,
      short_url: item?.short_url,
      tpwd: item?.tpwd,
      pict_url: item?.pict_url,
    });
    expect(fromMockItem(item as never).priceFen).toBeGreaterThan(0);
  });
});

describe('whole-file refusals', () => {
  it('refuses wrong formats and garbage with a clear message', () => {
    expect(refusal(() => parseCatalogueFile(enc('名字,价格\n a,1\n')))).toMatch(/缺少列 商品id/);
    expect(refusal(() => parseCatalogueFile(enc('{"hello": 1}')))).toMatch(/No item list/);
    expect(refusal(() => parseCatalogueFile(enc('{not json')))).toMatch(/JSON/);
    expect(refusal(() => parseCatalogueFile(new Uint8Array(0)))).toMatch(/empty/);
    const garbage = new Uint8Array(50 * 1024 * 1024);
    for (let i = 0; i < garbage.length; i += 4096) garbage[i] = (i * 7919) & 0xff;
    const t = Date.now();
    expect(refusal(() => parseCatalogueFile(garbage))).toMatch(/not a CSV|缺少列/);
    expect(Date.now() - t).toBeLessThan(15_000);
  }, 60_000);

  it('refuses an xlsx that declares an absurd inflated size, before inflating it', () => {
    const sheet = enc(`<worksheet><sheetData>${' '.repeat(8 * 1024 * 1024)}</sheetData></worksheet>`);
    const zip = zipSync({ 'xl/worksheets/sheet1.xml': sheet }, { level: 9 });
    expect(zip.length).toBeLessThan(200 * 1024);
    expect(refusal(() => parseCatalogueFile(zip))).toMatch(/zip bomb/);
  }, 60_000);

  it('stops a bomb that lies about its size once the real output passes the limit', () => {
    const sheet = enc(`<worksheet><sheetData>${' '.repeat(8 * 1024 * 1024)}</sheetData></worksheet>`);
    const zip = zipSync({ 'xl/worksheets/sheet1.xml': sheet }, { level: 9 });
    // Patch the declared size (central directory, offset 24) down to 1 KB.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = zip.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 1024, true);
        break;
      }
    }
    expect(refusal(() => parseCatalogueFile(zip))).toMatch(/zip bomb/);
  }, 60_000);

  it('takes exactly 200,000 rows, the file ending in a line break, and refuses one more', () => {
    const lines = [HEADER];
    for (let i = 0; i < MAX_ROWS; i++) lines.push(`${100000000 + i},商品${i},9.9`);
    const full = parseCatalogueFile(enc(`${lines.join('\r\n')}\r\n`));
    expect(full.rowsRead).toBe(MAX_ROWS);
    expect(full.entries).toHaveLength(MAX_ROWS);
    lines.push(`${100000000 + MAX_ROWS},商品,9.9`);
    expect(refusal(() => parseCatalogueFile(enc(lines.join('\n'))))).toMatch(/200,000/);
  }, 60_000);

  it('reads a hand-written sheet with inline strings and no shared strings', () => {
    const cell = (r: string, v: string) => `<c r="${r}" t="inlineStr"><is><t>${v}</t></is></c>`;
    const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1">${cell('A1', '商品id')}${cell('C1', '商品名称')}${cell('D1', '商品价格（单位：元）')}</row>
<row r="2"><c r="A2"><v>650123456789</v></c>${cell('C2', '雅诗兰黛 &amp; 小棕瓶')}<c r="D2"><v>560</v></c></row>
<row r="3"><c r="A3"><v>650123456780</v></c>${cell('C3', '公式价')}<c r="D3"><f>1+1</f><v>2</v></c></row>
</sheetData></worksheet>`;
    const r = parseCatalogueFile(zipSync({ 'xl/worksheets/sheet1.xml': enc(xml) }));
    expect(r.entries).toEqual([
      expect.objectContaining({ itemId: '650123456789', title: '雅诗兰黛 & 小棕瓶', priceFen: 56000 }),
    ]);
    expect(r.issues).toEqual([
      { row: 3, column: '商品价格(单位：元)', reason: expect.stringMatching(/formula/), action: 'refused' },
    ]);
  });
});

describe('field readers', () => {
  it('money, coupons, times and URLs', () => {
    expect(readYuan('0.29')).toEqual({ ok: true, value: 29 });
    expect(readYuan(12.345)).toEqual({ ok: true, value: 1235 });
    expect(readYuan('1e9').ok).toBe(false);
    expect(readCouponInfo('满299元减20元')).toEqual({ ok: true, value: { thresholdFen: 29900, amountFen: 2000 } });
    expect(readCouponInfo('无门槛20元')).toEqual({ ok: true, value: { thresholdFen: 0, amountFen: 2000 } });
    expect(readCouponInfo('满10元减20元').ok).toBe(false);
    expect(readTime('1764518400000')).toEqual({ ok: true, value: '2025-12-01T00:00:00+08:00' });
    expect(readTime('2026-02-30').ok).toBe(false);
    expect(readUrl('http://detail.tmall.com/item.htm?id=1')).toEqual({
      ok: true,
      value: 'https://detail.tmall.com/item.htm?id=1',
    });
    expect(readUrl('https://taobao.com.evil.cn/x').ok).toBe(false);
    expect(readUrl('data:text/html,hi').ok).toBe(false);
  });
});

describe('imported items resolve like packaged ones', () => {
  it('by item URL, 淘客 link, short link and 淘口令', () => {
    const { entries } = parseCatalogueFile(fixture('tbk-material-optional.json'));
    const index = buildCatalogueIndex(entries.map(toCardItem));
    const post = (text: string, links: string[] = []): Post =>
      ({ id: 'p', text, links: links.map((url) => ({ url })), author: { uid: '1', name: 'a' } }) as unknown as Post;
    const ids = (p: Post) => matchItems(p, index).map((m) => m.itemId);
    expect(ids(post('', ['https://item.taobao.com/item.htm?id=700000000002']))).toEqual(['700000000002']);
    expect(ids(post('', ['https://s.click.taobao.com/Wm7KpQr']))).toEqual(['700000000001']);
    expect(ids(post('戳 https://m.tb.cn/h.Ht5Yx9b?sm=1a 买'))).toEqual(['700000000002']);
    expect(ids(post('复制 ￥Ab3dEf9hIjK￥ 打开淘宝'))).toEqual(['700000000001']);
    expect(toCardItem(entries[0] as never).pict_url).toBe('catalogue/img/imported.webp');
  });
});

describe('an imported item in the quick-buy sheet', () => {
  it('is bought through one default SKU at its price, with its coupon', () => {
    const { entries } = parseCatalogueFile(fixture('xuanpinku.xlsx'));
    const item = toCardItem(entries[0] as never);
    expect(item.skus).toEqual([{ sku_id: '680000000001', props: { 规格: '默认' }, price: '269.00', stock: 999 }]);
    const quote = quoteOrder(item, '680000000001', 1, Date.parse('2026-12-06T12:00:00+08:00'));
    expect(quote).toMatchObject({ unitFen: 26900, couponFen: 4000, totalFen: 22900 });
  });
});

describe('large files are read as a stream', () => {
  /** A CSV of several decode chunks whose titles hold quoted commas and line breaks, with CRLF line ends. */
  function bigCsv(rows: number): string {
    const lines = [HEADER];
    for (let i = 0; i < rows; i++) {
      const title = i % 7 === 0 ? `"多行\n标题 ${i}, 第二行 ""引号"""` : `商品 ${i} ${'字'.repeat(40)}`;
      // Every 1,000th row has a bad price, so the refusals tell the row numbers apart.
      lines.push(`${100000000 + i},${title},${i % 1000 === 999 ? '-1' : '9.9'}`);
    }
    return lines.join('\r\n');
  }

  it('gives the entries and row numbers of one parse of the whole text, a batch at a time', () => {
    const text = bigCsv(30_000);
    const bytes = enc(text);
    expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    const stream = streamCatalogueFile(bytes, undefined, 500);
    const sizes: number[] = [];
    const read: number[] = [];
    const entries: string[] = [];
    for (const batch of stream.batches) {
      sizes.push(batch.length);
      read.push(stream.rowsRead);
      for (const e of batch) entries.push(`${e.itemId}|${e.title}`);
    }
    // The file is read as the batches are asked for, not before the first one.
    expect(read[0]).toBeLessThan(30_000);
    expect(Math.max(...sizes)).toBe(500);
    // What papaparse makes of the whole text at once, row numbers counted from the header as row 1.
    const whole = Papa.parse<string[]>(text, { skipEmptyLines: false }).data.slice(1);
    const kept = whole.filter((r) => r[2] !== '-1');
    expect(entries).toEqual(kept.map((r) => `${r[0]}|${(r[1] ?? '').replace(/\s+/g, ' ').trim()}`));
    expect(stream.issues.map((i) => i.row)).toEqual(whole.flatMap((r, i) => (r[2] === '-1' ? [i + 2] : [])));
    expect(stream.rowsRead).toBe(30_000);
  });

  it('reads a GBK file the same way in pieces', () => {
    const gbk = fixture('xuanpinku-gbk.csv');
    const one = collect(streamCatalogueFile(gbk, undefined, 1));
    expect(one).toEqual(parseCatalogueFile(gbk));
    expect(one.entries.map((e) => e.itemId)).toEqual(['690000000001', '690000000002']);
  });

  it('hands out an xlsx sheet a batch at a time', () => {
    const stream = streamCatalogueFile(fixture('xuanpinku.xlsx'), undefined, 1);
    const batches = [...stream.batches];
    expect(batches.map((b) => b.length)).toEqual([1, 1, 1]);
    expect(stream.rowsRead).toBe(9);
  });
});
