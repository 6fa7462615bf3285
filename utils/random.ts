/**
 * The one seeded random generator (mulberry32) for everything that must come out the same from the same seed: the
 * mock catalogue, the demo feed, the synthetic study, the test corpus and property tests. Imported relatively by
 * modules wxt.config.ts loads at build time, so it imports nothing itself.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
