import { z } from 'zod';
import { catalogueItemsById } from '@/utils/catalogue/active';
import { loadResidentCatalogue } from '@/utils/catalogue/loaded';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { deleteAllData } from '@/utils/db/maintenance';
import { onMessage } from '@/utils/messaging';
import { extensionPageSenderProblem } from '@/utils/worker/events';

/**
 * Background side of the popup: the 5 MB catalogue stays in the worker (already loaded and validated for the
 * analyser), and the popup asks for the few entries it shows.
 */
export const MAX_LOOKUP = 200;

const LookupSchema = z.object({
  itemIds: z
    .array(z.string().regex(/^\d{6,20}$/))
    .max(MAX_LOOKUP)
    .optional(),
  titleQuery: z.string().max(40).optional(),
});

export async function lookupItems(
  data: unknown,
  // Title search narrows the 种草 list, whose rows carry their own titles (utils/popup/queries.ts): the resident items
  // (the built-in catalogue, items.json imports) add their short names, without loading a large imported list.
  items: () => Promise<CatalogueItem[]> = async () => (await loadResidentCatalogue()).items,
  byId: (ids: readonly string[]) => Promise<CatalogueItem[]> = catalogueItemsById,
): Promise<{ items: CatalogueItem[] }> {
  const req = LookupSchema.parse(data ?? {});
  const out: CatalogueItem[] = [];
  // By id: the rows asked for, read by index (a large imported catalogue is never loaded for the popup's lists).
  if (req.itemIds?.length) out.push(...(await byId(req.itemIds)));
  const q = req.titleQuery?.trim().toLowerCase();
  if (q) {
    for (const it of await items()) {
      if (out.length >= MAX_LOOKUP * 2) break;
      if (it.title.toLowerCase().includes(q) || it.short_title.toLowerCase().includes(q)) out.push(it);
    }
  }
  return { items: out };
}

export function registerPopupHandlers(db: ZhongcaoDB = sharedDb): void {
  const check = (id: string | undefined, what: string) => {
    if (id !== browser.runtime.id) throw new Error(`${what}: foreign sender`);
  };
  onMessage('lookupItems', ({ data, sender }) => {
    check(sender.id, 'lookupItems');
    return lookupItems(data);
  });
  onMessage('deleteAllData', async ({ sender }) => {
    // Only our own extension pages may wipe the database, never a content script running inside weibo.com.
    const origin = browser.runtime.getURL('/').replace(/\/$/, '');
    const problem = extensionPageSenderProblem(sender, browser.runtime.id, origin);
    if (problem) throw new Error(`deleteAllData: ${problem}`);
    await deleteAllData(db);
    return { ok: true as const };
  });
}
