// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createCardActions, type StoredList } from '@/utils/feed/card-actions';
import { ownLinkFor, ownLinksOf, postLinksOf } from '@/utils/feed/own-link';
import { pageTheme } from '@/utils/feed/theme';
import type { PlaceOrderResult } from '@/utils/orders/schema';
import type { Post } from '@/utils/types';
import { catalogueItem, makePost } from './feed.fixture';

const cream = catalogueItem('600000000001', '修护面霜 50ml');

function post(text: string, links: string[], repostLinks: string[] = []): Post {
  return makePost({
    id: 'PostAaaa1',
    author: { uid: '1000000001', name: '美妆博主', tier: 'gold' },
    text,
    repost: repostLinks.length ? { text: '', author: undefined } : null,
    links: [
      ...links.map((url) => ({ url, text: '网页链接', icon: null, inRepost: false })),
      ...repostLinks.map((url) => ({ url, text: '网页链接', icon: null, inRepost: true })),
    ],
  });
}

describe('查看商品 opens the influencer’s own link', () => {
  it('picks the post link that names the item, exactly as written', () => {
    const own = 'https://m.tb.cn/h.AbCdE?sm=4f2a';
    const links = postLinksOf(post('看这个', ['https://weibo.com/123', own]));
    expect(ownLinkFor(links, cream)).toBe(own);
    // As the background sends it with the answer: one per item, in the answer's order.
    const other = {
      ...catalogueItem('600000000002', '洁面乳 100g'),
      short_url: 'https://m.tb.cn/h.ZzZzZ',
      click_url: 'https://s.click.taobao.com/ZzZzZz9',
    };
    expect(ownLinksOf(post('看这个', ['https://weibo.com/123', own]), [other, cream])).toEqual([null, own]);
  });

  it('finds item pages, affiliate links and links pasted as text', () => {
    const page = 'https://detail.tmall.com/item.htm?spm=a1&id=600000000001';
    expect(ownLinkFor(postLinksOf(post('', [page])), cream)).toBe(page);
    expect(ownLinkFor(postLinksOf(post('', ['https://s.click.taobao.com/AbCdEf1'])), cream)).toBe(
      'https://s.click.taobao.com/AbCdEf1',
    );
    expect(ownLinkFor(postLinksOf(post('戳 https://m.tb.cn/h.AbCdE 买', [])), cream)).toBe('https://m.tb.cn/h.AbCdE');
  });

  it('gives nothing for a link to another item or a post that only has a 淘口令', () => {
    expect(ownLinkFor(postLinksOf(post('', ['https://m.tb.cn/h.ZzZzZ'])), cream)).toBeNull();
    expect(ownLinkFor(postLinksOf(post('￥uL1c0Yz0Zkk￥', [])), cream)).toBeNull();
  });
});

describe('page theme', () => {
  it('follows weibo.com’s woo-theme classes, then data-theme, else the system', () => {
    document.body.className = 'woo-theme-dark';
    expect(pageTheme(document)).toBe('dark');
    document.body.className = 'woo-theme-light';
    expect(pageTheme(document)).toBe('light');
    document.body.className = '';
    document.documentElement.setAttribute('data-theme', 'dark');
    expect(pageTheme(document)).toBe('dark');
    document.documentElement.removeAttribute('data-theme');
    expect(pageTheme(document)).toBeNull();
  });
});

function list(initial: string[] = []): StoredList & { value: string[] } {
  const l = {
    value: initial,
    getValue: async () => l.value,
    setValue: async (v: string[]) => {
      l.value = v;
    },
  };
  return l;
}

function setup(placeOrder: () => Promise<PlaceOrderResult>) {
  const recorded: { type: string; fields: Record<string, unknown> }[] = [];
  const saved = new Map<string, boolean>();
  const hidden: string[] = [];
  const dismissed = list();
  const collapsed = list();
  const actions = createCardActions({
    messages: {
      saveItem: async () => ({ ok: true, savedAt: 1 }),
      unsaveItem: async () => ({ ok: true }),
      placeOrder: vi.fn(placeOrder),
    },
    log: { record: (type, fields) => recorded.push({ type, fields: fields as Record<string, unknown> }) },
    authorOf: () => ({ id: '1000000001', name: 'x'.repeat(80) }),
    dismissedPosts: dismissed,
    collapsedPosts: collapsed,
    markSaved: (id, on) => saved.set(id, on),
    showCollapsed: () => {},
    hidePost: (id) => hidden.push(id),
    warn: () => {},
  });
  return { actions, recorded, saved, hidden, dismissed, collapsed };
}

describe('card actions', () => {
  it('logs a purchase only when the background placed the order, with the paid amount in fen', async () => {
    const refused = setup(async () => ({ ok: false, code: 'out-of-stock', message: '缺货' }));
    const req = { itemId: cream.item_id, skuId: '6000000000011', quantity: 1, expectedTotalFen: 12900 };
    const no = await refused.actions.placeOrder('PostAaaa1', {
      ...req,
      postId: null,
      authorId: null,
      authorName: null,
    });
    expect(no.ok).toBe(false);
    expect(refused.recorded).toEqual([]);

    const order = { order_id: 'ZC1', item_id: cream.item_id, paid_fen: 12900 } as never;
    const placed = setup(async () => ({ ok: true, order }));
    await placed.actions.placeOrder('PostAaaa1', { ...req, postId: null, authorId: null, authorName: null });
    expect(placed.recorded).toEqual([
      {
        type: 'purchase',
        fields: {
          post_id: 'PostAaaa1',
          author_id: '1000000001',
          item_id: cream.item_id,
          order_id: 'ZC1',
          amount_fen: 12900,
        },
      },
    ]);
  });

  it('dismiss hides the post, remembers it and logs it; collapse is remembered per post', async () => {
    const s = setup(async () => ({ ok: false, code: 'failed', message: '' }));
    s.actions.dismiss('PostAaaa1');
    s.actions.setCollapsed('PostBbbb2', true);
    await vi.waitFor(() => expect(s.dismissed.value).toEqual(['PostAaaa1']));
    await vi.waitFor(() => expect(s.collapsed.value).toEqual(['PostBbbb2']));
    expect(s.hidden).toEqual(['PostAaaa1']);
    expect(s.recorded.map((r) => r.type)).toEqual(['dismiss']);
    s.actions.setCollapsed('PostBbbb2', false);
    await vi.waitFor(() => expect(s.collapsed.value).toEqual([]));
  });

  it('save marks the card at once and logs after the background stored it', async () => {
    const s = setup(async () => ({ ok: false, code: 'failed', message: '' }));
    s.actions.save('PostAaaa1', cream.item_id);
    expect(s.saved.get(cream.item_id)).toBe(true);
    await vi.waitFor(() => expect(s.recorded.map((r) => r.type)).toEqual(['save']));
  });
});
