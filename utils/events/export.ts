import { liveQuery } from 'dexie';
import { META_KEYS, db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { countByType, eachEvent } from '@/utils/db/event-log';
import { acknowledgeQuotaNotice, deleteAllData } from '@/utils/db/maintenance';
import { loggingPausedItem } from '@/utils/db/protected-item';
import { type Lang, settings } from '@/utils/settings';
import type { ZcEventType } from './schema';

/**
 * Research export and data controls for extension pages (dashboard). Extension pages share the worker's origin, so
 * they read the same Dexie database directly. Never import this from a content script.
 */

export interface ExportStatus {
  counts: Partial<Record<ZcEventType, number>>;
  total: number;
  /** Set when storage filled up and old events were purged, until the user acknowledges it. */
  quotaNotice: { purgedEvents: number; at: number } | null;
  rejected: { count: number; lastReason: string } | null;
  dropped: number;
  /** Single events the worker refused (and the outbox dropped), and events tabs kept while it was away. */
  refused?: { count: number; lastReason: string } | null;
  recovered?: number;
}

export interface ExportResult {
  blob: Blob;
  filename: string;
  count: number;
}

/** What the export panel needs; the dashboard passes the Dexie-backed one, tests a fake. */
export interface ExportSource {
  watchStatus(cb: (s: ExportStatus) => void): () => void;
  watchPaused(cb: (paused: boolean) => void): () => void;
  watchLang(cb: (lang: Lang) => void): () => void;
  setPaused(paused: boolean): Promise<void>;
  exportNdjson(onProgress?: (written: number) => void): Promise<ExportResult>;
  deleteAll(): Promise<void>;
  acknowledgeQuota(): Promise<void>;
  download(result: ExportResult): void;
}

const CHUNK_LINES = 2_000;

/** `zhongcao-events-2026-11-24.ndjson`, local date. */
export function exportFilename(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `zhongcao-events-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}.ndjson`;
}

/**
 * Every event, oldest first, one JSON object per line with the stored snake_case fields. Rows are streamed with a
 * cursor and joined in chunks so a large log never becomes one giant string.
 */
export async function eventsToNdjson(
  db: ZhongcaoDB,
  onProgress?: (written: number) => void,
): Promise<{ blob: Blob; count: number }> {
  const parts: string[] = [];
  let lines: string[] = [];
  let count = 0;
  await eachEvent(db, (event) => {
    lines.push(JSON.stringify(event));
    count++;
    if (lines.length >= CHUNK_LINES) {
      parts.push(`${lines.join('\n')}\n`);
      lines = [];
      onProgress?.(count);
    }
  });
  if (lines.length) parts.push(`${lines.join('\n')}\n`);
  onProgress?.(count);
  return { blob: new Blob(parts, { type: 'application/x-ndjson' }), count };
}

export async function readStatus(db: ZhongcaoDB): Promise<ExportStatus> {
  const counts = await countByType(db);
  const total = Object.values(counts).reduce((n, x) => n + (x ?? 0), 0);
  const [quota, rejected, dropped, refused, recovered] = await Promise.all([
    db.meta.get(META_KEYS.quotaPurges),
    db.meta.get(META_KEYS.rejectedMessages),
    db.meta.get(META_KEYS.droppedEvents),
    db.meta.get(META_KEYS.refusedEvents),
    db.meta.get(META_KEYS.recoveredEvents),
  ]);
  const q = quota?.value as { purged_events?: number; last_at?: number; acknowledged?: boolean } | undefined;
  const r = rejected?.value as { count?: number; last_reason?: string } | undefined;
  const d = dropped?.value as { count?: number } | undefined;
  const f = refused?.value as { count?: number; last_reason?: string } | undefined;
  const v = recovered?.value as { count?: number } | undefined;
  return {
    counts,
    total,
    quotaNotice: q && q.acknowledged === false ? { purgedEvents: q.purged_events ?? 0, at: q.last_at ?? 0 } : null,
    rejected: r?.count ? { count: r.count, lastReason: r.last_reason ?? '' } : null,
    dropped: d?.count ?? 0,
    refused: f?.count ? { count: f.count, lastReason: f.last_reason ?? '' } : null,
    recovered: v?.count ?? 0,
  };
}

export function downloadResult({ blob, filename }: ExportResult, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in Chrome; a minute is plenty for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function createDexieExportSource(db: ZhongcaoDB = sharedDb): ExportSource {
  return {
    watchStatus(cb) {
      const sub = liveQuery(() => readStatus(db)).subscribe({ next: cb, error: (e) => console.error(e) });
      return () => sub.unsubscribe();
    },
    watchPaused(cb) {
      void loggingPausedItem.getValue().then(cb);
      return loggingPausedItem.watch((v) => cb(v));
    },
    watchLang(cb) {
      void settings.lang.getValue().then(cb);
      return settings.lang.watch((v) => cb(v));
    },
    setPaused: (paused) => loggingPausedItem.setValue(paused),
    async exportNdjson(onProgress) {
      const { blob, count } = await eventsToNdjson(db, onProgress);
      return { blob, count, filename: exportFilename() };
    },
    deleteAll: () => deleteAllData(db),
    acknowledgeQuota: () => acknowledgeQuotaNotice(db),
    download: (result) => downloadResult(result),
  };
}
