/**
 * What counts as a click everywhere we report one (popup, studio, research funnel): a click-through on a product —
 * the card itself, the influencer's link, 立即购买 or 查看商品 — counted once per page view, post and item. Controls
 * such as 种草, 收起 or a SKU chip are logged as clicks too (researchers want them) but are not interest in the
 * product, and a purchase's three button presses must not make a 300 % click-through rate.
 */
export const CLICK_THROUGH_TARGETS: ReadonlySet<string> = new Set(['card', 'link', 'buy', 'view-item']);

export interface ClickLike {
  type: string;
  target?: string;
  page_id?: string;
  post_id?: string | null;
  item_id?: string | null;
}

export function isClickThrough(e: ClickLike): boolean {
  return e.type === 'click' && (e.target === undefined || CLICK_THROUGH_TARGETS.has(e.target));
}

/** Distinct click-throughs among `events` (once per page view, post and item). */
export function countClickThroughs(events: Iterable<ClickLike>): number {
  const seen = new Set<string>();
  let n = 0;
  for (const e of events) {
    if (!isClickThrough(e)) continue;
    if (e.page_id === undefined) {
      n++;
      continue;
    }
    const key = `${e.page_id}\u0000${e.post_id}\u0000${e.item_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    n++;
  }
  return n;
}
