import { Inflate } from 'fflate';
import { collect, ImportRefused, type ImportResult, type ImportStream, type Progress } from './types';
import { type Cell, isXuanpinkuHeader, refuseHeader, type SheetRow, XuanpinkuStream } from './xuanpinku';

/**
 * A minimal .xlsx reader for the 选品库 export: the zip's central directory is read by hand so every entry's declared
 * size is checked before anything is inflated, inflation is streamed with a running byte count (a zip bomb stops at
 * the limit, whatever it declared), and the first worksheet's XML is scanned row by row as it inflates. Only what the
 * export uses is read: shared and inline strings, numbers, booleans, and whether a cell holds a formula.
 */

/** Inflated size allowed for one part (the sheet of a 200,000-row export is ~120 MB). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** Compression ratio beyond which a part is a bomb rather than XML (real sheets stay far below 100:1). */
export const MAX_RATIO = 200;
const CHUNK = 16 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number) => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;

const NOT_XLSX = '文件不是有效的 .xlsx 表格。The file is not a valid .xlsx workbook.';

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function readDirectory(b: Uint8Array): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ImportRefused(NOT_XLSX);
  const count = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  if (count > 10_000 || p >= b.length) throw new ImportRefused(NOT_XLSX);
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ImportRefused(NOT_XLSX);
    const nameLen = u16(b, p + 28);
    const entry: ZipEntry = {
      name: names.decode(b.subarray(p + 46, p + 46 + nameLen)),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      size: u32(b, p + 24),
      localOffset: u32(b, p + 42),
    };
    entries.set(entry.name, entry);
    p += 46 + nameLen + u16(b, p + 30) + u16(b, p + 32);
  }
  return entries;
}

/** Inflates one entry a compressed chunk at a time, yielding what each gives; refuses before and during inflation. */
function* inflateEntry(b: Uint8Array, e: ZipEntry): Generator<Uint8Array> {
  const bomb = `文件解压后过大，疑似压缩炸弹，未导入。The file inflates far beyond its size (a zip bomb?); nothing was imported.`;
  if (e.size > MAX_PART_BYTES || e.compressedSize === 0xffffffff) throw new ImportRefused(bomb);
  if (e.size > 1024 * 1024 && e.size / Math.max(1, e.compressedSize) > MAX_RATIO) throw new ImportRefused(bomb);
  const o = e.localOffset;
  if (u32(b, o) !== 0x04034b50) throw new ImportRefused(NOT_XLSX);
  const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw new ImportRefused(NOT_XLSX);
  const data = b.subarray(start, end);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ImportRefused(NOT_XLSX);
    yield data;
    return;
  }
  if (e.method !== 8) throw new ImportRefused(NOT_XLSX);
  // The declared size may lie: count what actually comes out and stop at the limits.
  const limit = Math.min(MAX_PART_BYTES, Math.max(e.size, 1024 * 1024), Math.max(1024 * 1024, data.length * MAX_RATIO));
  let out = 0;
  const ready: Uint8Array[] = [];
  const inflate = new Inflate((chunk) => {
    out += chunk.length;
    if (out > limit) throw new ImportRefused(bomb);
    ready.push(chunk);
  });
  for (let i = 0; i < data.length; i += CHUNK) {
    try {
      inflate.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
    } catch (err) {
      if (err instanceof ImportRefused) throw err;
      throw new ImportRefused(NOT_XLSX);
    }
    yield* ready.splice(0, ready.length);
  }
}

function entryText(b: Uint8Array, dir: Map<string, ZipEntry>, name: string): string | null {
  const e = dir.get(name);
  if (!e) return null;
  const decoder = new TextDecoder();
  let text = '';
  for (const chunk of inflateEntry(b, e)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&') && !s.includes('_x')) return s;
  return (
    s
      .replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (_, ref: string) => {
        if (ref[0] !== '#') return ENTITY[ref] ?? '';
        const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      })
      // OOXML escapes control characters as _xHHHH_.
      .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
  );
}

const T_TEXT = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;

/** The text of an `<si>` or `<is>`: its `<t>` runs, phonetic guides (`<rPh>`) left out. */
function runText(xml: string): string {
  const plain = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let s = '';
  T_TEXT.lastIndex = 0;
  for (let m = T_TEXT.exec(plain); m !== null; m = T_TEXT.exec(plain)) s += m[1] ?? '';
  return unescapeXml(s);
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const re = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) out.push(runText(m[1] ?? ''));
  return out;
}

/** Path of the workbook's first sheet, from workbook.xml and its relationships. */
function firstSheetPath(dir: Map<string, ZipEntry>, b: Uint8Array): string {
  const fallback = 'xl/worksheets/sheet1.xml';
  const wb = entryText(b, dir, 'xl/workbook.xml');
  const rels = entryText(b, dir, 'xl/_rels/workbook.xml.rels');
  const rid = wb ? /<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"/.exec(wb)?.[1] : undefined;
  if (!rid || !rels) return fallback;
  const rel = new RegExp(`<Relationship\\b[^>]*?Id="${rid.replace(/[^\w-]/g, '')}"[^>]*>`).exec(rels)?.[0];
  const target = rel ? /Target="([^"]+)"/.exec(rel)?.[1] : undefined;
  if (!target) return fallback;
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return dir.has(path) ? path : fallback;
}

