/** The synthetic event stream the write benchmarks store: a plausible mix over 30 days, valid under the Zod schema. */
import { createEventFactory } from '@/utils/events/factory';
import type { ZcEvent } from '@/utils/events/schema';

const POSTS = 2_000;
const AUTHORS = 200;
const ITEMS = 300;
export const DAY = 86_400_000;
export const START = Date.UTC(2026, 9, 1);

/** `itemIds`: the catalogue's ids, for streams that go through the worker (it refuses items it does not know). */
export function synthetic(n: number, pageId: string = crypto.randomUUID(), itemIds?: readonly string[]): ZcEvent[] {
  const make = createEventFactory({ pageId, extVersion: '0.1.0' });
  // A plausible mix: mostly exposures and view time, fewer clicks, rare saves and purchases.
  const out: ZcEvent[] = [];
  for (let i = 0; i < n; i++) {
    const post = `P${i % POSTS}`;
    const author = `A${i % AUTHORS}`;
    const item = itemIds?.length
      ? (itemIds[i % Math.min(ITEMS, itemIds.length)] as string)
      : String(600000000000 + (i % ITEMS));
    const at = START + Math.floor((i / n) * 30 * DAY);
    const r = i % 20;
    if (r < 9)
      out.push(
        make(
          'exposure',
          { post_id: post, author_id: author, item_id: item, visible_ms: 1000 + (i % 900), max_ratio: 1 },
          at,
        ),
      );
    else if (r < 13)
      out.push(
        make(
          'view_time',
          {
            post_id: post,
            author_id: author,
            item_id: item,
            visible_ms: 2000 + (i % 5000),
            max_ratio: 1,
            exposed: true,
          },
          at,
        ),
      );
    else if (r < 15) out.push(make('detect', { post_id: post, author_id: author, item_id: null, score: 5 }, at));
    else if (r < 17) out.push(make('click', { post_id: post, author_id: author, item_id: item, target: 'card' }, at));
    else if (r < 18)
      out.push(make('interaction', { post_id: post, author_id: author, item_id: null, action: 'like' }, at));
    else if (r < 19) out.push(make('save', { post_id: post, author_id: author, item_id: item }, at));
    else
      out.push(
        make(
          'purchase',
          { post_id: post, author_id: author, item_id: item, order_id: `ZC-${i}`, amount_fen: 12900 },
          at,
        ),
      );
  }
  return out;
}
