import type { ReferenceKey } from '../types';

/**
 * The references no catalogue holds, from a detection's reasons, as one line for the `detect` event:
 * `short:Ht5Yx9b tpwd:Ab3dEf9hIjK` (at most `max` of them, values without spaces).
 */
export function missedReferences(reasons: readonly { ref?: ReferenceKey }[], max = 8): string {
  const out: string[] = [];
  for (const r of reasons) {
    if (!r.ref || out.length >= max) continue;
    const key = `${r.ref.kind}:${r.ref.value.replace(/\s+/g, '').slice(0, 60)}`;
    if (!out.includes(key)) out.push(key);
  }
  return out.join(' ');
}
