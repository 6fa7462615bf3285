import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ImportPhase } from '@/components/catalogue/CatalogueSection';
import { catalogueChanged } from '@/utils/catalogue/active';
import type { RowIssue } from '@/utils/catalogue/import/types';
import { listSources, moveSource, removeSource, setSourceEnabled, shadowedCounts } from '@/utils/catalogue/store';
import { type CatalogueSourceRow, db } from '@/utils/db';
import { toCsv } from '@/utils/metrics/csv';
import type { ImportWorkerAnswer, ImportWorkerRequest } from './import-worker';

/** Parses and stores in a dedicated worker so the page keeps painting; resolves with the worker's last answer. */
function importInWorker(
  name: string,
  bytes: ArrayBuffer,
  onProgress: (answer: Extract<ImportWorkerAnswer, { type: 'progress' }>) => void,
): Promise<Extract<ImportWorkerAnswer, { type: 'done' | 'refused' }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<ImportWorkerAnswer>) => {
      const answer = e.data;
      if (answer.type === 'progress') return onProgress(answer);
      worker.terminate();
      resolve(answer);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'import worker failed'));
    };
    const request: ImportWorkerRequest = { name, bytes };
    worker.postMessage(request, [bytes]);
  });
}

function downloadText(text: string, filename: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The 商品库 section's state and actions: sources live from IndexedDB, one import at a time. */
export function useCatalogueImport() {
  const sources = useLiveQuery(() => listSources(db), [], [] as CatalogueSourceRow[]);
  const shadowed = useLiveQuery(() => shadowedCounts(db), [], new Map<string, number>());
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const [issues, setIssues] = useState<{ name: string; issues: readonly RowIssue[] } | null>(null);

  async function importFile(file: File) {
    const name = file.name;
    const started = performance.now();
    setPhase({ kind: 'reading', name, rowsRead: 0, rowsPerSecond: 0, written: 0 });
    try {
      const answer = await importInWorker(name, await file.arrayBuffer(), (p) => {
        const seconds = Math.max(0.001, (performance.now() - started) / 1000);
        setPhase({
          kind: 'reading',
          name,
          rowsRead: p.rowsRead,
          rowsPerSecond: p.rowsRead / seconds,
          written: p.written,
        });
      });
      if (answer.type === 'refused') {
        setIssues(answer.issues?.length ? { name, issues: answer.issues } : null);
        setPhase({ kind: 'failed', name, reason: answer.message });
        return;
      }
      await catalogueChanged();
      setIssues({ name, issues: answer.issues });
      setPhase({
        kind: 'done',
        name,
        added: answer.summary.added,
        updated: answer.summary.updated,
        refused: answer.summary.refused,
        issues: answer.issues,
        unknownColumns: answer.unknownColumns,
      });
    } catch (e) {
      setPhase({ kind: 'failed', name, reason: e instanceof Error ? e.message : String(e) });
    }
  }

  const changed = (p: Promise<void>) => void p.then(catalogueChanged).catch((e: unknown) => console.warn(e));

  return {
    sources,
    shadowed,
    phase,
    importFile: (file: File) => void importFile(file),
    toggle: (id: string, enabled: boolean) => changed(setSourceEnabled(db, id, enabled)),
    remove: (id: string) => changed(removeSource(db, id)),
    move: (id: string, direction: 'up' | 'down') => changed(moveSource(db, id, direction)),
    downloadIssues: () => {
      if (!issues) return;
      const rows = [
        ['row', 'column', 'reason', 'action'],
        ...issues.issues.map((i) => [i.row, i.column, i.reason, i.action]),
      ];
      downloadText(toCsv(rows), `${issues.name.replace(/\.[^.]+$/, '')}-issues.csv`, 'text/csv;charset=utf-8');
    },
  };
}
