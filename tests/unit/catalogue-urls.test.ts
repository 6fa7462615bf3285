import { describe, expect, it } from 'vitest';
import { generateCatalogue } from '@/utils/catalogue/generate';
import { parseCatalogue } from '@/utils/catalogue/load';
import { PlaceOrderRequestSchema } from '@/utils/orders/schema';
import { RememberAuthorRequestSchema } from '@/utils/worker/authors';

const [item] = generateCatalogue({ count: 1 });
if (!item) throw new Error('no item');

describe('catalogue links: https only, on Alibaba hosts (issue 27, finding 8)', () => {
  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    `http://item.taobao.com/item.htm?id=${item.item_id}`,
    `https://evil.example/item.htm?id=${item.item_id}`,
    `https://item.taobao.com.evil.example/item.htm?id=${item.item_id}`,
  ])('refuses an entry whose item_url is %s, at load', (url) => {
    const { items, errors } = parseCatalogue([{ ...item, item_url: url }]);
    expect(items).toEqual([]);
    expect(errors[0]?.message).toContain('item_url');
  });

  it('keeps item pages on Taobao and Tmall', () => {
    for (const url of [
      `https://item.taobao.com/item.htm?id=${item.item_id}`,
      `https://detail.tmall.com/item.htm?id=${item.item_id}`,
    ]) {
      expect(parseCatalogue([{ ...item, item_url: url }]).items).toHaveLength(1);
    }
  });
});

describe('names shown as names (issue 27, finding 9)', () => {
  it('refuses a catalogue title that carries a right-to-left override', () => {
    expect(parseCatalogue([{ ...item, title: `\u202E${item.title}` }]).items).toEqual([]);
  });

  it('author names a page sends are stored without bidi controls or zero-width characters', () => {
    expect(RememberAuthorRequestSchema.parse({ authorId: '1', name: '\u202E好物\u200B分享' }).name).toBe('好物分享');
    const order = PlaceOrderRequestSchema.parse({
      itemId: item.item_id,
      skuId: item.skus[0]?.sku_id,
      quantity: 1,
      expectedTotalFen: 0,
      postId: null,
      authorId: null,
      authorName: '\u2067名字\u2069',
    });
    expect(order.authorName).toBe('名字');
  });
});
