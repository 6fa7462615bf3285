import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { unzipSync } from 'fflate';
import { z } from 'zod';
import { ACCEPTED_SCHEMA_VERSIONS, ZcEventSchema } from '@/utils/events/schema';
import { attributeOrder, type Touch } from '@/utils/metrics/attribution';
import { countClickThroughs } from '@/utils/metrics/clicks';
import { type DepthGroup, depthGroups } from '@/utils/metrics/conversion';
import { FUNNEL_STAGES, type FunnelCounts } from '@/utils/metrics/funnel';
import { type LiftRow, liftTable } from '@/utils/metrics/lift';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, FILES, type Manifest } from './export';
import { describeImportProblem, type ImportProblem } from './import-problems';

/**
 * The researcher's side: check participants' zips (hashes, versions, every row against the event schema) and merge
 * the accepted ones into the study funnel and the interaction-depth table.
 */

export const SUPPORTED_SCHEMA_VERSIONS: readonly number[] = ACCEPTED_SCHEMA_VERSIONS;
/** A zip bigger than this is refused before unzipping (the import holds one export in memory). */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;
/** Limits on what the zip declares, checked before anything but the manifest is inflated. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
export const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;
export const MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024;

/** Row as exported: the study's field subset of an event, nulls for missing. */
export type ExportedRow = Record<string, unknown> & { event_id: string; type: string; ts: number };

export interface AcceptedExport {
  ok: true;
  name: string;
  manifest: Manifest;
  rows: ExportedRow[];
}
export interface RejectedExport {
  ok: false;
  name: string;
  /** What was wrong, for the researcher view to put in words in its language (`describeImportProblem`). */
  issue: ImportProblem;
  /** The same in English, for logs. */
  problem: string;
}
export type ImportResult = AcceptedExport | RejectedExport;

const FileEntrySchema = z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) });
export const ManifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  format_version: z.number().int(),
  schema_version: z.number().int(),
  ext_version: z.string(),
  exported_at: z.number(),
  study: z.object({ study_id: z.string().min(1), title: z.string(), consent_version: z.string() }).loose(),
  participant_id: z.string().min(1),
  enrolled_at: z.number(),
  include_post_text: z.boolean(),
  fields: z.array(z.string()).min(1),
  total: z.number().int().min(0),
  counts: z.record(z.string(), z.number().int().min(0)),
  time_span: z.object({ first_ts: z.number().nullable(), last_ts: z.number().nullable() }),
  files: z.record(z.string(), FileEntrySchema),
  catalogue: z
    .array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          kind: z.string(),
          sha256: z.string(),
          rows: z.number(),
          enabled: z.boolean(),
        })
        .loose(),
    )
    .optional(),
});

// A row may lack the fields the study chose not to export, so each variant is checked with every field optional
// (types and ranges still apply), plus the always-exported keys below.
const PARTIAL_BY_TYPE = new Map(
  ZcEventSchema.options.map((o) => [String(o.shape.type.value), o.partial().extend({ type: o.shape.type })]),
);

/** What a file named in a manifest must look like: a lower-case name with an extension (never `constructor`). */
export const EXPORT_FILE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}\.[a-z0-9]{1,8}$/;

/** The first name in a manifest's `files` that cannot be an export file, read from the raw JSON before Zod. */
export function badFileName(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const files = Object.hasOwn(raw, 'files') ? (raw as { files: unknown }).files : undefined;
  if (typeof files !== 'object' || files === null) return null;
  for (const key of Object.keys(files)) if (!EXPORT_FILE_NAME.test(key)) return key;
  return null;
}

export function reject(name: string, issue: ImportProblem): RejectedExport {
  return { ok: false, name, issue, problem: describeImportProblem(issue, 'en') };
}

/** Verifies one participant's zip. Never throws: every failure becomes a named problem. */
/** What a readable manifest alone refuses: an unknown format or schema version, a required file it does not list. */
export function manifestProblem(manifest: Manifest): ImportProblem | null {
  if (manifest.format_version !== EXPORT_FORMAT_VERSION) {
    return { code: 'formatVersion', version: manifest.format_version };
  }
  if (!SUPPORTED_SCHEMA_VERSIONS.includes(manifest.schema_version)) {
    return { code: 'schemaVersion', version: manifest.schema_version, supported: SUPPORTED_SCHEMA_VERSIONS.join(', ') };
  }
  for (const required of [FILES.ndjson, FILES.csv, FILES.dictionaryJson]) {
    if (!Object.hasOwn(manifest.files, required)) return { code: 'notListed', file: required };
  }
  return null;
}

