import { type CatalogueItem, CatalogueItemSchema } from './schema';

export interface CatalogueError {
  /** Position in the raw array (-1 when the input itself is unusable). */
  index: number;
  /** The entry's `item_id`, when it had a readable one. */
  id?: string;
  message: string;
}

export interface ParsedCatalogue {
  items: CatalogueItem[];
  errors: CatalogueError[];
}

function readableId(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const id = (entry as { item_id?: unknown }).item_id;
  return typeof id === 'string' && id.length <= 40 ? id : undefined;
}

/**
 * Validates a catalogue file (e.g. `catalogue/items.json`) entry by entry: one bad entry costs that entry, not the
 * catalogue. Invalid entries and repeated `item_id`s (the first one wins) are skipped and reported. Never throws.
 * This is the only module that brings Zod to catalogue loading; call it from the background, not a content script.
 */
export function parseCatalogue(raw: unknown): ParsedCatalogue {
  if (!Array.isArray(raw)) {
    const kind = raw === null ? 'null' : typeof raw;
    return { items: [], errors: [{ index: -1, message: `catalogue must be an array of items, got ${kind}` }] };
  }
  const items: CatalogueItem[] = [];
  const errors: CatalogueError[] = [];
  const seen = new Set<string>();
  raw.forEach((entry, index) => {
    const result = CatalogueItemSchema.safeParse(entry);
    if (!result.success) {
      const message = result.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(item)'}: ${issue.message}`)
        .join('; ');
      const id = readableId(entry);
      errors.push(id === undefined ? { index, message } : { index, id, message });
      return;
    }
    const item = result.data;
    if (seen.has(item.item_id)) {
      errors.push({ index, id: item.item_id, message: `duplicate item_id ${item.item_id}` });
      return;
    }
    seen.add(item.item_id);
    items.push(item);
  });
  return { items, errors };
}

/** What a full validation of one catalogue file found, remembered so an MV3 worker restart need not repeat it. */
export interface CatalogueCheck {
  /** SHA-256 (hex) of the file's text: the packaged file only changes with the extension, but a hash is certain. */
  sha256: string;
  length: number;
  /** Indexes of entries that failed validation or repeated an item_id. */
  skipped: number[];
  errors: number;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Parses the catalogue file, running the Zod validation only when `check` does not already vouch for this exact
 * text (same SHA-256). Zod over 5,000 entries costs 0.2–1.7 s on a cold worker; the hash costs ~20 ms.
 */
export async function parseCatalogueText(
  text: string,
  check: CatalogueCheck | null,
): Promise<{ items: CatalogueItem[]; errors: ParsedCatalogue['errors']; check: CatalogueCheck; validated: boolean }> {
  const sha256 = await sha256Hex(text);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const errors = [{ index: -1, message: `catalogue is not JSON: ${(e as Error).message}` }];
    return { items: [], errors, check: { sha256, length: 0, skipped: [], errors: 1 }, validated: true };
  }
  if (check && check.sha256 === sha256 && Array.isArray(raw) && raw.length === check.length) {
    const skipped = new Set(check.skipped);
    const items = (raw as CatalogueItem[]).filter((_, i) => !skipped.has(i));
    return { items, errors: [], check, validated: false };
  }
  const { items, errors } = parseCatalogue(raw);
  const skipped = [...new Set(errors.map((e) => e.index).filter((i) => i >= 0))];
  const length = Array.isArray(raw) ? raw.length : 0;
  return { items, errors, check: { sha256, length, skipped, errors: errors.length }, validated: true };
}
