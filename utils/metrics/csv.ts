import { fenToYuan } from '@/utils/money';
import { type AuthorReport, type DepthGroupKey, formatBp, type Stats } from './conversion';

/**
 * CSV for spreadsheets: RFC 4180 (CRLF line ends; a field holding a comma, quote, CR or LF is quoted and its quotes
 * doubled) with a UTF-8 byte-order mark, without which Excel reads the file as the system code page and garbles 中文.
 */
export type Cell = string | number | null;

export const BOM = '\uFEFF';

// Spreadsheet apps run a cell that starts with these as a formula; post ids and names come from web pages.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: Cell): string {
  if (value === null) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows → one CSV document with the BOM and a trailing CRLF. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

export type CsvLang = 'zh-CN' | 'en';

const ZH_HEAD = {
  post: '博文',
  day: '日期',
  exposures: '曝光',
  exposedPosts: '曝光博文数',
  clicks: '点击',
  saves: '种草',
  purchases: '成交',
  ctr: '点击率',
  conversion: '转化率',
  gmv: '成交金额(元)',
  commission: '预估佣金(元)',
  total: '合计',
  group: '互动分组',
  n: '样本数(博文)',
  converted: '有成交',
  rate: '转化率',
  small: '样本较少',
  yes: '是',
  no: '否',
};

const HEAD: Record<CsvLang, { [K in keyof typeof ZH_HEAD]: string }> = {
  'zh-CN': ZH_HEAD,
  en: {
    post: 'Post',
    day: 'Date',
    exposures: 'Exposures',
    exposedPosts: 'Exposed posts',
    clicks: 'Clicks',
    saves: 'Saves',
    purchases: 'Purchases',
    ctr: 'CTR',
    conversion: 'Conversion',
    gmv: 'GMV (CNY)',
    commission: 'Est. commission (CNY)',
    total: 'Total',
    group: 'Interaction group',
    n: 'n (posts)',
    converted: 'Converted',
    rate: 'Conversion',
    small: 'Small sample',
    yes: 'yes',
    no: 'no',
  },
};

const GROUP: Record<CsvLang, Record<DepthGroupKey, string>> = {
  'zh-CN': { like: '点过赞', repost: '转发过', comment: '评论过', any: '有任一互动', 'seen-only': '只看过' },
  en: { like: 'Liked', repost: 'Reposted', comment: 'Commented', any: 'Any interaction', 'seen-only': 'Only saw' },
};

function statCells(s: Stats): Cell[] {
  return [
    s.exposures,
    s.exposedPosts,
    s.clicks,
    s.saves,
    s.purchases,
    formatBp(s.ctrBp),
    formatBp(s.conversionBp),
    fenToYuan(s.gmvFen),
    fenToYuan(s.commissionFen),
  ];
}

/**
 * The whole report as one sheet: a per-post table with the total last, then the daily series, then the depth view,
 * separated by blank rows. Amounts are yuan with two decimals (exact, from fen); rates are percentages.
 */
export function reportToCsv(report: AuthorReport, lang: CsvLang = 'zh-CN'): string {
  const h = HEAD[lang];
  const statHead = [
    h.exposures,
    h.exposedPosts,
    h.clicks,
    h.saves,
    h.purchases,
    h.ctr,
    h.conversion,
    h.gmv,
    h.commission,
  ];
  const rows: Cell[][] = [[h.post, ...statHead]];
  for (const p of report.posts) rows.push([p.postId, ...statCells(p)]);
  rows.push([h.total, ...statCells(report.total)]);
  rows.push([]);
  rows.push([h.day, h.exposures, h.clicks, h.saves, h.purchases, h.gmv, h.commission]);
  for (const d of report.daily)
    rows.push([d.day, d.exposures, d.clicks, d.saves, d.purchases, fenToYuan(d.gmvFen), fenToYuan(d.commissionFen)]);
  rows.push([]);
  rows.push([h.group, h.n, h.converted, h.rate, h.small]);
  for (const g of report.depth)
    rows.push([GROUP[lang][g.key], g.n, g.converted, formatBp(g.rateBp), g.small ? h.yes : h.no]);
  return toCsv(rows);
}

/** `zhongcao-report-<author>-YYYYMMDD.csv`, with the author id reduced to file-name-safe characters. */
export function reportFilename(authorId: string, now: Date = new Date()): string {
  const safe = authorId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'author';
  const ymd = `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
  return `zhongcao-report-${safe}-${ymd}.csv`;
}
