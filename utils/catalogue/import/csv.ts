import Papa from 'papaparse';
import { looksLikeFormula } from './fields';
import { collect, ImportRefused, type ImportResult, type ImportStream, type Progress } from './types';
import { type Cell, isXuanpinkuHeader, refuseHeader, type SheetRow, XuanpinkuStream } from './xuanpinku';

/**
 * Bytes → text. 淘宝联盟 exports CSV as GBK (what Excel on Chinese Windows opens), newer tools as UTF-8 with or
 * without a BOM: a BOM decides, else bytes that are valid UTF-8 are UTF-8, else GBK through the browser's own decoder.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'gbk' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

/** Text with NULs or many replacement characters is not a spreadsheet export, whatever its name says. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.02;
}

function cellOf(text: string): Cell {
  return { text, formula: looksLikeFormula(text.trim()) };
}

/** Decoded a megabyte at a time: the file's text is never one string. */
const DECODE_CHUNK = 1 << 20;

/** Which decoder the bytes need, and where the text starts (after a BOM); strict UTF-8 is tried without keeping text. */
function encodingOf(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'gbk'; start: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', start: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', start: 2 };
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let i = 0; i < bytes.length; i += DECODE_CHUNK)
      strict.decode(bytes.subarray(i, i + DECODE_CHUNK), { stream: true });
    strict.decode();
    return { encoding: 'utf-8', start: 0 };
  } catch {
    return { encoding: 'gbk', start: 0 };
  }
}

/**
 * The file's records, parsed by papaparse a piece at a time. A piece ends at a line break outside quotes (an even
 * number of `"` before it), so no record is split; the first piece's delimiter and line break are kept for the rest,
 * as one parse of the whole text would.
 */
function* csvRecords(bytes: Uint8Array): Generator<string[]> {
  const { encoding, start } = encodingOf(bytes);
  const decoder = new TextDecoder(encoding);
  let carry = '';
  let inQuotes = false;
  let first = true;
  let config: { delimiter?: string; newline?: '\n' | '\r\n' } = {};
  const parse = function* (piece: string): Generator<string[]> {
    const res = Papa.parse<string[]>(piece, { skipEmptyLines: false, ...config });
    if (first) config = { ...config, delimiter: res.meta.delimiter };
    first = false;
    yield* res.data;
  };
  for (let i = start; ; i += DECODE_CHUNK) {
    const last = i + DECODE_CHUNK >= bytes.length;
    // Everything already in `carry` was scanned; `inQuotes` is the state at its end.
    const from = carry.length;
    carry += decoder.decode(bytes.subarray(i, i + DECODE_CHUNK), { stream: !last });
    if (i === start && looksBinary(carry))
      throw new ImportRefused('文件不是文本表格。The file is not a CSV text file.');
    if (last) break;
    let cut = -1;
    for (let j = from; j < carry.length; j++) {
      const c = carry.charCodeAt(j);
      if (c === 34) inQuotes = !inQuotes;
      else if (c === 10 && !inQuotes) cut = j;
    }
    if (cut < 0) continue;
    const crlf = carry.charCodeAt(cut - 1) === 13;
    config.newline ??= crlf ? '\r\n' : '\n';
    const piece = carry.slice(0, crlf && config.newline === '\r\n' ? cut - 1 : cut);
    carry = carry.slice(cut + 1);
    yield* parse(piece);
  }
  if (carry !== '' || first) yield* parse(carry);
}

/** Rows of a 选品库 CSV: the header within the first few lines (some exports put a title line above it), then data. */
function* csvSheet(bytes: Uint8Array): Generator<SheetRow> {
  let line = 0;
  let header = false;
  for (const data of csvRecords(bytes)) {
    line++;
    if (header) yield { row: line, cells: data.map(cellOf) };
    else if (isXuanpinkuHeader(data)) {
      header = true;
      yield { header: data };
    } else if (line >= 5 || data.join('').length > 10_000) refuseHeader(data);
  }
}

/** A 选品库 CSV export read as a stream; refusals of the whole file come as it is read. */
export function streamXuanpinkuCsv(bytes: Uint8Array, onProgress?: Progress, batchSize?: number): ImportStream {
  return new XuanpinkuStream('xuanpinku-csv', csvSheet(bytes), onProgress, batchSize);
}

/** A 选品库 CSV export. Throws `ImportRefused` for a file that is not one. */
export function parseXuanpinkuCsv(bytes: Uint8Array, onProgress?: Progress): ImportResult {
  return collect(streamXuanpinkuCsv(bytes, onProgress));
}
