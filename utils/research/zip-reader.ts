import { Inflate } from 'fflate';

/**
 * Reads a zip the way an import must: the central directory first (names and declared sizes, nothing inflated), then
 * only the entries the caller asks for, streamed from the file in chunks and inflated with their output counted, so
 * an entry that inflates past what it declared is stopped there. No zip64, no encryption: our exports use neither.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As declared by the central directory; inflating more than this is refused. */
  size: number;
  localOffset: number;
}

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

/** A file to read from: a Blob in the browser (read in slices), or bytes in tests. */
export type ZipSource = Blob | Uint8Array;

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
/** Most entries a directory may list: an export has five. */
const MAX_ENTRIES = 64;
/** Bytes read per chunk while streaming an entry. */
export const CHUNK_BYTES = 1 << 20;

function sizeOf(src: ZipSource): number {
  return src instanceof Uint8Array ? src.length : src.size;
}

async function readRange(src: ZipSource, start: number, end: number): Promise<Uint8Array> {
  if (src instanceof Uint8Array) return src.subarray(start, end);
  return new Uint8Array(await src.slice(start, end).arrayBuffer());
}

const u16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number) => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;

/** The central directory, by name (a Map: a name read from a file never reaches an object's prototype). */
export async function readZipDirectory(src: ZipSource): Promise<Map<string, ZipEntry>> {
  const total = sizeOf(src);
  const tailStart = Math.max(0, total - (22 + 0xffff));
  const tail = await readRange(src, tailStart, total);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError('no end of central directory');
  const count = u16(tail, at + 10);
  const cdSize = u32(tail, at + 12);
  const cdOffset = u32(tail, at + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipFormatError('zip64 is not supported');
  if (count > MAX_ENTRIES) throw new ZipFormatError(`${count} entries (at most ${MAX_ENTRIES})`);
  if (cdOffset + cdSize > total) throw new ZipFormatError('central directory outside the file');
  const cd = await readRange(src, cdOffset, cdOffset + cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || u32(cd, p) !== CEN) throw new ZipFormatError('broken central directory');
    const flags = u16(cd, p + 8);
    const nameLen = u16(cd, p + 28);
    const name = decoder.decode(cd.subarray(p + 46, p + 46 + nameLen));
    if (flags & 1) throw new ZipFormatError(`${name} is encrypted`);
    if (entries.has(name)) throw new ZipFormatError(`${name} is listed twice`);
    entries.set(name, {
      name,
      method: u16(cd, p + 10),
      compressedSize: u32(cd, p + 20),
      size: u32(cd, p + 24),
      localOffset: u32(cd, p + 42),
    });
    p += 46 + nameLen + u16(cd, p + 30) + u16(cd, p + 32);
  }
  return entries;
}

/**
 * Streams one entry's inflated bytes to `onData`, chunk by chunk. Stops with an error as soon as the output passes the
 * entry's declared size, so a lying header cannot make it inflate more. `onRead` reports compressed bytes consumed;
 * `aborted` is asked between chunks.
 */
export async function streamZipEntry(
  src: ZipSource,
  entry: ZipEntry,
  onData: (chunk: Uint8Array) => void,
  opts: { onRead?: (bytes: number) => void; aborted?: () => boolean } = {},
): Promise<void> {
  const head = await readRange(src, entry.localOffset, entry.localOffset + 30);
  if (u32(head, 0) !== LOC) throw new ZipFormatError(`${entry.name}: no local header`);
  const start = entry.localOffset + 30 + u16(head, 26) + u16(head, 28);
  const end = start + entry.compressedSize;
  if (end > sizeOf(src)) throw new ZipFormatError(`${entry.name}: data outside the file`);
  let out = 0;
  const take = (chunk: Uint8Array) => {
    out += chunk.length;
    if (out > entry.size) throw new ZipFormatError(`${entry.name} inflates past its declared ${entry.size} bytes`);
    if (chunk.length > 0) onData(chunk);
  };
  let inflate: Inflate | null = null;
  if (entry.method === 8) inflate = new Inflate((chunk) => take(chunk));
  else if (entry.method !== 0) throw new ZipFormatError(`${entry.name}: compression method ${entry.method}`);
  for (let pos = start; pos < end || (pos === start && end === start); ) {
    if (opts.aborted?.()) throw new ImportAborted();
    const next = Math.min(end, pos + CHUNK_BYTES);
    const chunk = await readRange(src, pos, next);
    const final = next >= end;
    if (inflate) inflate.push(chunk, final);
    else take(chunk);
    opts.onRead?.(next - pos);
    pos = next;
    if (final) break;
  }
  if (out !== entry.size) throw new ZipFormatError(`${entry.name} inflated to ${out} bytes, not ${entry.size}`);
}

export class ImportAborted extends Error {
  override name = 'ImportAborted';
}
