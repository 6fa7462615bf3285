import type { TextIndex } from './index';

/**
 * The title index as flat typed arrays and string lists, which IndexedDB stores and returns (structured clone) much
 * faster than it would the index's Maps of arrays, and which unpack into the same `TextIndex` without tokenising a
 * single name: a waking worker reads it instead of rebuilding it. `unpackTextIndex(packTextIndex(t))` matches as `t`.
 */
export interface PackedTextIndex {
  tokens: string[];
  /** Postings of token k are `positions[offsets[k] .. offsets[k + 1])`. */
  offsets: Int32Array;
  positions: Int32Array;
  idf: Float64Array;
  /** Item i's name tokens are `tokens[nameTokenIds[nameOffsets[i] .. nameOffsets[i + 1])]`. */
  nameOffsets: Int32Array;
  nameTokenIds: Int32Array;
  nameNorm: Float64Array;
  brand: string[];
  maxDf: number;
}

export function packTextIndex(t: TextIndex): PackedTextIndex {
  const tokens = [...t.postings.keys()];
  const id = new Map(tokens.map((tok, k) => [tok, k]));
  const offsets = new Int32Array(tokens.length + 1);
  let total = 0;
  tokens.forEach((tok, k) => {
    offsets[k] = total;
    total += t.postings.get(tok)?.length ?? 0;
  });
  offsets[tokens.length] = total;
  const positions = new Int32Array(total);
  const idf = new Float64Array(tokens.length);
  tokens.forEach((tok, k) => {
    positions.set(t.postings.get(tok) ?? [], offsets[k] ?? 0);
    idf[k] = t.idf.get(tok) ?? 0;
  });
  const nameOffsets = new Int32Array(t.nameTokens.length + 1);
  const ids: number[] = [];
  t.nameTokens.forEach((toks, i) => {
    nameOffsets[i] = ids.length;
    for (const tok of toks) ids.push(id.get(tok) ?? -1);
  });
  nameOffsets[t.nameTokens.length] = ids.length;
  return {
    tokens,
    offsets,
    positions,
    idf,
    nameOffsets,
    nameTokenIds: Int32Array.from(ids),
    nameNorm: Float64Array.from(t.nameNorm),
    brand: [...t.brand],
    maxDf: t.maxDf,
  };
}

export function unpackTextIndex(p: PackedTextIndex): TextIndex {
  const postings = new Map<string, Int32Array>();
  const idf = new Map<string, number>();
  p.tokens.forEach((tok, k) => {
    postings.set(tok, p.positions.subarray(p.offsets[k] ?? 0, p.offsets[k + 1] ?? 0));
    idf.set(tok, p.idf[k] ?? 0);
  });
  const n = p.nameNorm.length;
  const nameTokens: string[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const from = p.nameOffsets[i] ?? 0;
    const to = p.nameOffsets[i + 1] ?? 0;
    const toks: string[] = new Array(to - from);
    for (let j = from; j < to; j++) toks[j - from] = p.tokens[p.nameTokenIds[j] ?? -1] ?? '';
    nameTokens[i] = toks;
  }
  return {
    postings,
    idf,
    nameTokens,
    nameNorm: p.nameNorm,
    brand: p.brand,
    maxDf: p.maxDf,
    scratch: new Float64Array(n),
  };
}
