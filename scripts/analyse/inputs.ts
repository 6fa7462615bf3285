/**
 * Reads one input file as JSON values, choosing how by its size and first bytes: NDJSON line by line (any size),
 * a JSON file up to `WHOLE_FILE_LIMIT` parsed whole, a larger one streamed element by element when its top level
 * is an array, and refused otherwise (with how to make NDJSON of it). Never throws: failures come back as reasons.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { type OnValue, streamJsonArray } from './json-array-stream';

export const WHOLE_FILE_LIMIT = 32 * 1024 * 1024;
/** How much of a file is looked at to tell NDJSON from JSON. */
const PEEK_BYTES = 1024 * 1024;

export type ReadMode = 'json' | 'ndjson' | 'json-array-stream';

export type FileResult =
  | { ok: true; mode: ReadMode; values: number; bad: number; firstBadLine?: number; warning?: string }
  | { ok: false; reason: string };

function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (e as Error)?.message ?? String(e);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function peek(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await fh.read(buf, 0, PEEK_BYTES, 0);
    return buf
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
}

/** NDJSON when named so, or when its first line is a whole JSON value and more follows it. */
function looksNdjson(path: string, head: string): boolean {
  if (/^\.(?:ndjson|jsonl)$/i.test(extname(path))) return true;
  const nl = head.indexOf('\n');
  if (nl < 0) return false;
  const first = head.slice(0, nl).trim();
  return first.length > 0 && parses(first) && head.slice(nl + 1).trim().length > 0;
}

async function readNdjson(path: string, onValue: OnValue): Promise<FileResult> {
  let values = 0;
  let bad = 0;
  let firstBadLine: number | undefined;
  let n = 0;
  const input = createReadStream(path, { encoding: 'utf8' });
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    n++;
    const text = (n === 1 ? line.replace(/^\uFEFF/, '') : line).trim();
    if (!text) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      bad++;
      firstBadLine ??= n;
      continue;
    }
    values++;
    if ((await onValue(value)) === false) {
      input.destroy();
      break;
    }
  }
  if (values === 0 && bad > 0) return { ok: false, reason: 'not JSON or NDJSON' };
  return { ok: true, mode: 'ndjson', values, bad, ...(firstBadLine ? { firstBadLine } : {}) };
}

export async function readJsonValues(
  path: string,
  onValue: OnValue,
  wholeFileLimit = WHOLE_FILE_LIMIT,
): Promise<FileResult> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) return { ok: false, reason: 'is a directory' };
    size = st.size;
  } catch (e) {
    return { ok: false, reason: errnoReason(e) };
  }
  let head: string;
  try {
    head = await peek(path);
  } catch (e) {
    return { ok: false, reason: errnoReason(e) };
  }
  const start = head.trimStart()[0];
  if (start === undefined) return { ok: false, reason: 'empty file' };
  if (start !== '{' && start !== '[') return { ok: false, reason: 'not JSON' };
  try {
    if (looksNdjson(path, head)) return await readNdjson(path, onValue);
    if (size <= wholeFileLimit) {
      const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        // NDJSON whose first line is longer than the peek.
        if (/\n\s*[[{]/.test(text)) return await readNdjson(path, onValue);
        return { ok: false, reason: `not JSON (${(e as Error).message})` };
      }
      await onValue(value);
      return { ok: true, mode: 'json', values: 1, bad: 0 };
    }
    if (start === '[') {
      const r = await streamJsonArray(path, onValue);
      if (r.values === 0 && r.error) return { ok: false, reason: r.error };
      return {
        ok: true,
        mode: 'json-array-stream',
        values: r.values,
        bad: r.bad,
        ...(r.error ? { warning: r.error } : {}),
      };
    }
  } catch (e) {
    return { ok: false, reason: errnoReason(e) };
  }
  const mb = Math.round(wholeFileLimit / 1024 / 1024);
  return {
    ok: false,
    reason:
      `a JSON object larger than ${mb} MB is not read whole; write it as NDJSON, one post or answer a line ` +
      `(e.g. jq -c '.data.cards[]' ${basename(path)} > ${basename(path, extname(path))}.ndjson)`,
  };
}
