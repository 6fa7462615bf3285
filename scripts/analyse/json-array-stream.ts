/**
 * Streams the elements of a JSON file whose top level is an array (`[post, post, …]`), one `JSON.parse` per element,
 * so a file too large to parse whole is read in bounded memory. It splits on the bytes `[ ] { } , "` and `\`, which
 * never occur inside a multi-byte UTF-8 character, tracking depth and strings; everything else is left to JSON.parse.
 */
import { createReadStream } from 'node:fs';

export interface ArrayStreamResult {
  /** Elements that parsed. */
  values: number;
  /** Elements that were not valid JSON or were larger than the limit. */
  bad: number;
  /** Why the stream stopped early (no array, the file ended inside it), when it did. */
  error?: string;
}

/** An element larger than this is skipped rather than held in memory: no real post comes close. */
export const MAX_ELEMENT_BYTES = 64 * 1024 * 1024;

/** Called with each value read; returning (or resolving to) `false` stops the reading: the output went away. */
export type OnValue = (value: unknown) => unknown;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

export async function streamJsonArray(
  path: string,
  onValue: OnValue,
  maxElementBytes = MAX_ELEMENT_BYTES,
): Promise<ArrayStreamResult> {
  const result: ArrayStreamResult = { values: 0, bad: 0 };
  let started = false;
  let done = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let inElement = false;
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let bomChecked = false;

  let stopped = false;
  const finish = async () => {
    inElement = false;
    if (oversized) {
      result.bad++;
    } else {
      let value: unknown;
      let ok = true;
      try {
        value = JSON.parse(Buffer.concat(parts, size).toString('utf8'));
      } catch {
        ok = false;
      }
      if (ok) {
        result.values++;
        if ((await onValue(value)) === false) stopped = true;
      } else {
        result.bad++;
      }
    }
    parts = [];
    size = 0;
    oversized = false;
  };
  const keep = (chunk: Buffer) => {
    if (oversized) return;
    size += chunk.length;
    if (size > maxElementBytes) {
      oversized = true;
      parts = [];
      return;
    }
    parts.push(chunk);
  };

  for await (const raw of createReadStream(path)) {
    let chunk = raw as Buffer;
    if (!bomChecked) {
      bomChecked = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let from = 0;
    for (let i = 0; i < chunk.length && !done && !stopped; i++) {
      const b = chunk[i] as number;
      if (!started) {
        if (isSpace(b)) continue;
        if (b !== OPEN_ARRAY) return { ...result, error: 'the file is not a JSON array' };
        started = true;
        depth = 1;
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
        continue;
      }
      if (isSpace(b)) continue;
      if (depth === 1 && !inElement && b !== COMMA && b !== CLOSE_ARRAY) {
        inElement = true;
        from = i;
      }
      if (b === QUOTE) {
        inString = true;
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        depth++;
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) {
          if (inElement) {
            keep(chunk.subarray(from, i));
            await finish();
          }
          done = true;
        } else if (depth === 1 && inElement) {
          keep(chunk.subarray(from, i + 1));
          await finish();
        }
      } else if (b === COMMA && depth === 1 && inElement) {
        keep(chunk.subarray(from, i));
        await finish();
      }
    }
    if (done || stopped) break;
    if (inElement) {
      keep(chunk.subarray(from));
      from = 0;
    }
  }
  if (stopped) return result;
  if (!started) return { ...result, error: 'the file is empty' };
  if (!done) {
    if (inElement) result.bad++;
    return { ...result, error: 'the file ends before its array closes' };
  }
  return result;
}
