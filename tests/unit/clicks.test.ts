import { describe, expect, it } from 'vitest';
import { countClickThroughs, isClickThrough } from '../../utils/metrics/clicks';

describe('one definition of a click, shared by the popup, the studio and research', () => {
  it('counts click-throughs on a product, not 种草 / collapse / SKU controls', () => {
    expect(isClickThrough({ type: 'click', target: 'view-item' })).toBe(true);
    expect(isClickThrough({ type: 'click', target: 'buy' })).toBe(true);
    expect(isClickThrough({ type: 'click', target: 'save' })).toBe(false);
    expect(isClickThrough({ type: 'click', target: 'sku' })).toBe(false);
    expect(isClickThrough({ type: 'exposure' })).toBe(false);
  });

  it('counts once per page view, post and item, so one purchase is not three clicks', () => {
    const ev = (target: string, page = 'p1', item = 'i1') => ({
      type: 'click',
      target,
      page_id: page,
      post_id: 'post',
      item_id: item,
    });
    expect(countClickThroughs([ev('buy'), ev('buy'), ev('view-item'), ev('save'), ev('sku')])).toBe(1);
    expect(countClickThroughs([ev('buy'), ev('buy', 'p2'), ev('buy', 'p1', 'i2')])).toBe(3);
    expect(countClickThroughs([])).toBe(0);
  });
});
