import type { StudySummary } from './import';
import { type ImportProgress, type StreamImportResult, StudyAccumulator } from './import-stream';

/**
 * The researcher's imports, off the dashboard's thread: files are verified and reduced here one at a time, and the
 * page gets progress, each file's verdict and the study summary, never rows. Holds the accepted participants'
 * aggregates for as long as the dashboard keeps it.
 */
export type ImportRequest =
  | { type: 'import'; id: number; file: Blob; name: string }
  | { type: 'cancel'; id: number }
  | { type: 'clear' };

export type ImportReply =
  | { type: 'progress'; id: number; progress: ImportProgress }
  | { type: 'done'; id: number; result: StreamImportResult; summary: StudySummary | null };

interface WorkerScope {
  onmessage: ((e: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportReply): void;
}

/** Progress at most this often: the page redraws a bar per message. */
const PROGRESS_MS = 100;

export function serveImports(scope: WorkerScope): void {
  const acc = new StudyAccumulator();
  const cancelled = new Set<number>();
  let queue: Promise<void> = Promise.resolve();
  scope.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === 'cancel') {
      cancelled.add(msg.id);
      return;
    }
    if (msg.type === 'clear') {
      queue = queue.then(() => acc.clear());
      return;
    }
    if (msg.type !== 'import') return;
    queue = queue.then(async () => {
      let last = 0;
      const result = await acc.importZip(msg.name, msg.file, {
        aborted: () => cancelled.has(msg.id),
        onProgress: (progress) => {
          const now = performance.now();
          if (now - last < PROGRESS_MS) return;
          last = now;
          scope.postMessage({ type: 'progress', id: msg.id, progress });
        },
      });
      cancelled.delete(msg.id);
      scope.postMessage({ type: 'done', id: msg.id, result, summary: acc.summary() });
    });
  };
}

// In a worker (no `document`): serve. Imported elsewhere (tests), it only defines `serveImports`.
if (typeof document === 'undefined' && typeof self !== 'undefined' && 'postMessage' in self) {
  serveImports(self as unknown as WorkerScope);
}
