/**
 * How the catalogue is packaged. Chrome gets one file, `catalogue/items.json` (other tools read it there). Firefox
 * gets it in parts listed by `catalogue/parts.json`: AMO's linter refuses to parse a file over its size limit
 * (`FILE_TOO_LARGE`). The parts, joined, give back the single file's exact text, so its SHA-256 (the worker's record
 * of a validated catalogue) is the same in both builds.
 */
export const CATALOGUE_FILE = 'catalogue/items.json';
export const CATALOGUE_PARTS_LIST = 'catalogue/parts.json';
/** Well under AMO's limit, counted in UTF-8 bytes as the linter does. */
export const CATALOGUE_PART_MAX_BYTES = 3 * 1024 * 1024;

export type CatalogueLayout = 'single' | 'parts';

export interface CataloguePart {
  /** `items-0.json`, relative to `catalogue/`. */
  file: string;
  /** A JSON array of whole items. */
  text: string;
}

/** Cuts `JSON.stringify(items)` into JSON arrays of at most `maxBytes` each (an item is never split). */
export function splitCatalogue(items: readonly unknown[], maxBytes = CATALOGUE_PART_MAX_BYTES): CataloguePart[] {
  const encoder = new TextEncoder();
  const groups: string[][] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const item of items) {
    const text = JSON.stringify(item);
    const size = encoder.encode(text).length + 1;
    if (current.length > 0 && bytes + size > maxBytes) {
      groups.push(current);
      current = [];
      bytes = 2;
    }
    current.push(text);
    bytes += size;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return groups.map((group, i) => ({ file: `items-${i}.json`, text: `[${group.join(',')}]` }));
}

/** The single file's text from its parts' texts, in order (the inverse of `splitCatalogue`). */
export function joinCatalogueParts(texts: readonly string[]): string {
  const inner = texts.map((t) => t.trim().slice(1, -1)).filter((t) => t.length > 0);
  return `[${inner.join(',')}]`;
}

/**
 * The packaged catalogue's text, read with `readText` (a path under the extension's root, e.g. `/catalogue/…`):
 * the one file, or its parts joined.
 */
export async function readPackagedCatalogue(
  readText: (file: string) => Promise<string>,
  layout: CatalogueLayout,
): Promise<string> {
  if (layout === 'single') return readText(`/${CATALOGUE_FILE}`);
  const files = JSON.parse(await readText(`/${CATALOGUE_PARTS_LIST}`)) as unknown;
  if (!Array.isArray(files) || !files.every((f) => typeof f === 'string' && /^items-\d+\.json$/.test(f))) {
    throw new Error(`${CATALOGUE_PARTS_LIST} must list the catalogue's parts`);
  }
  return joinCatalogueParts(await Promise.all(files.map((f) => readText(`/catalogue/${f}`))));
}
