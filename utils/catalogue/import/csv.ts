import Papa from 'papaparse';
import { looksLikeFormula } from './fields';
import { ImportRefused, type ImportResult, type Progress } from './types';
import { type Cell, isXuanpinkuHeader, refuseHeader, XuanpinkuRows } from './xuanpinku';

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

/** A 选品库 CSV export. Throws `ImportRefused` for a file that is not one. */
export function parseXuanpinkuCsv(bytes: Uint8Array, onProgress?: Progress): ImportResult {
  const { text } = decodeText(bytes);
  if (looksBinary(text)) throw new ImportRefused('文件不是文本表格。The file is not a CSV text file.');
  let rows: XuanpinkuRows | null = null;
  let line = 0;
  let failure: unknown = null;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step: (res, parser) => {
      line++;
      try {
        const data = res.data;
        if (!rows) {
          // The header must come within the first few lines (some exports put a title line above it).
          if (isXuanpinkuHeader(data)) rows = new XuanpinkuRows(data, onProgress);
          else if (line >= 5 || data.join('').length > 10_000) refuseHeader(data);
          return;
        }
        rows.add(line, data.map(cellOf));
      } catch (e) {
        failure = e;
        parser.abort();
      }
    },
  });
  if (failure) throw failure;
  const found = rows as XuanpinkuRows | null;
  return found ? found.result('xuanpinku-csv') : refuseHeader([]);
}
