/**
 * Scores the detector on the labelled corpus (tests/fixtures/corpus): every post goes through the real path —
 * site adapter on the saved markup (+ page JSON when the corpus has it) → analysePost → matches — and is compared
 * with its label. Run: `npm run eval:detect` (add `--verbose` to list every miss).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOMParser } from 'linkedom';
import { generateCatalogue } from '../utils/catalogue/generate';
import { analysePost, DEFAULT_THRESHOLD } from '../utils/detect/analyse';
import { buildCatalogueIndex, type CatalogueIndex } from '../utils/match/index';
import { weiboMobile, weiboPc } from '../utils/sites';
import type { SiteAdapter } from '../utils/sites/types';
import type { Detection, ItemMatch, Post } from '../utils/types';

export const CORPUS_DIR = resolve(import.meta.dirname, '../tests/fixtures/corpus');

export interface CorpusLabel {
  id: string;
  site: 'weibo-pc' | 'weibo-mobile';
  file: string;
  category: string;
  isGuide: boolean;
  items: string[];
  textItem?: string;
  json: boolean;
}

export interface Outcome {
  label: CorpusLabel;
  post: Post | null;
  detection: Detection | null;
  matches: ItemMatch[];
}

export interface CorpusReport {
  total: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  /** Posts with explicit references whose exact matches equal the labelled items, in order. */
  exactItem: { correct: number; total: number; accuracy: number };
  /** Name-only posts whose first text match is the named item. */
  textItem: { correct: number; total: number; accuracy: number };
  byCategory: Record<string, { tp: number; fp: number; fn: number; tn: number }>;
  outcomes: Outcome[];
}

/** Parses the saved pages and yields each feed item with its label, in document order. */
export function loadCorpus(): {
  items: { label: CorpusLabel; item: Element | null; json: unknown; adapter: SiteAdapter }[];
  close: () => void;
} {
  const { posts } = JSON.parse(readFileSync(resolve(CORPUS_DIR, 'labels.json'), 'utf8')) as { posts: CorpusLabel[] };
  const pageJson = JSON.parse(readFileSync(resolve(CORPUS_DIR, 'page-json.json'), 'utf8')) as Record<string, unknown>;
  // linkedom rather than happy-dom: it parses the 1.8 MB corpus in a fraction of the time.
  const parser = new DOMParser();
  const out: { label: CorpusLabel; item: Element | null; json: unknown; adapter: SiteAdapter }[] = [];
  const files = [...new Set(posts.map((p) => p.file))];
  for (const file of files) {
    const labels = posts.filter((p) => p.file === file);
    const adapter = labels[0]?.site === 'weibo-mobile' ? weiboMobile : weiboPc;
    const doc = parser.parseFromString(readFileSync(resolve(CORPUS_DIR, file), 'utf8'), 'text/html');
    const items = [...doc.querySelectorAll(adapter.itemSelector)] as unknown as Element[];
    if (items.length !== labels.length)
      throw new Error(`${file}: ${items.length} feed items but ${labels.length} labels`);
    labels.forEach((label, i) => {
      out.push({ label, item: items[i] ?? null, json: pageJson[label.id], adapter });
    });
  }
  return { items: out, close: () => undefined };
}

