import { liveQuery } from 'dexie';
import { db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { eventPages, pageOfEvents } from '@/utils/db/event-log';
import type { ZcEvent } from '@/utils/events/schema';
import { type CatalogueSourceRecord, type Enrolment, newEnrolment, type StudyConfig } from './config';
import { enrolmentItem, leaveStudy } from './enrolment';
import { exportStudyBlob, inStudy } from './export';
import { beginStudyExport, markStudyExported } from './exported-until';
import { type AcceptedExport, type ImportResult, type StudySummary, summariseStudy, verifyExport } from './import';
import { createInThreadImporter, createWorkerImporter, type StudyImporter } from './import-client';
import {
  addToStats,
  dayRange,
  emptyStats,
  matchesFilter,
  type ReviewFilter,
  type ReviewSelection,
  type ReviewStats,
} from './review';

/**
 * What the research section needs from the outside world. Extension pages share the worker's origin, so the
 * dashboard reads Dexie and storage.local directly; tests pass a fake. Never import this from a content script.
 */
export interface ResearchSource {
  watchEnrolment(cb: (e: Enrolment | null) => void): () => void;
  enrol(config: StudyConfig): Promise<void>;
  /** Stops tagging; with `deleteData`, deletes this participant's study events. Returns how many went. */
  leave(deleteData: boolean): Promise<number>;
  /** Builds and downloads the zip, without what the review took out; reports rows read of an upper-bound total. */
  exportZip(
    onProgress: (read: number, total: number) => void,
    removals?: ReviewSelection,
  ): Promise<{ count: number; filename: string }>;
  /** Counts by type and day of what would leave, and how much `removals` takes out (one pass over the log). */
  reviewStats(removals: ReviewSelection): Promise<ReviewStats>;
  /** One page of the rows that would leave, oldest first, filtered by type and day; `more` when another follows. */
  reviewRows(filter: ReviewFilter, page: number, size: number): Promise<{ rows: ZcEvent[]; more: boolean }>;
  importFiles(files: readonly { name: string; bytes: Uint8Array }[]): ImportResult[];
  summarise(accepted: readonly ImportResult[]): StudySummary;
  /** The catalogue sources, live, to check a study's pinned catalogue against. */
  watchCatalogue?(cb: (sources: CatalogueSourceRecord[]) => void): () => void;
  /** The researcher's imports, verified and merged off the page's thread where the page has workers. */
  importer: StudyImporter;
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // Revoked later: Chrome reads the blob URL asynchronously once the download starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function createResearchSource(db: ZhongcaoDB = sharedDb, extVersion = '0.0.0'): ResearchSource {
  return {
    watchEnrolment(cb) {
      let live = true;
      void enrolmentItem.getValue().then((v) => live && cb(v));
      const unwatch = enrolmentItem.watch((v) => cb(v));
      return () => {
        live = false;
        unwatch();
      };
    },
    async enrol(config) {
      await enrolmentItem.setValue(newEnrolment(config));
    },
    leave: (deleteData) => leaveStudy(deleteData, db),
    async exportZip(onProgress, removals) {
      const enrolment = await enrolmentItem.getValue();
      if (!enrolment) throw new Error('not enrolled');
      await beginStudyExport(enrolment.participant_id, db);
      const { blob, manifest, filename } = await exportStudyBlob(db, enrolment, extVersion, onProgress, removals);
      download(blob, filename);
      // Exported rows may now go if the disk fills; newer ones stay until the next export.
      await markStudyExported(enrolment.participant_id, manifest.time_span.last_ts, db);
      return { count: manifest.total, filename };
    },
    async reviewStats(removals) {
      const enrolment = await enrolmentItem.getValue();
      const stats = emptyStats();
      if (!enrolment) return stats;
      for await (const page of eventPages(db, enrolment.enrolled_at))
        for (const e of page) if (inStudy(e, enrolment)) addToStats(stats, e, removals);
      return stats;
    },
    async reviewRows(filter, page, size) {
      const enrolment = await enrolmentItem.getValue();
      if (!enrolment) return { rows: [], more: false };
      const [dayLo, dayHi] = filter.day ? dayRange(filter.day) : [0, Number.MAX_SAFE_INTEGER];
      const lo = Math.max(enrolment.enrolled_at, dayLo);
      if (lo > dayHi) return { rows: [], more: false };
      const rows = await pageOfEvents(db, {
        type: filter.type ?? null,
        lo,
        hi: dayHi,
        keep: (e) => inStudy(e, enrolment) && matchesFilter(e, filter),
        offset: page * size,
        limit: size + 1,
      });
      return { rows: rows.slice(0, size), more: rows.length > size };
    },
    importFiles: (files) => files.map((f) => verifyExport(f.name, f.bytes)),
    summarise: (accepted) => summariseStudy(accepted.filter((r): r is AcceptedExport => r.ok)),
    watchCatalogue(cb) {
      const sub = liveQuery(() => db.catalogueSources.orderBy('priority').toArray()).subscribe({
        next: (rows) =>
          cb(
            rows.map((r) => ({
              id: r.id,
              name: r.name,
              kind: r.kind,
              sha256: r.sha256,
              rows: r.rows,
              enabled: r.enabled,
            })),
          ),
        error: () => cb([]),
      });
      return () => sub.unsubscribe();
    },
    importer: typeof Worker === 'function' ? createWorkerImporter() : createInThreadImporter(),
  };
}
