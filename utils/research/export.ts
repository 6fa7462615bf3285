import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { ZhongcaoDB } from '@/utils/db';
import { countSince, eventPages } from '@/utils/db/event-log';
import { SCHEMA_VERSION, type ZcEvent } from '@/utils/events/schema';
import { csvField } from '@/utils/metrics/csv';
import { type CatalogueSourceRecord, type Enrolment, exportedFields } from './config';
import { ENCRYPTED_SUFFIX, encryptExport } from './crypto';
import { dataDictionary, dictionaryToMarkdown } from './dictionary';
import { ParquetStream, parquetColumns } from './parquet';
import { countRemoved, emptyTally, isRemoved, type RemovedTally, type ReviewSelection } from './review';

/**
 * The study export: events.ndjson, events.csv, dictionary.json, dictionary.md and manifest.json in one zip. Events
 * arrive in pages and go straight into streaming deflaters and incremental SHA-256s, so memory holds one page of
 * rows plus the compressed output, never the whole log as text.
 */

export const EXPORT_FORMAT = 'zhongcao-research-export';
export const EXPORT_FORMAT_VERSION = 1;
export const FILES = {
  ndjson: 'events.ndjson',
  csv: 'events.csv',
  parquet: 'events.parquet',
  dictionaryJson: 'dictionary.json',
  dictionaryMd: 'dictionary.md',
  manifest: 'manifest.json',
} as const;

export interface FileEntry {
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof EXPORT_FORMAT;
  format_version: number;
  schema_version: number;
  ext_version: string;
  exported_at: number;
  study: { study_id: string; title: string; consent_version: string; researcher: { name: string; contact: string } };
  participant_id: string;
  enrolled_at: number;
  include_post_text: boolean;
  fields: string[];
  total: number;
  counts: Record<string, number>;
  /** Rows the participant took out in the review, by type; nothing else about them. */
  removed: RemovedTally;
  time_span: { first_ts: number | null; last_ts: number | null };
  files: Record<string, FileEntry>;
  /** The catalogue sources that were enabled at export, winner first (absent in exports made before issue 26). */
  catalogue?: CatalogueSourceRecord[];
}

export interface StudyExportInput {
  enrolment: Enrolment;
  extVersion: string;
  now: number;
  /** Events oldest first, in pages; rows not of this study/participant/consent window are skipped here. */
  pages: AsyncIterable<readonly ZcEvent[]>;
  /** Receives the zip bytes in order; `final` on the last call. */
  sink: (chunk: Uint8Array, final: boolean) => void;
  /** The participant's removals from the review; their rows are left out and only counted, by type. */
  removals?: ReviewSelection;
  /** Called after each page with the rows read so far (including skipped ones). */
  onProgress?: (read: number) => void;
  /** The catalogue sources in effect, recorded in the manifest. */
  catalogue?: CatalogueSourceRecord[];
}

/** Whether an event belongs in this participant's study export. */
export function inStudy(e: ZcEvent, enrolment: Enrolment): boolean {
  return (
    e.ts >= enrolment.enrolled_at &&
    e.study_id === enrolment.study.study_id &&
    e.participant_id === enrolment.participant_id
  );
}

/** One event as a row of the exported fields (absent and null both become null: the columns are fixed). */
export function projectEvent(e: ZcEvent, fields: readonly string[]): Record<string, unknown> {
  const src = e as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = src[f] ?? null;
  return out;
}

const encoder = new TextEncoder();

/** A zip member fed as text or bytes, hashed and counted on the way in. */
class HashedEntry {
  private readonly hash = sha256.create();
  private readonly deflate: ZipDeflate | ZipPassThrough;
  bytes = 0;
  /** `stored`: the data is compressed already (Parquet's own Snappy pages), so it goes in as is. */
  constructor(
    zip: Zip,
    readonly name: string,
    stored = false,
  ) {
    this.deflate = stored ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(this.deflate);
  }
  push(text: string, final = false): void {
    this.pushBytes(encoder.encode(text), final);
  }
  pushBytes(data: Uint8Array, final = false): void {
    this.hash.update(data);
    this.bytes += data.length;
    this.deflate.push(data, final);
  }
  finish(): FileEntry {
    return { sha256: bytesToHex(this.hash.digest()), bytes: this.bytes };
  }
}

