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
