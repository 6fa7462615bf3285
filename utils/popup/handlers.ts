import { z } from 'zod';
import { loadCatalogue } from '@/utils/background/analyse';
import { deleteAllData } from '@/utils/background/db-maintenance';
import { extensionPageSenderProblem } from '@/utils/background/events';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { onMessage } from '@/utils/messaging';

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
  items: () => Promise<CatalogueItem[]> = async () => (await loadCatalogue()).items,
): Promise<{ items: CatalogueItem[] }> {
  const req = LookupSchema.parse(data ?? {});
  const all = await items();
  const out: CatalogueItem[] = [];
  if (req.itemIds?.length) {
    const wanted = new Set(req.itemIds);
    for (const it of all) if (wanted.has(it.item_id)) out.push(it);
  }
  const q = req.titleQuery?.trim().toLowerCase();
  if (q) {
    for (const it of all) {
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
