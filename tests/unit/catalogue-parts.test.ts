import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { loadCatalogue, resetCatalogueForTests } from '../../utils/catalogue/loaded';
import {
  CATALOGUE_PART_MAX_BYTES,
  joinCatalogueParts,
  readPackagedCatalogue,
  splitCatalogue,
} from '../../utils/catalogue/parts';

const small = generateCatalogue({ count: 60 });

/** The files of a build's `catalogue/` folder, as the Chrome (one file) or Firefox (parts) build packages them. */
function packaged(layout: 'single' | 'parts', maxBytes: number): Map<string, string> {
  if (layout === 'single') return new Map([['/catalogue/items.json', JSON.stringify(small)]]);
  const parts = splitCatalogue(small, maxBytes);
  return new Map([
    ['/catalogue/parts.json', JSON.stringify(parts.map((p) => p.file))],
    ...parts.map((p) => [`/catalogue/${p.file}`, p.text] as [string, string]),
  ]);
}

function serve(files: Map<string, string>) {
  return async (file: string) => {
    const text = files.get(file);
    if (text === undefined) throw new Error(`not packaged: ${file}`);
    return text;
  };
}

describe('the catalogue is packaged whole for Chrome and in parts for Firefox', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    resetCatalogueForTests();
  });

  it('cuts the full catalogue into parts AMO will parse, which join back to the exact file', () => {
    const items = generateCatalogue();
    const whole = JSON.stringify(items);
    const parts = splitCatalogue(items);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(new TextEncoder().encode(p.text).length).toBeLessThanOrEqual(CATALOGUE_PART_MAX_BYTES);
      expect(Array.isArray(JSON.parse(p.text))).toBe(true);
    }
    expect(joinCatalogueParts(parts.map((p) => p.text))).toBe(whole);
  });

  it('reads the same text from either layout', async () => {
    const single = await readPackagedCatalogue(serve(packaged('single', 0)), 'single');
    const parts = await readPackagedCatalogue(serve(packaged('parts', 4_000)), 'parts');
    expect(packaged('parts', 4_000).size).toBeGreaterThan(3);
    expect(parts).toBe(single);
  });

  it('keeps an empty catalogue an empty array', () => {
    const parts = splitCatalogue([]);
    expect(parts).toEqual([{ file: 'items-0.json', text: '[]' }]);
    expect(joinCatalogueParts(parts.map((p) => p.text))).toBe('[]');
  });

  it('refuses a parts list that names anything but its parts', async () => {
    const files = new Map([['/catalogue/parts.json', '["../popup.html"]']]);
    await expect(readPackagedCatalogue(serve(files), 'parts')).rejects.toThrow(/parts/);
  });

  it.each([
    ['chrome', 'single'],
    ['firefox', 'parts'],
  ] as const)('the worker loads every item and its indexes in the %s build', async (browser, layout) => {
    vi.stubEnv('BROWSER', browser);
    const files = packaged(layout, 4_000);
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      const file = new URL(url).pathname;
      asked.push(file);
      return new Response(await serve(files)(file));
    });
    const { items, index } = await loadCatalogue();
    expect(items.map((i) => i.item_id)).toEqual(small.map((i) => i.item_id));
    expect(index.byItemId.size).toBe(small.length);
    expect(asked.sort()).toEqual([...files.keys()].sort());
  });
});