export async function writeStudyZip(input: StudyExportInput): Promise<Manifest> {
  const { enrolment } = input;
  const fields = exportedFields(enrolment.study);
  let zipError: Error | null = null;
  const zip = new Zip((err, chunk, final) => {
    if (err) zipError = err;
    else input.sink(chunk, final);
  });
  // The NDJSON entry streams straight to the sink; fflate holds the CSV's *compressed* bytes until it is done.
  const ndjson = new HashedEntry(zip, FILES.ndjson);
  const csv = new HashedEntry(zip, FILES.csv);
  csv.push(`${fields.map(csvField).join(',')}\r\n`);
  // fflate holds a later entry's output until the earlier ones end, so Parquet's bytes wait in memory as the CSV's do.
  const parquet = new HashedEntry(zip, FILES.parquet, true);
  const dict = dataDictionary();
  const pq = new ParquetStream(
    parquetColumns(dict, fields),
    (bytes) => parquet.pushBytes(bytes),
    undefined,
    `zhongcao ${input.extVersion}`,
  );

  const counts: Record<string, number> = {};
  const removed = emptyTally();
  let total = 0;
  let first: number | null = null;
  let last: number | null = null;
  let read = 0;
  for await (const page of input.pages) {
    let nd = '';
    let cs = '';
    for (const e of page) {
      if (!inStudy(e, enrolment)) continue;
      if (input.removals && isRemoved(e, input.removals)) {
        countRemoved(removed, e.type);
        continue;
      }
      const row = projectEvent(e, fields);
      nd += `${JSON.stringify(row)}\n`;
      cs += `${fields.map((f) => csvField(cell(row[f]))).join(',')}\r\n`;
      pq.push(row);
      counts[e.type] = (counts[e.type] ?? 0) + 1;
      total++;
      if (first === null || e.ts < first) first = e.ts;
      if (last === null || e.ts > last) last = e.ts;
    }
    read += page.length;
    if (nd) ndjson.push(nd);
    if (cs) csv.push(cs);
    if (zipError) throw zipError;
    input.onProgress?.(read);
  }
  ndjson.push('', true);
  csv.push('', true);
  pq.finish();
  parquet.pushBytes(new Uint8Array(0), true);

  const dictJson = new HashedEntry(zip, FILES.dictionaryJson);
  dictJson.push(
    `${JSON.stringify({ ...dict, fields: dict.fields.filter((f) => fields.includes(f.name)) }, null, 2)}\n`,
    true,
  );
  const dictMd = new HashedEntry(zip, FILES.dictionaryMd);
  dictMd.push(dictionaryToMarkdown(dict, fields), true);

  const manifest: Manifest = {
    format: EXPORT_FORMAT,
    format_version: EXPORT_FORMAT_VERSION,
    schema_version: SCHEMA_VERSION,
    ext_version: input.extVersion,
    exported_at: input.now,
    study: {
      study_id: enrolment.study.study_id,
      title: enrolment.study.title,
      consent_version: enrolment.study.consent.version,
      researcher: enrolment.study.researcher,
    },
    participant_id: enrolment.participant_id,
    enrolled_at: enrolment.enrolled_at,
    include_post_text: enrolment.study.export.include_post_text,
    fields,
    total,
    counts,
    removed,
    time_span: { first_ts: first, last_ts: last },
    files: {
      [FILES.ndjson]: ndjson.finish(),
      [FILES.csv]: csv.finish(),
      [FILES.parquet]: parquet.finish(),
      [FILES.dictionaryJson]: dictJson.finish(),
      [FILES.dictionaryMd]: dictMd.finish(),
    },
    ...(input.catalogue ? { catalogue: input.catalogue } : {}),
  };
  const man = new ZipDeflate(FILES.manifest, { level: 6 });
  zip.add(man);
  man.push(encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`), true);
  zip.end();
  if (zipError) throw zipError;
  return manifest;
}

function cell(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

/** The enabled catalogue sources, winner first, as the manifest records them. */
export async function catalogueRecord(db: ZhongcaoDB): Promise<CatalogueSourceRecord[]> {
  const sources = await db.catalogueSources.orderBy('priority').toArray();
  return sources
    .filter((s) => s.enabled)
    .map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      sha256: s.sha256,
      rows: s.rows,
      enabled: s.enabled,
      ...(s.version ? { version: s.version } : {}),
    }));
}

/** The zip file name: `zhongcao-study-<study>-<participant prefix>.zip`. */
export function studyExportFilename(enrolment: Enrolment): string {
  return `zhongcao-study-${enrolment.study.study_id}-${enrolment.participant_id.slice(0, 8)}.zip`;
}

/** Bytes of zip gathered before they are handed to a Blob. */
const BLOB_STRETCH = 8 * 1024 * 1024;

/** Browser side: the whole export as one Blob (Chrome may page large Blobs to disk), with progress. */
export async function exportStudyBlob(
  db: ZhongcaoDB,
  enrolment: Enrolment,
  extVersion: string,
  onProgress?: (read: number, total: number) => void,
  removals?: ReviewSelection,
): Promise<{ blob: Blob; manifest: Manifest; filename: string }> {
  const total = await countSince(db, enrolment.enrolled_at);
  const key = enrolment.study.encryption?.public_key;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  // Unencrypted, the zip goes into Blobs a stretch at a time: Chrome keeps Blob data out of the page (and pages large
  // ones to disk), so the page holds one stretch, not the whole zip. Encryption needs the bytes themselves.
  const parts: Blob[] = [];
  let held = 0;
  const manifest = await writeStudyZip({
    enrolment,
    extVersion,
    now: Date.now(),
    pages: eventPages(db, enrolment.enrolled_at),
    removals,
    sink: (c) => {
      chunks.push(c as Uint8Array<ArrayBuffer>);
      held += c.length;
      if (key || held < BLOB_STRETCH) return;
      parts.push(new Blob(chunks));
      chunks.length = 0;
      held = 0;
    },
    onProgress: (read) => onProgress?.(read, total),
    catalogue: await catalogueRecord(db),
  });
  onProgress?.(total, total);
  const filename = studyExportFilename(enrolment);
  if (!key) return { blob: new Blob([...parts, ...chunks], { type: 'application/zip' }), manifest, filename };
  // Encrypted to the researcher: the participant reviewed the rows before; the file itself only they can open.
  const sealed = await encryptExport(chunks, key, filename);
  chunks.length = 0;
  return {
    blob: new Blob(sealed, { type: 'application/octet-stream' }),
    manifest,
    filename: `${filename}${ENCRYPTED_SUFFIX}`,
  };
}
