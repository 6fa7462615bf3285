import { ImportRefused, parseCatalogueFile } from '@/utils/catalogue/import/index';
import type { ImportResult } from '@/utils/catalogue/import/types';
import { sha256OfBytes } from '@/utils/catalogue/store';

/** Parses one catalogue file off the dashboard's UI thread: bytes in, progress and one answer out. */
export type ImportWorkerAnswer =
  | { type: 'progress'; rowsRead: number }
  | { type: 'done'; result: ImportResult; sha256: string }
  | { type: 'refused'; message: string };

const post = (answer: ImportWorkerAnswer) => (self as unknown as Worker).postMessage(answer);

self.onmessage = async (e: MessageEvent<ArrayBuffer>) => {
  const bytes = new Uint8Array(e.data);
  try {
    const sha256 = await sha256OfBytes(bytes);
    const result = parseCatalogueFile(bytes, (rowsRead) => post({ type: 'progress', rowsRead }));
    post({ type: 'done', result, sha256 });
  } catch (err) {
    const message =
      err instanceof ImportRefused
        ? err.message
        : `文件无法读取 The file could not be read: ${String(err).slice(0, 200)}`;
    post({ type: 'refused', message });
  }
};
