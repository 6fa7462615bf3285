/**
 * Last-touch attribution of an order to the influencer post that led to it, the way Taobao Union credits a sale:
 * the most recent touch on the same item inside a 15-day window before the purchase. A click outranks an exposure
 * whatever their order (a click is an explicit act; an exposure may be a scroll past), so the latest click in the
 * window wins, and only when there is none does the latest exposure.
 */
export const ATTRIBUTION_WINDOW_MS = 15 * 86_400_000;

export interface Touch {
  type: 'exposure' | 'click';
  ts: number;
  item_id: string | null;
  post_id: string | null;
  author_id: string | null;
}

export interface AttributableOrder {
  item_id: string;
  created_at: number;
  /** Set when the order was placed from a post's card (or from a saved item that remembers its post). */
  post_id: string | null;
  author_id: string | null;
}

export type Attribution =
  | { kind: 'post'; via: 'order' | 'click' | 'exposure'; post_id: string; author_id: string | null; ts: number }
  | { kind: 'direct' };

/**
 * `touches` may hold anything (other items, later events, touches without a post); they are filtered here.
 * The order's own post (bought straight from a card) counts as a click at purchase time.
 */
export function attributeOrder(
  order: AttributableOrder,
  touches: Iterable<Touch>,
  windowMs: number = ATTRIBUTION_WINDOW_MS,
): Attribution {
  if (order.post_id) {
    return { kind: 'post', via: 'order', post_id: order.post_id, author_id: order.author_id, ts: order.created_at };
  }
  const from = order.created_at - windowMs;
  let click: Touch | null = null;
  let exposure: Touch | null = null;
  for (const t of touches) {
    if (t.item_id !== order.item_id || !t.post_id) continue;
    if (t.ts < from || t.ts > order.created_at) continue;
    if (t.type === 'click') {
      if (!click || t.ts > click.ts) click = t;
    } else if (!exposure || t.ts > exposure.ts) {
      exposure = t;
    }
  }
  const best = click ?? exposure;
  if (!best?.post_id) return { kind: 'direct' };
  return { kind: 'post', via: best.type, post_id: best.post_id, author_id: best.author_id, ts: best.ts };
}
