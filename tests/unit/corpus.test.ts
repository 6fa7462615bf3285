import { beforeAll, describe, expect, it } from 'vitest';
import { type CorpusReport, evaluateCorpus } from '../../scripts/eval-detect';

// The labelled corpus (tests/fixtures/corpus, written by scripts/gen-corpus.ts) through the real path:
// saved weibo.com / m.weibo.cn markup → site adapter (+ page JSON) → analysePost.
let report: CorpusReport;
beforeAll(() => {
  report = evaluateCorpus();
}, 60_000);

describe('labelled corpus', () => {
  it('is big enough and covers both sites', () => {
    expect(report.total).toBeGreaterThanOrEqual(300);
    const sites = new Set(report.outcomes.map((o) => o.label.site));
    expect(sites).toEqual(new Set(['weibo-pc', 'weibo-mobile']));
  });

  it('finds guide posts with precision ≥ 0.97 and recall ≥ 0.95', () => {
    expect(report.precision).toBeGreaterThanOrEqual(0.97);
    expect(report.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('matches explicit references to exactly the right items, in order, every time', () => {
    expect(report.exactItem.total).toBeGreaterThan(150);
    expect(report.exactItem.accuracy).toBe(1);
  });

  it('never shows a card on an ad, an unknown item, a non-shop link or casual brand talk', () => {
    for (const cat of ['ad', 'unknown-item', 'non-shop-link', 'casual-brand', 'malformed-url', 'daily']) {
      expect(report.byCategory[cat]?.fp, cat).toBe(0);
    }
  });

  it('extracts hostile posts as inert text', () => {
    const hostile = report.outcomes.filter((o) => o.label.category === 'hostile-html');
    expect(hostile.length).toBeGreaterThan(0);
    for (const o of hostile) expect(o.post?.author.name).toMatch(/<|'|"/);
    const huge = report.outcomes.filter((o) => o.label.category === 'huge-post');
    for (const o of huge) expect(o.post?.text.length).toBeLessThanOrEqual(20_000);
  });
});
