import type { CatalogueEntry } from '../entry';

/** What happened to one row: dropped (`refused`) or kept without one field (`cleaned`). */
export interface RowIssue {
  /** Spreadsheet row (the header is row 1) or, for JSON, the item's position counting from 1. */
  row: number;
  column: string;
  reason: string;
  action: 'refused' | 'cleaned';
}

export type ImportFormat = 'xuanpinku-xlsx' | 'xuanpinku-csv' | 'tbk-api-json' | 'items-json';

export interface ImportResult {
  format: ImportFormat;
  entries: CatalogueEntry[];
  issues: RowIssue[];
  /** Columns (or API fields) the file had that we do not read. */
  unknownColumns: string[];
  /** Data rows read, refused ones included. */
  rowsRead: number;
}

/**
 * A file being read: its entries come a batch at a time as `batches` is iterated (once), so an import can store each
 * batch before the next rows are parsed and never holds the whole list. Issues, unknown columns and the row count fill
 * in as the file is read; a whole-file refusal (`ImportRefused`) can come from any step of the iteration.
 */
export interface ImportStream {
  readonly format: ImportFormat;
  readonly batches: Iterable<CatalogueEntry[]>;
  readonly issues: RowIssue[];
  readonly unknownColumns: string[];
  readonly rowsRead: number;
}

/** Entries handed out per batch: a few MB of rows, well under a second of parsing. */
export const IMPORT_BATCH = 5_000;

/** Reads a whole stream into one result (tests, the analyse command; the dashboard stores batch by batch). */
export function collect(stream: ImportStream): ImportResult {
  const entries: CatalogueEntry[] = [];
  for (const batch of stream.batches) for (const e of batch) entries.push(e);
  return {
    format: stream.format,
    entries,
    issues: stream.issues,
    unknownColumns: stream.unknownColumns,
    rowsRead: stream.rowsRead,
  };
}

/** A result already in memory, as a stream of one pass over its entries. */
export function streamOf(result: ImportResult, batchSize = IMPORT_BATCH): ImportStream {
  return {
    format: result.format,
    batches: (function* () {
      for (let i = 0; i < result.entries.length; i += batchSize) yield result.entries.slice(i, i + batchSize);
    })(),
    issues: result.issues,
    unknownColumns: result.unknownColumns,
    rowsRead: result.rowsRead,
  };
}

/** A whole-file refusal: nothing of the file is used. The message is shown as is (zh-CN, then English). */
export class ImportRefused extends Error {
  override name = 'ImportRefused';
}

/** Accepted up to this many data rows; a bigger file is refused whole rather than cut silently. */
export const MAX_ROWS = 200_000;
/** Larger files are refused before reading: a 200,000-row export is well below this in every format. */
export const MAX_FILE_BYTES = 150 * 1024 * 1024;

export type Progress = (rowsRead: number) => void;