function columnIndex(ref: string | undefined, fallback: number): number {
  const letters = ref ? /^([A-Z]{1,3})/.exec(ref)?.[1] : undefined;
  if (!letters) return fallback;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/;
const FORMULA = /<(?:\w+:)?f\b/;

function rowCells(xml: string, strings: readonly string[]): (Cell | undefined)[] {
  const cells: (Cell | undefined)[] = [];
  let pos = 0;
  CELL.lastIndex = 0;
  for (let m = CELL.exec(xml); m !== null; m = CELL.exec(xml)) {
    const attrs = m[1] ?? '';
    const body = m[2] ?? '';
    const col = columnIndex(attr(attrs, 'r'), pos);
    pos = col + 1;
    if (col > 200) continue;
    const type = attr(attrs, 't') ?? 'n';
    const v = VALUE.exec(body)?.[1];
    let text = '';
    let num: number | undefined;
    if (type === 's') text = strings[Number(v)] ?? '';
    else if (type === 'inlineStr') text = runText(body);
    else if (type === 'n' && v !== undefined) {
      num = Number(v);
      // Item ids are stored as numbers; write large whole numbers out in full, never as 6.5E+11.
      text = Number.isFinite(num) && Number.isInteger(num) ? BigInt(num).toString() : unescapeXml(v);
    } else text = unescapeXml(v ?? '');
    cells[col] = num === undefined ? { text, formula: FORMULA.test(body) } : { text, formula: FORMULA.test(body), num };
  }
  return cells;
}

/** The sheet's rows as it inflates: the header in one of its first non-empty rows (a title may stand above it). */
function* xlsxSheet(bytes: Uint8Array, sheet: ZipEntry, strings: readonly string[]): Generator<SheetRow> {
  let header = false;
  let seenRows = 0;
  let buffer = '';
  let nextRow = 1;
  const ready: SheetRow[] = [];
  const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
  const take = (final: boolean) => {
    ROW.lastIndex = 0;
    let consumed = 0;
    for (let m = ROW.exec(buffer); m !== null; m = ROW.exec(buffer)) {
      consumed = ROW.lastIndex;
      const r = Number(attr(m[1] ?? '', 'r') ?? nextRow);
      const rowNumber = Number.isSafeInteger(r) && r > 0 ? r : nextRow;
      nextRow = rowNumber + 1;
      const cells = rowCells(m[2] ?? '', strings);
      if (!header) {
        const texts = Array.from(cells, (c) => c?.text ?? '');
        if (texts.every((t) => !t.trim())) continue;
        if (isXuanpinkuHeader(texts)) {
          header = true;
          ready.push({ header: texts });
        } else if (++seenRows >= 5) refuseHeader(texts);
        continue;
      }
      ready.push({ row: rowNumber, cells });
    }
    buffer = buffer.slice(consumed);
    // An unterminated row this long is not a spreadsheet row.
    if (buffer.length > 8 * 1024 * 1024 || (final && /<(?:\w+:)?row\b/.test(buffer))) throw new ImportRefused(NOT_XLSX);
  };
  const decoder = new TextDecoder();
  for (const chunk of inflateEntry(bytes, sheet)) {
    buffer += decoder.decode(chunk, { stream: true });
    if (buffer.length > 256 * 1024) {
      take(false);
      yield* ready.splice(0, ready.length);
    }
  }
  buffer += decoder.decode();
  take(true);
  yield* ready.splice(0, ready.length);
}

/**
 * A 选品库 .xlsx export as a stream: the directory, workbook and shared strings are read (and refused) at once, the
 * first sheet row by row as its entries are asked for.
 */
export function streamXuanpinkuXlsx(bytes: Uint8Array, onProgress?: Progress, batchSize?: number): ImportStream {
  if (!isZip(bytes)) throw new ImportRefused(NOT_XLSX);
  const dir = readDirectory(bytes);
  const sheet = dir.get(firstSheetPath(dir, bytes));
  if (!sheet) throw new ImportRefused(NOT_XLSX);
  const strings = sharedStrings(entryText(bytes, dir, 'xl/sharedStrings.xml'));
  return new XuanpinkuStream('xuanpinku-xlsx', xlsxSheet(bytes, sheet, strings), onProgress, batchSize);
}

/** A 选品库 .xlsx export: the first sheet, header in its first non-empty row. */
export function parseXuanpinkuXlsx(bytes: Uint8Array, onProgress?: Progress): ImportResult {
  return collect(streamXuanpinkuXlsx(bytes, onProgress));
}
