import { catalogueItemsById } from '@/utils/catalogue/active';
import { prepareCatalogue } from '@/utils/catalogue/loaded';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { type OrderRow, db as sharedDb, type ZhongcaoDB } from '@/utils/db';
import { onMessage } from '@/utils/messaging';
import { orderMessages } from '@/utils/orders/messages';
import { makeOrderId } from '@/utils/orders/order-id';
import { PlaceOrderRequestSchema, type PlaceOrderResult } from '@/utils/orders/schema';
import { validateOrderRequest } from '@/utils/orders/validate';

export type ItemLookup = (itemId: string) => Promise<CatalogueItem | undefined>;

export interface OrderDeps {
  getItem: ItemLookup;
  db: ZhongcaoDB;
  now: () => number;
  /** [0, 1); the order number's random suffix. */
  rand: () => number;
}

/** Orders are priced against the catalogue the analyser matched against: the winning source's item, read by id. */
// The packaged mock goes into the database once per version, when the worker first needs its catalogue: a save or an
// order right after install waits for that rather than finding no item.
export const defaultItemLookup: ItemLookup = async (itemId) => {
  await prepareCatalogue().catch(() => undefined);
  return (await catalogueItemsById([itemId]))[0];
};

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
