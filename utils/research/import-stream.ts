import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { attributeOrder, type Touch } from '@/utils/metrics/attribution';
import { CLICK_THROUGH_TARGETS } from '@/utils/metrics/clicks';
import { depthGroups } from '@/utils/metrics/conversion';
import { FUNNEL_STAGES, type FunnelCounts } from '@/utils/metrics/funnel';
import { liftTable } from '@/utils/metrics/lift';
import { FILES, type Manifest } from './export';
import {
  badFileName,
  MAX_ENTRY_BYTES,
  MAX_IMPORT_BYTES,
  MAX_INFLATED_BYTES,
  MAX_MANIFEST_BYTES,
  ManifestSchema,
  manifestProblem,
  type RejectedExport,
  reject,
  rowProblem,
  type StudySummary,
} from './import';
import type { ImportProblem } from './import-problems';
import { ImportAborted, readZipDirectory, streamZipEntry, ZipFormatError, type ZipSource } from './zip-reader';

/**
 * The researcher's import as a stream (run in a Web Worker, utils/research/import-worker.ts): the zip's directory is
 * read first and every limit checked before anything but the manifest is inflated; then only the files the manifest
 * names are inflated chunk by chunk, hashed on the way, and events.ndjson is read line by line into per-participant
 * aggregates. No rows are kept: a million-row export costs its aggregates, not its rows.
 *
 * Hashes detect corruption (a damaged or edited file whose manifest was left alone), not tampering: whoever can edit
 * the rows can recompute the hashes in the manifest too. Only the participant's own copy can vouch for a file.
 */

/** Longest line read from events.ndjson; a longer one is refused before it becomes a string. */
export const MAX_LINE_CHARS = 64 * 1024;

export interface AcceptedImport {
  ok: true;
  name: string;
  participant_id: string;
  study_id: string;
  /** Rows in the file. */
  rows: number;
  /** Rows that were new for this participant (an earlier import may have held the rest). */
  added: number;
}
export type StreamImportResult = AcceptedImport | RejectedExport;

export interface ImportProgress {
  /** Compressed bytes read of the files being verified. */
  read: number;
  total: number;
  rows: number;
}

/** A participant's rows reduced to what the summary needs; one per participant, merged from each accepted file. */
class ParticipantAggregate {
  /** The first 52 bits of each event_id (UUIDs: random bits), for deduplication without keeping the strings. */
  readonly ids = new Set<number>();
  events = 0;
  /** Viewable exposures of guide posts themselves, card or not (`post_exposure`). */
  postExposures = 0;
  readonly funnel: FunnelCounts = { exposure: 0, click: 0, save: 0, purchase: 0 };
  readonly clickKeys = new Set<string>();
  clicksWithoutPage = 0;
  readonly exposed = new Set<string>();
  readonly interactions = new Map<string, Set<string>>();
  /**
   * Exposures and clicks on an item from a post, by item, as parallel arrays (times unboxed, ids shared through
   * `intern`): what a purchase is attributed to, at a fraction of an object per touch.
   */
  readonly touches = new Map<string, TouchList>();
  private readonly strings = new Map<string, string>();

  intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }
  readonly purchases: { item_id: string; ts: number; post_id: string | null; author_id: string | null }[] = [];

  merge(o: ParticipantAggregate): void {
    for (const id of o.ids) this.ids.add(id);
    this.events += o.events;
    this.postExposures += o.postExposures;
    for (const k of FUNNEL_STAGES) this.funnel[k] += o.funnel[k];
    for (const k of o.clickKeys) this.clickKeys.add(k);
    this.clicksWithoutPage += o.clicksWithoutPage;
    for (const p of o.exposed) this.exposed.add(p);
    for (const [p, acts] of o.interactions) {
      const mine = this.interactions.get(p) ?? new Set<string>();
      for (const a of acts) mine.add(a);
      this.interactions.set(p, mine);
    }
    for (const [item, list] of o.touches) {
      const mine = this.touches.get(item);
      if (!mine) {
        this.touches.set(item, list);
        continue;
      }
      for (let i = 0; i < list.ts.length; i++) {
        mine.ts.push(list.ts[i] as number);
        mine.click.push(list.click[i] as number);
        mine.post.push(list.post[i] as string);
        mine.author.push(list.author[i] ?? null);
      }
    }
    for (const p of o.purchases) this.purchases.push(p);
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

interface TouchList {
  ts: number[];
  /** 1 for a click, 0 for an exposure. */
  click: number[];
  post: string[];
  author: (string | null)[];
}

/** One item's touches as the attribution reads them (built only for items that were bought). */
function* touchesOf(list: TouchList | undefined, item: string): Generator<Touch> {
  if (!list) return;
  for (let i = 0; i < list.ts.length; i++) {
    yield {
      type: list.click[i] ? 'click' : 'exposure',
      ts: list.ts[i] as number,
      item_id: item,
      post_id: list.post[i] ?? null,
      author_id: list.author[i] ?? null,
    };
  }
}

/** 13 random hex digits of a v4 UUID (the version digit skipped) as a number: 52 bits, exact in a double. */
function idKey(eventId: string): number {
  const hex = eventId.replace(/-/g, '');
  return Number.parseInt(hex.slice(0, 12) + hex.slice(13, 14), 16);
}

function addRow(agg: ParticipantAggregate, r: Record<string, unknown>): void {
  const type = String(r.type);
  const ts = r.ts as number;
  agg.events++;
  if (type !== 'click' && (FUNNEL_STAGES as readonly string[]).includes(type)) agg.funnel[type as keyof FunnelCounts]++;
  const rawPost = str(r.post_id);
  const post = rawPost === null ? null : agg.intern(rawPost);
  const rawItem = str(r.item_id);
  const item = rawItem === null ? null : agg.intern(rawItem);
  if (type === 'click') {
    const target = str(r.target) ?? undefined;
    if (target === undefined || CLICK_THROUGH_TARGETS.has(target)) {
      const page = str(r.page_id);
      if (page === null) agg.clicksWithoutPage++;
      else agg.clickKeys.add(`${page}\u0000${post}\u0000${item}`);
    }
  }
  if (type === 'post_exposure') agg.postExposures++;
  // A guide post is seen when its card or the post itself met the exposure rule.
  if ((type === 'exposure' || type === 'post_exposure') && post) agg.exposed.add(post);
  if (type === 'interaction' && post) {
    const acts = agg.interactions.get(post) ?? new Set<string>();
    acts.add(String(r.action));
    agg.interactions.set(post, acts);
  }
  if ((type === 'exposure' || type === 'click') && item && post) {
    let list = agg.touches.get(item);
    if (!list) {
      list = { ts: [], click: [], post: [], author: [] };
      agg.touches.set(item, list);
    }
    const author = str(r.author_id);
    list.ts.push(ts);
    list.click.push(type === 'click' ? 1 : 0);
    list.post.push(post);
    list.author.push(author === null ? null : agg.intern(author));
  }
  if (type === 'purchase' && item)
    agg.purchases.push({ item_id: item, ts, post_id: post, author_id: str(r.author_id) });
}

/**
 * Accepted imports, reduced per participant. Rows are deduplicated within a participant only: one participant's file
 * cannot hide another's rows by reusing their event ids.
 */
export class StudyAccumulator {
  private readonly participants = new Map<string, ParticipantAggregate>();
  private readonly studies = new Set<string>();

  /** Verifies one zip; merges it only if every check passes. Never throws. */
  async importZip(
    name: string,
    src: ZipSource,
    opts: { onProgress?: (p: ImportProgress) => void; aborted?: () => boolean } = {},
  ): Promise<StreamImportResult> {
    try {
      return await this.verify(name, src, opts);
    } catch (error) {
      if (error instanceof ImportAborted) return reject(name, { code: 'aborted' });
      if (error instanceof ZipFormatError) return reject(name, { code: 'notZip', detail: error.message });
      return reject(name, { code: 'failed', detail: error instanceof Error ? error.message : String(error) });
    }
  }

  summary(): StudySummary | null {
    if (this.participants.size === 0) return null;
    const funnel: FunnelCounts = { exposure: 0, click: 0, save: 0, purchase: 0 };
    const exposed = new Set<string>();
    const interactions = new Map<string, Set<string>>();
    const bought = new Set<string>();
    let events = 0;
    let postExposures = 0;
    for (const [pid, agg] of this.participants) {
      events += agg.events;
      postExposures += agg.postExposures;
      for (const k of FUNNEL_STAGES) funnel[k] += agg.funnel[k];
      funnel.click += agg.clickKeys.size + agg.clicksWithoutPage;
      for (const p of agg.exposed) exposed.add(`${pid}|${p}`);
      for (const [p, acts] of agg.interactions) interactions.set(`${pid}|${p}`, acts);
      for (const p of agg.purchases) {
        const a = attributeOrder(
          { item_id: p.item_id, created_at: p.ts, post_id: p.post_id, author_id: p.author_id },
          touchesOf(agg.touches.get(p.item_id), p.item_id),
        );
        if (a.kind === 'post') bought.add(`${pid}|${a.post_id}`);
      }
    }
    const depth = depthGroups(exposed, interactions, bought);
    return {
      studyIds: [...this.studies],
      participants: this.participants.size,
      events,
      funnel,
      postExposures,
      depth,
      lift: liftTable(depth),
    };
  }

  clear(): void {
    this.participants.clear();
    this.studies.clear();
  }

  private async verify(
    name: string,
    src: ZipSource,
    opts: { onProgress?: (p: ImportProgress) => void; aborted?: () => boolean },
  ): Promise<StreamImportResult> {
    const size = src instanceof Uint8Array ? src.length : src.size;
    if (size > MAX_IMPORT_BYTES) return reject(name, { code: 'tooLarge', bytes: size });
    const entries = await readZipDirectory(src);
    const manEntry = entries.get(FILES.manifest);
    if (!manEntry) return reject(name, { code: 'noManifest' });
    if (manEntry.size > MAX_MANIFEST_BYTES) {
      return reject(name, {
        code: 'entryTooLarge',
        file: FILES.manifest,
        bytes: manEntry.size,
        limit: MAX_MANIFEST_BYTES,
      });
    }
    const manParts: Uint8Array[] = [];
    await streamZipEntry(src, manEntry, (c) => manParts.push(c.slice()), { aborted: opts.aborted });
    let manifest: Manifest;
    try {
      const raw: unknown = JSON.parse(new TextDecoder().decode(concat(manParts)));
      const bad = badFileName(raw);
      if (bad !== null) return reject(name, { code: 'badFileName', file: bad });
      const parsed = ManifestSchema.safeParse(raw);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        return reject(name, { code: 'manifestMalformed', at: i?.path.join('.') || '(root)', detail: i?.message ?? '' });
      }
      manifest = parsed.data as Manifest;
    } catch {
      return reject(name, { code: 'manifestNotJson' });
    }
    const refused = manifestProblem(manifest);
    if (refused) return reject(name, refused);
    const listed = new Map(Object.entries(manifest.files));
    const extra = [...entries.keys()].filter((f) => f !== FILES.manifest && !listed.has(f));
    if (extra.length) return reject(name, { code: 'extraFiles', files: extra.join(', ') });
    // Every limit before inflating anything more: what the directory declares must be what the manifest says.
    let inflated = 0;
    let compressed = 0;
    for (const [file, meta] of listed) {
      const entry = entries.get(file);
      if (!entry) return reject(name, { code: 'fileMissing', file });
      if (entry.size > MAX_ENTRY_BYTES) {
        return reject(name, { code: 'entryTooLarge', file, bytes: entry.size, limit: MAX_ENTRY_BYTES });
      }
      if (entry.size !== meta.bytes) return reject(name, { code: 'modified', file });
      inflated += entry.size;
      compressed += entry.compressedSize;
    }
    if (inflated > MAX_INFLATED_BYTES) {
      return reject(name, { code: 'totalTooLarge', bytes: inflated, limit: MAX_INFLATED_BYTES });
    }

    const fields = new Set(manifest.fields);
    const pid = manifest.participant_id;
    const known = this.participants.get(pid);
    const staged = new ParticipantAggregate();
    const fileIds = new Set<number>();
    const counts = new Map<string, number>();
    let rows = 0;
    let read = 0;
    let problem: ImportProblem | null = null;
    const progress = () => opts.onProgress?.({ read, total: compressed, rows });

    for (const [file, meta] of listed) {
      const entry = entries.get(file);
      if (!entry) return reject(name, { code: 'fileMissing', file });
      const hash = sha256.create();
      const lines = file === FILES.ndjson ? new LineReader(MAX_LINE_CHARS) : null;
      let lineNo = 0;
      const onLine = (line: string) => {
        lineNo++;
        if (problem || line === '') return;
        let raw: unknown;
        try {
          raw = JSON.parse(line);
        } catch {
          problem = { code: 'lineNotJson', line: lineNo };
          return;
        }
        const p = rowProblem(raw, lineNo, fields, manifest);
        if (p) {
          problem = p;
          return;
        }
        const row = raw as Record<string, unknown>;
        const key = idKey(row.event_id as string);
        if (fileIds.has(key)) {
          problem = { code: 'rowDuplicate', line: lineNo };
          return;
        }
        fileIds.add(key);
        rows++;
        counts.set(String(row.type), (counts.get(String(row.type)) ?? 0) + 1);
        if (known?.ids.has(key)) return;
        staged.ids.add(key);
        addRow(staged, row);
      };
      await streamZipEntry(
        src,
        entry,
        (chunk) => {
          hash.update(chunk);
          if (lines && !problem) {
            const over = lines.push(chunk, onLine);
            if (over !== null) problem = { code: 'lineTooLong', line: lineNo + 1, limit: MAX_LINE_CHARS };
          }
        },
        {
          aborted: opts.aborted,
          onRead: (n) => {
            read += n;
            progress();
          },
        },
      );
      if (lines && !problem) lines.end(onLine);
      // The hash first: a changed file is named as changed, whatever its rows look like.
      if (bytesToHex(hash.digest()) !== meta.sha256) return reject(name, { code: 'modified', file });
      if (problem) return reject(name, problem);
    }
    if (rows !== manifest.total) return reject(name, { code: 'totalMismatch', rows, total: manifest.total });
    const types = new Set([...Object.keys(manifest.counts), ...counts.keys()]);
    for (const type of types) {
      const declared = Object.hasOwn(manifest.counts, type) ? (manifest.counts[type] ?? 0) : 0;
      const found = counts.get(type) ?? 0;
      if (declared !== found) return reject(name, { code: 'countMismatch', type, rows: found, total: declared });
    }
    if (known) known.merge(staged);
    else this.participants.set(pid, staged);
    this.studies.add(manifest.study.study_id);
    return { ok: true, name, participant_id: pid, study_id: manifest.study.study_id, rows, added: staged.events };
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Splits a UTF-8 byte stream into lines without ever holding more than one line (at most `max` characters). */
class LineReader {
  private readonly decoder = new TextDecoder('utf-8');
  private carry = '';

  constructor(private readonly max: number) {}

  /** Returns null, or the length of a line over the limit (reading stops there). */
  push(chunk: Uint8Array, onLine: (line: string) => void): number | null {
    const text = this.carry + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl - start > this.max) return nl - start;
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
    this.carry = text.slice(start);
    return this.carry.length > this.max ? this.carry.length : null;
  }

  end(onLine: (line: string) => void): void {
    const rest = this.carry + this.decoder.decode();
    this.carry = '';
    if (rest !== '') onLine(rest);
  }
}
