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

/** A whole-file refusal: nothing of the file is used. The message is shown as is (zh-CN, then English). */
export class ImportRefused extends Error {
  override name = 'ImportRefused';
}

/** Accepted up to this many data rows; a bigger file is refused whole rather than cut silently. */
export const MAX_ROWS = 200_000;
/** Larger files are refused before reading: a 200,000-row export is well below this in every format. */
export const MAX_FILE_BYTES = 150 * 1024 * 1024;

export type Progress = (rowsRead: number) => void;