export function evaluateCorpus(opts: { threshold?: number; index?: CatalogueIndex } = {}): CorpusReport {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const index = opts.index ?? buildCatalogueIndex(generateCatalogue());
  const r: CorpusReport = {
    total: 0,
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
    precision: 0,
    recall: 0,
    exactItem: { correct: 0, total: 0, accuracy: 0 },
    textItem: { correct: 0, total: 0, accuracy: 0 },
    byCategory: {},
    outcomes: [],
  };
  const corpus = loadCorpus();
  for (const { label, item, json, adapter } of corpus.items) {
    const post = item ? adapter.extract(item, json) : null;
    const res = post ? analysePost(post, index, { threshold }) : null;
    // The corpus labels what gets cards: a guide post with a catalogue item.
    const predicted = (res?.detection.isGuide ?? false) && (res?.matches.length ?? 0) > 0;
    const matches = res?.matches ?? [];
    r.total++;
    const cat = r.byCategory[label.category] ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    r.byCategory[label.category] = cat;
    const key = label.isGuide ? (predicted ? 'tp' : 'fn') : predicted ? 'fp' : 'tn';
    r[key]++;
    cat[key]++;
    if (label.isGuide && label.items.length > 0) {
      r.exactItem.total++;
      const exact = matches.filter((m) => m.kind === 'exact').map((m) => m.itemId);
      if (exact.length === label.items.length && exact.every((id, i) => id === label.items[i])) r.exactItem.correct++;
    }
    if (label.isGuide && label.textItem) {
      r.textItem.total++;
      if (matches[0]?.itemId === label.textItem) r.textItem.correct++;
    }
    r.outcomes.push({ label, post, detection: res?.detection ?? null, matches });
  }
  corpus.close();
  r.precision = r.tp + r.fp === 0 ? 1 : r.tp / (r.tp + r.fp);
  r.recall = r.tp + r.fn === 0 ? 1 : r.tp / (r.tp + r.fn);
  r.exactItem.accuracy = r.exactItem.total === 0 ? 1 : r.exactItem.correct / r.exactItem.total;
  r.textItem.accuracy = r.textItem.total === 0 ? 1 : r.textItem.correct / r.textItem.total;
  return r;
}

function main(): void {
  const verbose = process.argv.includes('--verbose');
  const t = process.argv.find((a) => a.startsWith('--threshold='));
  const r = evaluateCorpus({ threshold: t ? Number(t.split('=')[1]) : undefined });
  const f = (x: number) => x.toFixed(3);
  console.log(`corpus: ${r.total} posts (${r.tp + r.fn} guide, ${r.fp + r.tn} not)`);
  console.log(`precision ${f(r.precision)}  recall ${f(r.recall)}  (tp ${r.tp} fp ${r.fp} fn ${r.fn} tn ${r.tn})`);
  console.log(
    `exact-item accuracy (explicit references) ${f(r.exactItem.accuracy)}  (${r.exactItem.correct}/${r.exactItem.total})`,
  );
  console.log(`text-mention item accuracy ${f(r.textItem.accuracy)}  (${r.textItem.correct}/${r.textItem.total})`);
  console.log('\nper category            tp   fp   fn   tn');
  for (const [cat, c] of Object.entries(r.byCategory).sort()) {
    console.log(`  ${cat.padEnd(22)}${[c.tp, c.fp, c.fn, c.tn].map((n) => String(n).padStart(5)).join('')}`);
  }
  const misses = r.outcomes.filter((o) => o.label.isGuide !== (o.detection?.isGuide ?? false));
  const wrongItems = r.outcomes.filter(
    (o) =>
      o.label.isGuide &&
      o.label.items.length > 0 &&
      o.matches
        .filter((m) => m.kind === 'exact')
        .map((m) => m.itemId)
        .join() !== o.label.items.join(),
  );
  if (verbose || misses.length + wrongItems.length <= 12) {
    for (const o of [...misses, ...wrongItems]) {
      console.log(
        `\n✗ ${o.label.file} ${o.label.id} [${o.label.category}] label=${o.label.isGuide} score=${o.detection?.score ?? '-'}`,
      );
      console.log(`  text: ${(o.post?.text ?? '(no post)').slice(0, 140).replace(/\n/g, ' ')}`);
      for (const reason of o.detection?.reasons ?? [])
        console.log(`  ${reason.code} ${reason.weight}: ${reason.detail}`);
      console.log(
        `  expected items ${o.label.items.join(' ') || o.label.textItem || '-'}; got ${o.matches.map((m) => m.itemId).join(' ') || '-'}`,
      );
    }
  } else {
    console.log(
      `\n${misses.length} misclassified, ${wrongItems.length} wrong item lists (run with --verbose to list them)`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
