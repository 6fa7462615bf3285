// @vitest-environment happy-dom
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitSelectorList } from '../../utils/feed/watcher';
import { MOBILE_SELECTORS } from '../../utils/sites/weibo-mobile';
import { PC_SELECTORS } from '../../utils/sites/weibo-pc';

/**
 * Every selector alternative of every site adapter has a saved fixture (tests/fixtures/selectors/README.md) and a
 * test that counts what it matches there, so a Weibo release that breaks one alternative fails one named test. The
 * tests are generated from the selector data itself: an alternative added without a fixture fails by name.
 */

const FIXTURES = resolve(__dirname, '../fixtures/selectors');
const SITES = { 'weibo-pc': PC_SELECTORS, 'weibo-mobile': MOBILE_SELECTORS } as const;
type SiteId = keyof typeof SITES;

interface Alternative {
  site: SiteId;
  /** `item`, `action.repost`: the path of the concept in the selector object, also its fixture folder. */
  concept: string;
  index: number;
  selector: string;
  /** The alternatives before this one, which a fallback fixture should not be matched by. */
  earlier: string[];
}

/** Walks a selector object: arrays are alternatives, strings are selector lists, objects nest concepts. */
function alternativesOf(site: SiteId, value: unknown, path: string[] = []): Alternative[] {
  if (typeof value === 'string' || Array.isArray(value)) {
    const list: string[] = typeof value === 'string' ? splitSelectorList(value) : [...(value as string[])];
    return list.map((selector, index) => ({
      site,
      concept: path.join('.'),
      index,
      selector,
      earlier: list.slice(0, index),
    }));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, v]) => alternativesOf(site, v, [...path, key]));
  }
  throw new Error(`${site}.${path.join('.')}: not a selector, a list or a group`);
}

interface Fixture {
  file: string;
  /** The number the file name starts with: the index of its alternative when the files are in order. */
  number: number;
  html: string;
  selector: string;
  expectCount: number;
  /** Why earlier alternatives match this fixture too, when they must (the alternative is shadowed). */
  shadowed: string | null;
}

function readFixture(file: string): Fixture {
  const html = readFileSync(file, 'utf8');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const roots = doc.querySelectorAll('[data-fixture-for]');
  // A malformed fixture belongs to no alternative, which its concept's test reports by file name.
  const root = roots.length === 1 ? (roots[0] as Element) : null;
  return {
    file,
    number: Number.parseInt(basename(file), 10),
    html,
    selector: root?.getAttribute('data-fixture-for') ?? '',
    expectCount: Number.parseInt(root?.getAttribute('data-expect-count') ?? '', 10),
    shadowed: root?.getAttribute('data-shadowed-by') ?? null,
  };
}

function fixturesOf(site: SiteId, concept: string): Fixture[] {
  const dir = join(FIXTURES, site, concept);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => readFixture(join(dir, f)));
}

/** The fixture's root in a fresh document body; selectors are counted inside it, as the readers search an item. */
function mount(fixture: Fixture): Element {
  const host = document.createElement('div');
  // Our own saved markup, not page text: parsing it is what the browser does on weibo.com.
  host.innerHTML = fixture.html;
  document.body.replaceChildren(host);
  return host.querySelector('[data-fixture-for]') as Element;
}

const count = (root: Element, selector: string) => root.querySelectorAll(selector).length;
const name = (a: Alternative) => `${a.site} ${a.concept}[${a.index}]: ${a.selector}`;
const where = (f: Fixture) => relative(resolve(__dirname, '../..'), f.file);

const ALTERNATIVES = (Object.keys(SITES) as SiteId[]).flatMap((site) => alternativesOf(site, SITES[site]));
const CONCEPTS = [...new Set(ALTERNATIVES.map((a) => `${a.site}/${a.concept}`))];
const FIXTURE_BY_CONCEPT = new Map(
  CONCEPTS.map((key) => {
    const [site, concept] = key.split('/') as [SiteId, string];
    return [key, fixturesOf(site, concept)];
  }),
);
const fixtureFor = (a: Alternative) =>
  FIXTURE_BY_CONCEPT.get(`${a.site}/${a.concept}`)?.find((f) => f.selector === a.selector);

