import type { StudySummary } from './import';
import { type ImportProgress, type StreamImportResult, StudyAccumulator } from './import-stream';
import type { ImportReply, ImportRequest } from './import-worker';

/** The dashboard's handle on the researcher's imports: each file verified and merged off its thread. */
export interface StudyImporter {
  importFile(
    file: Blob,
    name: string,
    onProgress: (p: ImportProgress) => void,
  ): { done: Promise<{ result: StreamImportResult; summary: StudySummary | null }>; cancel: () => void };
  clear(): void;
}

/** Imports in a Web Worker: the page keeps the summary and each file's verdict, never the rows. */
export function createWorkerImporter(): StudyImporter {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<
    number,
    { onProgress: (p: ImportProgress) => void; resolve: (r: Extract<ImportReply, { type: 'done' }>) => void }
  >();
  const post = (msg: ImportRequest) => {
    if (!worker) {
      worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<ImportReply>) => {
        const w = waiting.get(e.data.id);
        if (!w) return;
        if (e.data.type === 'progress') w.onProgress(e.data.progress);
        else {
          waiting.delete(e.data.id);
          w.resolve(e.data);
        }
      };
    }
    worker.postMessage(msg);
  };
  return {
    importFile(file, name, onProgress) {
      const id = nextId++;
      const done = new Promise<Extract<ImportReply, { type: 'done' }>>((resolve) => {
        waiting.set(id, { onProgress, resolve });
        post({ type: 'import', id, file, name });
      }).then(({ result, summary }) => ({ result, summary }));
      return { done, cancel: () => post({ type: 'cancel', id }) };
    },
    clear: () => post({ type: 'clear' }),
  };
}

/** The same on the calling thread, for tests and pages without workers. */
export function createInThreadImporter(): StudyImporter {
  const acc = new StudyAccumulator();
  return {
    importFile(file, name, onProgress) {
      let cancelled = false;
      const done = acc
        .importZip(name, file, { onProgress, aborted: () => cancelled })
        .then((result) => ({ result, summary: acc.summary() }));
      return { done, cancel: () => (cancelled = true) };
    },
    clear: () => acc.clear(),
  };
}