export function verifyExport(name: string, zipBytes: Uint8Array): ImportResult {
  if (zipBytes.length > MAX_IMPORT_BYTES) return reject(name, { code: 'tooLarge', bytes: zipBytes.length });
  // Names come from the file: kept in a Map, never as keys of a plain object. Only the manifest is inflated first.
  const names: string[] = [];
  const declared = new Map<string, number>();
  let files: Map<string, Uint8Array>;
  try {
    files = new Map(
      Object.entries(
        unzipSync(zipBytes, {
          filter: (f) => {
            names.push(f.name);
            declared.set(f.name, f.originalSize);
            return f.name === FILES.manifest && f.originalSize <= MAX_MANIFEST_BYTES;
          },
        }),
      ),
    );
  } catch (error) {
    return reject(name, { code: 'notZip', detail: error instanceof Error ? error.message : String(error) });
  }
  const manBytes = files.get(FILES.manifest);
  if (!manBytes) return reject(name, { code: 'noManifest' });
  let manifest: Manifest;
  try {
    const raw: unknown = JSON.parse(new TextDecoder().decode(manBytes));
    const bad = badFileName(raw);
    if (bad !== null) return reject(name, { code: 'badFileName', file: bad });
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return reject(name, {
        code: 'manifestMalformed',
        at: i?.path.join('.') || '(root)',
        detail: i?.message ?? '',
      });
    }
    manifest = parsed.data as Manifest;
  } catch {
    return reject(name, { code: 'manifestNotJson' });
  }
  const problem = manifestProblem(manifest);
  if (problem) return reject(name, problem);
  const listed = new Map(Object.entries(manifest.files));
  const extra = names.filter((f) => f !== FILES.manifest && !listed.has(f));
  if (extra.length) return reject(name, { code: 'extraFiles', files: extra.join(', ') });
  let total = 0;
  for (const [file, entry] of listed) {
    const size = declared.get(file);
    if (size === undefined) return reject(name, { code: 'fileMissing', file });
    if (size !== entry.bytes) return reject(name, { code: 'modified', file });
    if (entry.bytes > MAX_ENTRY_BYTES) {
      return reject(name, { code: 'entryTooLarge', file, bytes: entry.bytes, limit: MAX_ENTRY_BYTES });
    }
    total += entry.bytes;
  }
  if (total > MAX_INFLATED_BYTES)
    return reject(name, { code: 'totalTooLarge', bytes: total, limit: MAX_INFLATED_BYTES });
  try {
    // Only the listed entries, and only when the zip declares the size the manifest does.
    const inflated = unzipSync(zipBytes, {
      filter: (f) => listed.has(f.name),
    });
    for (const [file, data] of Object.entries(inflated)) files.set(file, data);
  } catch (error) {
    return reject(name, { code: 'notZip', detail: error instanceof Error ? error.message : String(error) });
  }
  for (const [file, entry] of listed) {
    const data = files.get(file);
    if (!data) return reject(name, { code: 'fileMissing', file });
    const actual = bytesToHex(sha256(data));
    if (actual !== entry.sha256 || data.length !== entry.bytes) {
      return reject(name, { code: 'modified', file });
    }
  }

  const fields = new Set(manifest.fields);
  const rows: ExportedRow[] = [];
  const counts: Record<string, number> = {};
  const text = new TextDecoder().decode(files.get(FILES.ndjson));
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (line === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return reject(name, { code: 'lineNotJson', line: lineNo });
    }
    const problem = rowProblem(raw, lineNo, fields, manifest);
    if (problem) return reject(name, problem);
    const row = raw as ExportedRow;
    counts[row.type] = (counts[row.type] ?? 0) + 1;
    rows.push(row);
  }
  if (rows.length !== manifest.total) {
    return reject(name, { code: 'totalMismatch', rows: rows.length, total: manifest.total });
  }
  for (const [type, n] of Object.entries({ ...manifest.counts, ...counts })) {
    if ((counts[type] ?? 0) !== (manifest.counts[type] ?? 0)) {
      return reject(name, { code: 'countMismatch', type, rows: counts[type] ?? 0, total: n });
    }
  }
  return { ok: true, name, manifest, rows };
}

