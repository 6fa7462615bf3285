import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_WINDOW_MS, attributeOrder, type Touch } from '@/utils/metrics/attribution';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 5, 20, 12);
const order = { item_id: '1001', created_at: T0, post_id: null, author_id: null };
const touch = (type: Touch['type'], ago: number, post = `P${ago}`, item = '1001'): Touch => ({
  type,
  ts: T0 - ago,
  item_id: item,
  post_id: post,
  author_id: `A-${post}`,
});

describe('attributeOrder: last touch within 15 days, like Taobao Union', () => {
  it('credits the post of a click exactly 15 days before the purchase (window edge is inclusive)', () => {
    const a = attributeOrder(order, [touch('click', ATTRIBUTION_WINDOW_MS, 'edge')]);
    expect(a).toEqual({ kind: 'post', via: 'click', post_id: 'edge', author_id: 'A-edge', ts: T0 - 15 * DAY });
  });

  it('gives nothing for a click one millisecond outside the window: the order is 无来源 (direct)', () => {
    expect(attributeOrder(order, [touch('click', ATTRIBUTION_WINDOW_MS + 1)])).toEqual({ kind: 'direct' });
  });

  it('ignores touches after the purchase and touches on other items', () => {
    const later = { ...touch('click', 0, 'later'), ts: T0 + 1 };
    const other = touch('click', DAY, 'other', '2002');
    expect(attributeOrder(order, [later, other])).toEqual({ kind: 'direct' });
  });

  it('lets a click beat an older exposure', () => {
    const a = attributeOrder(order, [touch('exposure', 5 * DAY, 'seen'), touch('click', 2 * DAY, 'clicked')]);
    expect(a).toMatchObject({ kind: 'post', via: 'click', post_id: 'clicked' });
  });

  it('lets a click beat even a newer exposure, and the latest of several clicks wins', () => {
    const a = attributeOrder(order, [
      touch('click', 9 * DAY, 'old-click'),
      touch('click', 3 * DAY, 'new-click'),
      touch('exposure', DAY, 'fresh-view'),
    ]);
    expect(a).toMatchObject({ via: 'click', post_id: 'new-click' });
  });

  it('falls back to the latest exposure when nothing was clicked', () => {
    const a = attributeOrder(order, [touch('exposure', 10 * DAY, 'a'), touch('exposure', 4 * DAY, 'b')]);
    expect(a).toMatchObject({ via: 'exposure', post_id: 'b', author_id: 'A-b' });
  });

  it('credits the post an order was placed from, whatever the touches say', () => {
    const fromCard = { ...order, post_id: 'Card', author_id: '777' };
    expect(attributeOrder(fromCard, [touch('click', DAY, 'elsewhere')])).toEqual({
      kind: 'post',
      via: 'order',
      post_id: 'Card',
      author_id: '777',
      ts: T0,
    });
  });

  it('is direct with no touches at all', () => {
    expect(attributeOrder(order, [])).toEqual({ kind: 'direct' });
  });
});
