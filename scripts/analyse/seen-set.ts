/**
 * Which post ids were already written, in bounded memory: each id is kept as a 64-bit hash (two 32-bit FNV-1a
 * words) in an open-addressing table, not as a string. A generation holds at most `perGeneration` ids; when it is
 * full it becomes the old generation and a new one starts, so memory stays bounded on any input and dedupe is exact
 * for the first `perGeneration` distinct ids, and after that for at least the last `perGeneration` of them. A false
 * "seen" needs two ids with the same 64-bit hash.
 */
export const DEFAULT_PER_GENERATION = 1 << 21;

const INITIAL_SLOTS = 1 << 10;

class HashTable {
  /** Two words a slot; (0, 0) is an empty slot, so hashes are made non-zero. */
  words: Uint32Array;
  size = 0;

  constructor(slots: number) {
    this.words = new Uint32Array(slots * 2);
  }

  get slots(): number {
    return this.words.length / 2;
  }

  /** Slot of the hash, or of the empty slot where it would go. */
  private find(a: number, b: number): number {
    const mask = this.slots - 1;
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      const wa = this.words[i * 2];
      const wb = this.words[i * 2 + 1];
      if ((wa === a && wb === b) || (wa === 0 && wb === 0)) return i;
      i = (i + 1) & mask;
    }
  }

  has(a: number, b: number): boolean {
    const i = this.find(a, b);
    return this.words[i * 2] === a && this.words[i * 2 + 1] === b;
  }

  /** Adds the hash; the caller keeps the load at most one half. */
  add(a: number, b: number): void {
    const i = this.find(a, b);
    if (this.words[i * 2] === a && this.words[i * 2 + 1] === b) return;
    this.words[i * 2] = a;
    this.words[i * 2 + 1] = b;
    this.size++;
  }

  grow(): void {
    const old = this.words;
    this.words = new Uint32Array(old.length * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i] as number;
      const b = old[i + 1] as number;
      if (a !== 0 || b !== 0) this.add(a, b);
    }
  }
}

function fnv1a(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class SeenSet {
  private current = new HashTable(INITIAL_SLOTS);
  private old: HashTable | null = null;

  constructor(private readonly perGeneration = DEFAULT_PER_GENERATION) {}

  /** True when `id` was added before (within the bound above); adds it otherwise. */
  seen(id: string): boolean {
    const a = (fnv1a(id, 0x811c9dc5) | 1) >>> 0;
    const b = fnv1a(id, 0x01234567);
    if (this.current.has(a, b) || this.old?.has(a, b)) return true;
    if (this.current.size >= this.perGeneration) {
      this.old = this.current;
      this.current = new HashTable(INITIAL_SLOTS);
    } else if ((this.current.size + 1) * 2 > this.current.slots) {
      this.current.grow();
    }
    this.current.add(a, b);
    return false;
  }

  /** Bytes held by the tables. */
  get bytes(): number {
    return this.current.words.byteLength + (this.old?.words.byteLength ?? 0);
  }
}