describe('every selector alternative has a fixture', () => {
  it('finds alternatives in both site adapters', () => {
    expect(ALTERNATIVES.some((a) => a.site === 'weibo-pc')).toBe(true);
    expect(ALTERNATIVES.some((a) => a.site === 'weibo-mobile')).toBe(true);
  });

  for (const a of ALTERNATIVES) {
    it(`has a fixture for ${a.site}.${a.concept}[${a.index}] ${a.selector}`, () => {
      const f = fixtureFor(a);
      expect(
        f,
        `add tests/fixtures/selectors/${a.site}/${a.concept}/${a.index}-<short-name>.html with data-fixture-for='${a.selector}'`,
      ).toBeDefined();
    });
  }

  for (const [key, fixtures] of FIXTURE_BY_CONCEPT) {
    const [site, concept] = key.split('/') as [SiteId, string];
    const alternatives = ALTERNATIVES.filter((a) => a.site === site && a.concept === concept);
    it(`${site} ${concept}: every fixture belongs to a current alternative, numbered in its order`, () => {
      for (const f of fixtures) {
        expect(f.selector, `${where(f)}: needs exactly one element with a data-fixture-for`).not.toBe('');
        const a = alternatives.find((x) => x.selector === f.selector);
        expect(a, `${where(f)} is for "${f.selector}", which ${site}.${concept} no longer lists`).toBeDefined();
        expect(f.number, `${where(f)}: rename it to start with ${a?.index}-`).toBe(a?.index);
      }
    });
  }

  for (const site of Object.keys(SITES) as SiteId[]) {
    it(`${site}: every fixture folder is a concept of the selectors`, () => {
      const dir = join(FIXTURES, site);
      const entries = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : [];
      const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name);
      const concepts = new Set(ALTERNATIVES.filter((a) => a.site === site).map((a) => a.concept));
      const stray = folders.filter((f) => !concepts.has(f));
      expect(stray, `folders under ${dir} for no concept`).toEqual([]);
    });
  }

  it('no concept lists the same alternative twice', () => {
    const seen = new Set<string>();
    for (const a of ALTERNATIVES) {
      const key = `${a.site}/${a.concept}/${a.selector}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });
});

describe('each alternative matches its fixture, and earlier ones do not', () => {
  for (const a of ALTERNATIVES) {
    const f = fixtureFor(a);
    it.skipIf(!f)(name(a), () => {
      const fixture = f as Fixture;
      expect(fixture.expectCount, `${where(fixture)}: data-expect-count ≥ 1`).toBeGreaterThan(0);
      const root = mount(fixture);
      expect(count(root, a.selector), `${a.selector} in ${where(fixture)}`).toBe(fixture.expectCount);

      // A fallback proves itself only where the alternatives before it find nothing.
      const matchedEarlier = a.earlier.filter((s) => count(root, s) > 0);
      if (fixture.shadowed === null) {
        expect(matchedEarlier, `earlier alternatives that also match ${where(fixture)}`).toEqual([]);
      } else {
        // The note says an earlier alternative always covers this one; it must still be true.
        expect(matchedEarlier.length, `${where(fixture)}: stale data-shadowed-by`).toBeGreaterThan(0);
      }
    });
  }
});

/**
 * Real m.weibo.cn post HTML, as Weibo's servers wrote it (`mblog.text` of `getIndex` cards, a Tmall-store post), read
 * in place from `../shared/real-weibo/` and set in the card markup the page draws around it.
 */
const REAL = resolve(__dirname, '../../../shared/real-weibo');
const REAL_ABSENT = !existsSync(join(REAL, 'mblogs.json')) || !existsSync(join(REAL, 'shopping-samples.json'));

interface RealPost {
  key: string;
  html: string;
  /** mid and bid: the ids a permalink inside the text may carry. */
  ids: string[];
}

function realPosts(): RealPost[] {
  if (REAL_ABSENT) return [];
  type Mblog = { text?: string; mid?: string; id?: string | number; bid?: string };
  type SavedPost = { key: string; api: string; mblog: Mblog };
  const mblogs = JSON.parse(readFileSync(join(REAL, 'mblogs.json'), 'utf8')) as SavedPost[];
  const shopping = JSON.parse(readFileSync(join(REAL, 'shopping-samples.json'), 'utf8')) as {
    mobileHtml: { src: string; mid: string; html: string }[];
  };
  const idsOf = (m: Mblog) => [m.mid, m.id, m.bid].filter((x) => x !== undefined && x !== '').map(String);
  return [
    ...shopping.mobileHtml.map((s) => ({ key: `shopping-samples ${s.src}`, html: s.html, ids: [s.mid] })),
    // The m.weibo.cn texts that hold links: the ones the link and permalink selectors have to find.
    ...mblogs
      .filter((r) => r.api.startsWith('m.weibo.cn') && /<a\s/.test(r.mblog.text ?? ''))
      .map((r) => ({ key: r.key.replace(/^.*:/, 'mblogs '), html: r.mblog.text ?? '', ids: idsOf(r.mblog) })),
  ];
}

/** The card the page draws around a post's text (tests/fixtures/corpus/m-weibo-cn.html). */
function mountRealCard(html: string): { card: Element; text: Element } {
  const host = document.createElement('div');
  host.innerHTML =
    '<div class="wb-item-wrap"><div class="wb-item"><div class="card m-panel card9 weibo-member">' +
    '<div class="card-wrap"><div class="card-main"><article class="weibo-main"><div class="weibo-og">' +
    '<div class="weibo-text"></div></div></article></div></div></div></div></div>';
  const text = host.querySelector('.weibo-text') as Element;
  // Real post HTML from a saved Weibo answer, parsed as the page parses it (this is a test, not the extension).
  text.innerHTML = html;
  document.body.replaceChildren(host);
  return { card: host.querySelector('.card') as Element, text };
}

const MOBILE = ALTERNATIVES.filter((a) => a.site === 'weibo-mobile');
/** Concepts meant to find things inside a post's text; every other concept is page structure around it. */
const IN_TEXT = /^(?:permalink|expand)$|link/i;
const LINK_ALTERNATIVES = MOBILE.filter((a) => /link/i.test(a.concept) && a.concept !== 'permalink');

describe.skipIf(REAL_ABSENT)(
  REAL_ABSENT
    ? `real m.weibo.cn post HTML: skipped, ${REAL} is absent (real data is kept beside the project, never in it)`
    : 'real m.weibo.cn post HTML, set in the card the page draws',
  () => {
    const posts = realPosts();

    it.skipIf(LINK_ALTERNATIVES.length === 0)(
      'the link alternatives find every real link that carries a destination (skipped: MOBILE_SELECTORS has no link concept)',
      () => {},
    );

    it('has the real Tmall-store post and the m.weibo.cn texts with links', () => {
      expect(posts.some((p) => p.key.startsWith('shopping-samples'))).toBe(true);
      expect(posts.length).toBeGreaterThan(10);
    });

    for (const post of posts) {
      it(`${post.key}: every text and item alternative finds the one card, nothing inside the text is taken for structure`, () => {
        const { card, text } = mountRealCard(post.html);
        for (const a of MOBILE.filter((x) => x.concept === 'text')) {
          expect([...card.querySelectorAll(a.selector)], name(a)).toEqual([text]);
        }
        for (const a of MOBILE.filter((x) => x.concept === 'item')) {
          expect(document.body.querySelectorAll(a.selector).length, name(a)).toBe(1);
        }
        for (const a of MOBILE.filter((x) => !IN_TEXT.test(x.concept))) {
          expect(text.querySelectorAll(a.selector).length, `${name(a)} inside the real text`).toBe(0);
        }
      });

      if (LINK_ALTERNATIVES.length > 0) {
        it(`${post.key}: the link alternatives find every link that carries a destination`, () => {
          const { text } = mountRealCard(post.html);
          const real = [...text.querySelectorAll('a[data-url], a[href*="sinaurl"], a[href*="t.cn/"]')];
          const found = new Set(LINK_ALTERNATIVES.flatMap((a) => [...text.querySelectorAll(a.selector)]));
          for (const a of real) expect(found.has(a), a.outerHTML.slice(0, 160)).toBe(true);
        });
      }

      if (/href="\/status\//.test(post.html)) {
        it(`${post.key}: the permalink alternatives find the post's own id in its 全文 link`, () => {
          const { text } = mountRealCard(post.html);
          const hrefs = MOBILE.filter((a) => a.concept === 'permalink').flatMap((a) =>
            [...text.querySelectorAll(a.selector)].map((el) => el.getAttribute('href') ?? ''),
          );
          expect(hrefs.some((h) => post.ids.some((id) => h.endsWith(`/status/${id}`)))).toBe(true);
        });
      }
    }
  },
);
