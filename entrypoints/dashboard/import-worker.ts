import { ImportRefused, parseCatalogueFile } from '@/utils/catalogue/import/index';
import type { ImportResult } from '@/utils/catalogue/import/types';
import { type ImportSummary, importCatalogue, sha256OfBytes } from '@/utils/catalogue/store';
import { db } from '@/utils/db';

/**
 * Reads and stores one catalogue file off the dashboard's UI thread: the parsed items go straight from here into
 * IndexedDB (one transaction), so the page never holds them; it gets progress, the summary and the row issues.
 */
export interface ImportWorkerRequest {
  name: string;
  bytes: ArrayBuffer;
}

export type ImportWorkerAnswer =
  | { type: 'progress'; rowsRead: number }
  | { type: 'saving'; entries: number; written: number }
  | { type: 'done'; summary: ImportSummary; issues: ImportResult['issues']; unknownColumns: string[] }
  | { type: 'refused'; message: string; issues?: ImportResult['issues'] };

const post = (answer: ImportWorkerAnswer) => (self as unknown as Worker).postMessage(answer);

/** Hash and parse; the file's bytes are referenced only here, so they can go once the entries exist. */
async function read(request: { bytes: ArrayBuffer | null }): Promise<{ sha256: string; result: ImportResult }> {
  const bytes = new Uint8Array(request.bytes ?? new ArrayBuffer(0));
  request.bytes = null;
  const sha256 = await sha256OfBytes(bytes);
  return { sha256, result: parseCatalogueFile(bytes, (rowsRead) => post({ type: 'progress', rowsRead })) };
}

self.onmessage = async (e: MessageEvent<ImportWorkerRequest>) => {
  const name = e.data.name;
  try {
    const { sha256, result } = await read(e.data as { bytes: ArrayBuffer | null });
    if (result.entries.length === 0) {
      post({ type: 'refused', message: '文件中没有可用的商品。No usable item in the file.', issues: result.issues });
      return;
    }
    const entries = result.entries.length;
    post({ type: 'saving', entries, written: 0 });
    const summary = await importCatalogue(db, { name, sha256 }, result, Date.now, (written) =>
      post({ type: 'saving', entries, written }),
    );
    post({ type: 'done', summary, issues: result.issues, unknownColumns: result.unknownColumns });
  } catch (err) {
    const message =
      err instanceof ImportRefused
        ? err.message
        : `文件未导入，商品库未改变 Nothing was imported: ${String(err).slice(0, 200)}`;
    post({ type: 'refused', message });
  }
};
