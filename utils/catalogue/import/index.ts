import { fromMockItem } from '../entry';
import { parseCatalogue } from '../load';
import { streamApiJson } from './api-json';
import { decodeText, streamXuanpinkuCsv } from './csv';
import {
  collect,
  ImportRefused,
  type ImportResult,
  type ImportStream,
  MAX_FILE_BYTES,
  MAX_ROWS,
  type Progress,
  streamOf,
} from './types';
import { isZip, streamXuanpinkuXlsx } from './xlsx';

export type { ImportResult, ImportStream, RowIssue } from './types';
export { collect, IMPORT_BATCH, ImportRefused, MAX_FILE_BYTES, MAX_ROWS } from './types';

/** Our own items.json: an array whose entries carry the packaged file's fields (`item_id`, `zk_final_price`, `skus`). */
function isOwnItems(raw: unknown): boolean {
  if (!Array.isArray(raw) || raw.length === 0) return false;
  const first = raw[0] as Record<string, unknown> | null;
  return typeof first === 'object' && first !== null && 'skus' in first && 'short_title' in first;
}

function parseOwnItems(raw: unknown[]): ImportResult {
  if (raw.length > MAX_ROWS) throw new ImportRefused(`超过 ${MAX_ROWS} 个商品，未导入。More than ${MAX_ROWS} items.`);
  const { items, errors } = parseCatalogue(raw);
  return {
    format: 'items-json',
    entries: items.map(fromMockItem),
    issues: errors.map((e) => {
      const [column = '(item)', ...rest] = e.message.split(': ');
      return { row: e.index + 1, column, reason: rest.join(': ') || e.message, action: 'refused' as const };
    }),
    unknownColumns: [],
    rowsRead: raw.length,
  };
}

/**
 * Opens one catalogue file as a stream of entries and row issues, whatever its format: the bytes decide (a zip is
 * .xlsx, text starting with `[` or `{` is JSON, other text is CSV), not the file name. Pure and synchronous, so it
 * runs the same in a dedicated worker and in tests. Throws `ImportRefused` for a file it will not use at all, here or
 * while its batches are read. The spreadsheet formats are read as the batches are asked for; JSON is parsed whole.
 */
export function streamCatalogueFile(bytes: Uint8Array, onProgress?: Progress, batchSize?: number): ImportStream {
  if (bytes.length === 0) throw new ImportRefused('文件是空的。The file is empty.');
  if (bytes.length > MAX_FILE_BYTES)
    throw new ImportRefused(
      `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，未导入。The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`,
    );
  if (isZip(bytes)) return streamXuanpinkuXlsx(bytes, onProgress, batchSize);
  const head = decodeText(bytes.subarray(0, 64)).text.trimStart();
  if (head.startsWith('[') || head.startsWith('{')) {
    let raw: unknown;
    try {
      raw = JSON.parse(decodeText(bytes).text);
    } catch (e) {
      throw new ImportRefused(`JSON 无法解析：${(e as Error).message.slice(0, 80)}。The JSON does not parse.`);
    }
    return isOwnItems(raw)
      ? streamOf(parseOwnItems(raw as unknown[]), batchSize)
      : streamApiJson(raw, onProgress, batchSize);
  }
  return streamXuanpinkuCsv(bytes, onProgress, batchSize);
}

/** The whole file read into one result (tests, the analyse command). */
export function parseCatalogueFile(bytes: Uint8Array, onProgress?: Progress): ImportResult {
  return collect(streamCatalogueFile(bytes, onProgress));
}
