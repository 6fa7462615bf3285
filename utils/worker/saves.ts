import { liveQuery } from 'dexie';
import { type SaveRow, db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { onMessage } from '@/utils/messaging';
import { yuanToFen } from '@/utils/orders/fen';
import { SaveItemRequestSchema, type SaveItemResult, UnsaveItemRequestSchema } from '@/utils/orders/schema';
import { settings } from '@/utils/settings';
import { invalidRequest } from './invalid-request';
import { defaultItemLookup, type ItemLookup } from './orders';

export interface SaveDeps {
  getItem: ItemLookup;
  db: ZhongcaoDB;
  now: () => number;
  /** Where the saved ids are mirrored for content scripts (settings.savedItemIds). */
  mirror: (itemIds: string[]) => Promise<void>;
}

function defaults(over: Partial<SaveDeps>): SaveDeps {
  return {
    getItem: defaultItemLookup,
    db: sharedDb,
    now: Date.now,
    mirror: (ids) => settings.savedItemIds.setValue(ids),
    ...over,
  };
}

/**
 * Copies the saved item ids to `storage.local`, which every content script watches: a save or undo in one tab or in
 * the popup updates every card everywhere without each card asking the worker. Awaited before a save is answered,
 * so the mirror is current by the time the page hears back.
 */
export async function mirrorSavedIds(over: Partial<SaveDeps> = {}): Promise<string[]> {
  const deps = defaults(over);
  const ids = (await deps.db.saves.toCollection().primaryKeys()) as string[];
  await deps.mirror(ids);
  return ids;
}

/**
 * 种草: one row per item. Title, picture and price come from the catalogue, not from the message, so a page that
 * reaches the content script cannot plant arbitrary text in the wish-list. Saving again refreshes the row.
 */
export async function saveItem(data: unknown, over: Partial<SaveDeps> = {}): Promise<SaveItemResult> {
  const deps = defaults(over);
  const parsed = SaveItemRequestSchema.safeParse(data);
  if (!parsed.success) return { ok: false, code: 'bad-request', message: '收藏请求无效。' };
  const req = parsed.data;
  const item = await deps.getItem(req.itemId);
  if (!item) return { ok: false, code: 'unknown-item', message: '这件商品不在商品库中，无法种草。' };
  const row: SaveRow = {
    item_id: item.item_id,
    post_id: req.postId,
    author_id: req.authorId,
    author_name: req.authorName,
    title: item.title,
    pict_url: item.pict_url,
    price_fen_at_save: yuanToFen(item.zk_final_price),
    saved_at: deps.now(),
  };
  await deps.db.saves.put(row);
  await mirrorSavedIds(deps);
  return { ok: true, savedAt: row.saved_at };
}

export async function unsaveItem(data: unknown, over: Partial<SaveDeps> = {}): Promise<{ ok: true }> {
  const deps = defaults(over);
  const parsed = UnsaveItemRequestSchema.safeParse(data);
  if (!parsed.success) throw invalidRequest('unsaveItem', parsed.error);
  await deps.db.saves.delete(parsed.data.itemId);
  await mirrorSavedIds(deps);
  return { ok: true };
}

export async function getSavedIds(over: Partial<SaveDeps> = {}): Promise<{ itemIds: string[] }> {
  const { db } = defaults(over);
  return { itemIds: (await db.saves.toCollection().primaryKeys()) as string[] };
}

/**
 * Registers `saveItem`, `unsaveItem` and `getSavedIds`. Call synchronously at the top of the background's main.
 * Also keeps the mirror in step with the table itself (a live query, which fires once at worker start too): "delete
 * all data" and other writers change the table without going through these handlers.
 */
export function registerSaveHandlers(over: Partial<SaveDeps> = {}): void {
  const deps = defaults(over);
  liveQuery(() => deps.db.saves.toCollection().primaryKeys()).subscribe({
    next: (ids) => void deps.mirror(ids as string[]).catch(() => {}),
    error: (e: unknown) => console.warn('[zhongcao] could not mirror saved ids', e),
  });
  const check = (id: string | undefined, what: string) => {
    if (id !== browser.runtime.id) throw new Error(`${what}: foreign sender`);
  };
  onMessage('saveItem', ({ data, sender }) => {
    check(sender.id, 'saveItem');
    return saveItem(data, over);
  });
  onMessage('unsaveItem', ({ data, sender }) => {
    check(sender.id, 'unsaveItem');
    return unsaveItem(data, over);
  });
  onMessage('getSavedIds', ({ sender }) => {
    check(sender.id, 'getSavedIds');
    return getSavedIds(over);
  });
}