export function rowProblem(
  raw: unknown,
  line: number,
  fields: ReadonlySet<string>,
  manifest: Manifest,
): ImportProblem | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { code: 'rowNotObject', line };
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (!fields.has(key)) return { code: 'rowUnknownField', line, field: key };
  const schema = PARTIAL_BY_TYPE.get(String(obj.type));
  if (!schema) return { code: 'rowUnknownType', line, type: JSON.stringify(obj.type) ?? 'undefined' };
  // Columns are fixed, so a field a type does not carry is written as null; drop those before the strict check.
  const present = Object.fromEntries(Object.entries(obj).filter(([k, v]) => v !== null || k in schema.shape));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return {
      code: 'rowSchema',
      line,
      type: String(obj.type),
      at: i?.path.join('.') || '(root)',
      detail: i?.message ?? '',
    };
  }
  if (typeof obj.event_id !== 'string' || typeof obj.ts !== 'number') return { code: 'rowNoId', line };
  if (obj.study_id !== manifest.study.study_id || obj.participant_id !== manifest.participant_id) {
    return { code: 'rowOtherStudy', line };
  }
  if (obj.ts < manifest.enrolled_at) return { code: 'rowBeforeConsent', line };
  return null;
}

export interface StudySummary {
  studyIds: string[];
  participants: number;
  events: number;
  funnel: FunnelCounts;
  /** Viewable exposures of guide posts themselves, card or not (`post_exposure`). */
  postExposures: number;
  depth: DepthGroup[];
  /** The depth table with 95 % intervals and the lift over only-seen (utils/metrics/lift.ts). */
  lift: LiftRow[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * Funnel and interaction depth across accepted exports. A participant who sent two exports is counted once, and a
 * row present in both (same event_id) once. Posts are keyed by participant, so the depth table's n is
 * participant × post pairs. Purchases reach a post through last-touch attribution, as in the creator report.
 */
export function summariseStudy(exports: readonly AcceptedExport[]): StudySummary {
  const seenIds = new Set<string>();
  const byParticipant = new Map<string, ExportedRow[]>();
  for (const ex of exports) {
    const list = byParticipant.get(ex.manifest.participant_id) ?? [];
    for (const r of ex.rows) {
      if (seenIds.has(r.event_id)) continue;
      seenIds.add(r.event_id);
      list.push(r);
    }
    byParticipant.set(ex.manifest.participant_id, list);
  }
  const funnel: FunnelCounts = { exposure: 0, click: 0, save: 0, purchase: 0 };
  let postExposures = 0;
  const exposed = new Set<string>();
  const interactions = new Map<string, Set<string>>();
  const bought = new Set<string>();
  for (const [pid, rows] of byParticipant) {
    const touches: Touch[] = [];
    for (const r of rows) {
      // Clicks are counted as click-throughs (utils/metrics/clicks), like the popup and the studio do.
      if (r.type !== 'click' && (FUNNEL_STAGES as readonly string[]).includes(r.type)) {
        funnel[r.type as keyof FunnelCounts]++;
      }
      const post = str(r.post_id);
      if (r.type === 'post_exposure') postExposures++;
      // A guide post is seen when its card or the post itself met the exposure rule.
      if ((r.type === 'exposure' || r.type === 'post_exposure') && post) exposed.add(`${pid}|${post}`);
      if (r.type === 'interaction' && post) {
        const key = `${pid}|${post}`;
        const acts = interactions.get(key) ?? new Set<string>();
        acts.add(String(r.action));
        interactions.set(key, acts);
      }
      if (r.type === 'exposure' || r.type === 'click') {
        touches.push({ type: r.type, ts: r.ts, item_id: str(r.item_id), post_id: post, author_id: str(r.author_id) });
      }
    }
    funnel.click += countClickThroughs(
      rows.map((r) => ({
        type: r.type,
        target: str(r.target) ?? undefined,
        page_id: str(r.page_id) ?? undefined,
        post_id: str(r.post_id),
        item_id: str(r.item_id),
      })),
    );
    for (const r of rows) {
      const item = str(r.item_id);
      if (r.type !== 'purchase' || !item) continue;
      const a = attributeOrder(
        { item_id: item, created_at: r.ts, post_id: str(r.post_id), author_id: str(r.author_id) },
        touches,
      );
      if (a.kind === 'post') bought.add(`${pid}|${a.post_id}`);
    }
  }
  const depth = depthGroups(exposed, interactions, bought);
  return {
    studyIds: [...new Set(exports.map((e) => e.manifest.study.study_id))],
    participants: byParticipant.size,
    events: seenIds.size,
    funnel,
    postExposures,
    depth,
    lift: liftTable(depth),
  };
}
