import { ImportRefused, type ImportStream, streamCatalogueFile } from '@/utils/catalogue/import/index';
import type { RowIssue } from '@/utils/catalogue/import/types';
import { type ImportSummary, importCatalogue, NO_USABLE_ITEM, sha256OfBytes } from '@/utils/catalogue/store';
import { db } from '@/utils/db';

/**
 * Reads and stores one catalogue file off the dashboard's UI thread. The file is parsed a batch of rows at a time and
 * each batch goes into IndexedDB (one transaction for the whole file) before the next is read, so neither this worker
 * nor the page ever holds the whole list; the page gets progress, the summary and the row issues.
 */
export interface ImportWorkerRequest {
  name: string;
  bytes: ArrayBuffer;
}

export type ImportWorkerAnswer =
  | { type: 'progress'; rowsRead: number; written: number }
  | { type: 'done'; summary: ImportSummary; issues: RowIssue[]; unknownColumns: string[] }
  | { type: 'refused'; message: string; issues?: RowIssue[] };

const post = (answer: ImportWorkerAnswer) => (self as unknown as Worker).postMessage(answer);

self.onmessage = async (e: MessageEvent<ImportWorkerRequest>) => {
  const name = e.data.name;
  let stream: ImportStream | null = null;
  try {
    const bytes = new Uint8Array(e.data.bytes);
    const sha256 = await sha256OfBytes(bytes);
    let rowsRead = 0;
    let written = 0;
    stream = streamCatalogueFile(bytes, (n) => {
      rowsRead = n;
      post({ type: 'progress', rowsRead, written });
    });
    const summary = await importCatalogue(db, { name, sha256 }, stream, Date.now, (n) => {
      written = n;
      post({ type: 'progress', rowsRead, written });
    });
    post({ type: 'done', summary, issues: stream.issues, unknownColumns: stream.unknownColumns });
  } catch (err) {
    const message =
      err instanceof ImportRefused
        ? err.message
        : `文件未导入，商品库未改变 Nothing was imported: ${String(err).slice(0, 200)}`;
    // A file none of whose rows could be used says why, row by row.
    const issues = err instanceof ImportRefused && err.message === NO_USABLE_ITEM ? stream?.issues : undefined;
    post({ type: 'refused', message, issues });
  }
};
