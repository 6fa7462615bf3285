import { type CatalogueItem, CatalogueItemSchema } from '@/utils/catalogue/schema';
import { db as sharedDb, type OrderRow, type ZhongcaoDB } from '@/utils/db';
import { onMessage } from '@/utils/messaging';
import { makeOrderId } from '@/utils/orders/order-id';
import { type PlaceOrderResult, PlaceOrderRequestSchema } from '@/utils/orders/schema';
import { validateOrderRequest } from '@/utils/orders/validate';
import { orderMessages } from '@/utils/orders/messages';

export type ItemLookup = (itemId: string) => Promise<CatalogueItem | undefined>;

export interface OrderDeps {
  getItem: ItemLookup;
  db: ZhongcaoDB;
  now: () => number;
  /** [0, 1); the order number's random suffix. */
  rand: () => number;
}

let catalogueById: Promise<Map<string, CatalogueItem>> | null = null;

/**
 * The catalogue the background prices orders against, loaded once per worker lifetime from the packaged
 * `catalogue/items.json`. Entries that fail the schema are skipped: an order can only be placed for a valid item.
 * Stop-gap until `utils/background/analyse.ts` exposes its memoised catalogue loader; swap `getItem` then.
 */
export function loadCatalogueIndex(): Promise<Map<string, CatalogueItem>> {
  catalogueById ??= (async () => {
    const res = await fetch(browser.runtime.getURL('/catalogue/items.json'));
    const raw: unknown = await res.json();
    const map = new Map<string, CatalogueItem>();
    if (Array.isArray(raw))
      for (const entry of raw) {
        const parsed = CatalogueItemSchema.safeParse(entry);
        if (parsed.success) map.set(parsed.data.item_id, parsed.data);
      }
    return map;
  })().catch((e: unknown) => {
    catalogueById = null; // let the next order retry instead of caching the failure for the worker's lifetime
    throw e;
  });
  return catalogueById;
}

export const defaultItemLookup: ItemLookup = async (itemId) => (await loadCatalogueIndex()).get(itemId);

function randomUnit(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}

function defaults(over: Partial<OrderDeps>): OrderDeps {
  return { getItem: defaultItemLookup, db: sharedDb, now: Date.now, rand: randomUnit, ...over };
}

/**
 * Places one mock order. Everything is checked before anything is written, and the single `orders` row is added in
 * one transaction, so a refused or failed order leaves no trace. Stock is the catalogue's static figure (a mock
 * catalogue has nothing to decrement), but 0-stock and over-stock orders are refused.
 */
export async function placeOrder(data: unknown, over: Partial<OrderDeps> = {}): Promise<PlaceOrderResult> {
  const deps = defaults(over);
  const parsed = PlaceOrderRequestSchema.safeParse(data);
  if (!parsed.success) return { ok: false, code: 'bad-request', message: orderMessages('zh-CN', 'bad-request') };
  const req = parsed.data;
  const now = deps.now();
  const item = await deps.getItem(req.itemId);
  const v = validateOrderRequest(req, item, now);
  if (!v.ok) return { ok: false, code: v.error.code, message: v.error.message, vars: v.error.vars };
  if (!item) throw new Error('unreachable: validated order without an item');

  const { sku, quote } = v;
  const base: Omit<OrderRow, 'order_id'> = {
    item_id: item.item_id,
    sku_id: sku.sku_id,
    sku_props: { ...sku.props },
    title: item.title,
    pict_url: item.pict_url,
    quantity: quote.quantity,
    unit_price_fen: quote.unitFen,
    coupon_fen: quote.couponFen,
    paid_fen: quote.totalFen,
    commission_rate_bp: Number(item.commission_rate),
    post_id: req.postId,
    author_id: req.authorId,
    author_name: req.authorName,
    created_at: now,
    status: 'paid',
  };
  try {
    const order = await deps.db.transaction('rw', deps.db.orders, async () => {
      // Two orders in the same second share the timestamp part; re-roll the suffix rather than overwrite.
      for (let attempt = 0; attempt < 5; attempt++) {
        const row: OrderRow = { order_id: makeOrderId(now, deps.rand), ...base };
        if ((await deps.db.orders.get(row.order_id)) === undefined) {
          await deps.db.orders.add(row);
          return row;
        }
      }
      throw new Error('could not allocate a unique order id');
    });
    return { ok: true, order };
  } catch (e) {
    console.error('[zhongcao] placeOrder failed', e);
    return { ok: false, code: 'failed', message: orderMessages('zh-CN', 'failed') };
  }
}

/** Registers the `placeOrder` message. Call synchronously at the top of the background's main. */
export function registerOrderHandlers(over: Partial<OrderDeps> = {}): void {
  onMessage('placeOrder', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id) throw new Error('placeOrder: foreign sender');
    return placeOrder(data, over);
  });
}
