// @vitest-environment happy-dom
import { act, cleanup, render, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CardProduct, ProductCards, type ProductCardsProps } from '@/components/card';
import type { OrderRow } from '@/utils/db';
import type { PlaceOrderResult } from '@/utils/orders';
import type { Reason } from '@/utils/types';
import { JUNE_1, lipstick } from './orders.fixture';

/** Browsers mark real input `isTrusted: true`; happy-dom has no such flag, so tests state it explicitly. */
function fire(el: Element, event: Event, trusted: boolean) {
  Object.defineProperty(event, 'isTrusted', { value: trusted });
  act(() => {
    el.dispatchEvent(event);
  });
}
const click = (el: Element, trusted = true) =>
  fire(el, new MouseEvent('click', { bubbles: true, cancelable: true }), trusted);
const key = (el: Element, k: string, opts: { shift?: boolean; trusted?: boolean } = {}) =>
  fire(
    el,
    new KeyboardEvent('keydown', { key: k, shiftKey: opts.shift, bubbles: true, cancelable: true }),
    opts.trusted ?? true,
  );

const POST_LINK = 'https://m.tb.cn/h.5aBcD9x?sm=abc';
const reasons: Reason[] = [
  { code: 'short-link', weight: 3, detail: '含淘宝短链 m.tb.cn/h.5aBcD9x', itemId: '600000000001' },
  { code: 'guide-words', weight: 1, detail: '“链接在这里”“冲”' },
  { code: 'ad', weight: -2, detail: '广告' },
];

function products(n: number): CardProduct[] {
  return Array.from({ length: n }, (_, i) => {
    const id = String(600000000001 + i);
    return {
      item: lipstick({ item_id: id, short_title: `商品${i + 1}`, title: `丝绒哑光口红 第${i + 1}款` }),
      link: i === 0 ? POST_LINK : null,
    };
  });
}

function setup(over: Partial<ProductCardsProps> = {}) {
  // Mount inside an open shadow root, like the content script's <zhongcao-cards> host.
  const host = document.createElement('zhongcao-cards');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.append(container);
  const props: ProductCardsProps = {
    postId: 'Q1a2B3c4D',
    author: { id: '1669879400', name: '美妆博主小鹿' },
    products: products(1),
    reasons,
    savedIds: new Set(),
    collapsed: false,
    lang: 'zh-CN',
    now: JUNE_1,
    imageSrc: (p) => `chrome-extension://abc/${p}`,
    onSave: vi.fn(),
    onUnsave: vi.fn(),
    onBuy: vi.fn(),
    onPlaceOrder: vi.fn(),
    onViewItem: vi.fn(),
    onDismiss: vi.fn(),
    onToggleCollapsed: vi.fn(),
    onReasons: vi.fn(),
    ...over,
  };
  const r = render(<ProductCards {...props} />, { container });
  const ui = within(container);
  const active = () => shadow.activeElement;
  return {
    props,
    ui,
    shadow,
    active,
    rerender: (p: Partial<ProductCardsProps>) => r.rerender(<ProductCards {...props} {...p} />),
  };
}

/** The sheet's own clock (its 确认下单 guard and where focus came from); each test moves it on by hand. */
let clockMs = 10_000;
const later = (ms: number) => {
  clockMs += ms;
};
beforeEach(() => {
  clockMs = 10_000;
  vi.spyOn(performance, 'now').mockImplementation(() => clockMs);
});

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

const order = (over: Partial<OrderRow> = {}): OrderRow => ({
  order_id: 'ZC20250601120000123456',
  item_id: '600000000001',
  sku_id: '700000000001',
  sku_props: { 色号: '#316 豆沙' },
  title: 't',
  pict_url: 'catalogue/img/lipstick.svg',
  quantity: 3,
  unit_price_fen: 1990,
  coupon_fen: 500,
  paid_fen: 5470,
  commission_rate_bp: 1550,
  post_id: 'Q1a2B3c4D',
  author_id: '1669879400',
  author_name: '美妆博主小鹿',
  created_at: JUNE_1,
  status: 'paid',
  ...over,
});

describe('a product card', () => {
  it('shows the price, struck original price, coupon with expiry, sales, shop badge and the influencer', () => {
    const { ui } = setup();
    const card = ui.getByRole('article', { name: '丝绒哑光口红 第1款' });
    const text = card.textContent ?? '';
    expect(text).toContain('¥19.9');
    expect(card.querySelector('s')?.textContent).toContain('¥29.9');
    expect(text).toContain('满50减5');
    expect(text).toContain('6月30日前有效');
    expect(text).toContain('月销 1.2万');
    expect(within(card).getByText('天猫')).toBeTruthy();
    expect(text).toContain('花西子官方旗舰店');
    expect(text).toContain('来自 @美妆博主小鹿 的推荐');
    // one ¥19.90 unit does not reach 满50, so no misleading "券后" price
    expect(text).not.toContain('券后');
  });

  it('shows the after-coupon price when one unit unlocks the coupon, and hides an expired coupon', () => {
    const item = lipstick({ zk_final_price: '59.00', reserve_price: '79.00' });
    const { ui, rerender } = setup({ products: [{ item, link: null }] });
    expect(ui.getByRole('article').textContent).toMatch(/券后¥54/);
    rerender({ now: Date.UTC(2025, 6, 1) });
    expect(ui.getByRole('article').textContent).not.toContain('满50减5');
    expect(ui.getByRole('article').textContent).not.toContain('券后');
  });

  it('has every action as a named button, and 查看商品 opens the influencer’s own link in a new tab', () => {
    const { ui, props } = setup();
    expect(ui.getByRole('button', { name: '种草' }).getAttribute('aria-pressed')).toBe('false');
    expect(ui.getByRole('button', { name: '立即购买' })).toBeTruthy();
    expect(ui.getByRole('button', { name: /^不感兴趣/ })).toBeTruthy();
    const view = ui.getByRole('link', { name: /^查看商品/ });
    expect(view.getAttribute('href')).toBe(POST_LINK);
    expect(view.getAttribute('target')).toBe('_blank');
    expect(view.getAttribute('rel')).toBe('noopener noreferrer');
    // happy-dom would really navigate; the browser's default action is not what is under test here
    view.getRootNode().addEventListener('click', (e) => e.preventDefault());
    click(view);
    expect(props.onViewItem).toHaveBeenCalledWith('600000000001', POST_LINK);
  });

  it('never turns a javascript: "link" from the post into an href', () => {
    const { ui } = setup({ products: [{ item: lipstick(), link: 'javascript:alert(1)' }] });
    expect(ui.getByRole('link', { name: /^查看商品/ }).getAttribute('href')).toBe(
      'https://detail.tmall.com/item.htm?id=600000000001',
    );
  });

  it('toggles 种草 with aria-pressed, its text the same saved or not (the page’s text search cannot probe it)', () => {
    const { ui, props, rerender, shadow } = setup();
    click(ui.getByRole('button', { name: '种草' }));
    expect(props.onSave).toHaveBeenCalledWith('600000000001');
    const before = ui.getByRole('button', { name: '种草' }).textContent;
    rerender({ savedIds: new Set(['600000000001']) });
    const saved = ui.getByRole('button', { name: '种草' });
    expect(saved.getAttribute('aria-pressed')).toBe('true');
    expect(saved.textContent).toBe(before);
    expect(shadow.textContent).not.toMatch(/已种草|Saved/);
    click(saved);
    expect(props.onUnsave).toHaveBeenCalledWith('600000000001');
  });

  it('ignores script-dispatched clicks: no save, no buy sheet, no dismiss, no new tab', () => {
    const { ui, props } = setup();
    click(ui.getByRole('button', { name: '种草' }), false);
    click(ui.getByRole('button', { name: '立即购买' }), false);
    click(ui.getByRole('button', { name: /^不感兴趣/ }), false);
    const view = ui.getByRole('link', { name: /^查看商品/ });
    const ev = new MouseEvent('click', { bubbles: true, cancelable: true });
    fire(view, ev, false);
    expect(ev.defaultPrevented).toBe(true);
    expect(props.onSave).not.toHaveBeenCalled();
    expect(props.onBuy).not.toHaveBeenCalled();
    expect(props.onDismiss).not.toHaveBeenCalled();
    expect(props.onViewItem).not.toHaveBeenCalled();
    expect(ui.queryByRole('dialog')).toBeNull();
    // ...while a real click still works
    click(ui.getByRole('button', { name: '立即购买' }));
    expect(props.onBuy).toHaveBeenCalledOnce();
  });

  it('explains on demand why it is shown, without the penalties or other items’ reasons', () => {
    const { ui, props } = setup();
    const why = ui.getByRole('button', { name: '为什么推荐？' });
    expect(why.getAttribute('aria-expanded')).toBe('false');
    click(why);
    expect(why.getAttribute('aria-expanded')).toBe('true');
    const list = ui.getByRole('list');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['含淘宝分享短链含淘宝短链 m.tb.cn/h.5aBcD9x', '含导购用语“链接在这里”“冲”']);
    expect(props.onReasons).toHaveBeenCalledWith('600000000001', true);
  });

  it('speaks English in the English locale', () => {
    const { ui } = setup({ lang: 'en' });
    expect(ui.getByRole('button', { name: 'Save' })).toBeTruthy();
    expect(ui.getByRole('button', { name: 'Buy now' })).toBeTruthy();
    expect(ui.getByRole('link', { name: /^View item/ })).toBeTruthy();
    expect(ui.getByRole('article').textContent).toContain('12.3k sold in 30 days');
  });

  it('keeps a natural Tab order: header controls, then save, buy, view, why', () => {
    const { shadow } = setup();
    const tabbable = [...shadow.querySelectorAll<HTMLElement>('button, a[href], input, [tabindex]')].filter(
      (el) => !el.hasAttribute('disabled') && el.tabIndex >= 0,
    );
    expect(tabbable.every((el) => el.tabIndex === 0)).toBe(true);
    expect(tabbable.map((el) => el.textContent)).toEqual([
      '收起',
      '不感兴趣',
      '种草',
      '立即购买',
      '查看商品',
      '为什么推荐？',
    ]);
  });
});

describe('collapsed and carousel', () => {
  it('collapses to a one-line summary and asks the owner to expand', () => {
    const { ui, props } = setup({ collapsed: true, products: products(3) });
    expect(ui.queryByRole('article')).toBeNull();
    expect(ui.getByRole('region').textContent).toContain('博主提到 3 件商品 · 低至 ¥19.9');
    const expand = ui.getByRole('button', { name: '展开商品卡片' });
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    click(expand);
    expect(props.onToggleCollapsed).toHaveBeenCalledWith(false);
  });

  it('shows several products as a carousel with previous/next', () => {
    const { ui } = setup({ products: products(3) });
    const slides = ui.getAllByRole('group');
    expect(slides.map((s) => s.getAttribute('aria-label'))).toEqual([
      '第 1 件，共 3 件',
      '第 2 件，共 3 件',
      '第 3 件，共 3 件',
    ]);
    const prev = ui.getByRole('button', { name: '上一件' }) as HTMLButtonElement;
    const next = ui.getByRole('button', { name: '下一件' }) as HTMLButtonElement;
    expect(prev.disabled).toBe(true);
    click(next);
    expect(slides[1]?.getAttribute('aria-current')).toBe('true');
    expect(prev.disabled).toBe(false);
    click(next, false); // a scripted click does not move it
    expect(slides[1]?.getAttribute('aria-current')).toBe('true');
    click(next);
    expect(slides[2]?.getAttribute('aria-current')).toBe('true');
    expect(next.disabled).toBe(true);
    expect(ui.getAllByRole('article')).toHaveLength(3);
  });

  it('renders one plain card, without carousel controls, for a single product', () => {
    const { ui } = setup();
    expect(ui.queryByRole('group')).toBeNull();
    expect(ui.queryByRole('button', { name: '下一件' })).toBeNull();
  });
});

describe('quick-buy sheet', () => {
  function openSheet(over: Partial<ProductCardsProps> = {}) {
    const s = setup(over);
    const buy = s.ui.getByRole('button', { name: over.lang === 'en' ? 'Buy now' : '立即购买' });
    buy.focus();
    click(buy);
    const dialog = s.ui.getByRole('dialog');
    return { ...s, buy, dialog, d: within(dialog) };
  }
  const total = (dialog: HTMLElement) => dialog.querySelector('[data-zc-total]')?.textContent;

  it('opens as a modal dialog with focus on the chosen SKU; sold-out SKUs are disabled', () => {
    const { dialog, d, active, props } = openSheet();
    expect(props.onBuy).toHaveBeenCalledWith('600000000001');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy();
    const radios = d.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.disabled)).toEqual([false, true, false]);
    expect(radios[0]?.checked).toBe(true);
    expect(active()).toBe(radios[0]);
    expect(d.getByText(/缺货/)).toBeTruthy();
  });

  it('bounds the quantity by stock and applies 满50减5 once the subtotal reaches ¥50', () => {
    const { dialog, d } = openSheet();
    const plus = d.getByRole('button', { name: '增加数量' }) as HTMLButtonElement;
    const minus = d.getByRole('button', { name: '减少数量' }) as HTMLButtonElement;
    expect(minus.disabled).toBe(true);
    expect(total(dialog)).toBe('¥19.90');
    expect(dialog.textContent).toContain('满50减5，再买 ¥30.10 可用');
    click(plus);
    click(plus);
    expect(total(dialog)).toBe('¥54.70');
    expect(dialog.textContent).toContain('满50减5，已减 ¥5');
    click(plus);
    click(plus);
    expect((d.getByRole('spinbutton') as HTMLInputElement).value).toBe('5');
    expect(plus.disabled).toBe(true); // stock is 5
    click(d.getByRole('radio', { name: /礼盒装/ }));
    expect((d.getByRole('spinbutton') as HTMLInputElement).value).toBe('2'); // that SKU has 2 left
    expect(total(dialog)).toBe('¥113');
  });

  it('places the order with the shown total and confirms with the order number; focus returns after', async () => {
    const placed = Promise.resolve<PlaceOrderResult>({ ok: true, order: order() });
    const onPlaceOrder = vi.fn(() => placed);
    const { d, active, buy, ui } = openSheet({ onPlaceOrder });
    click(d.getByRole('button', { name: '增加数量' }));
    click(d.getByRole('button', { name: '增加数量' }));
    later(600);
    click(d.getByRole('button', { name: '确认下单' }));
    await act(() => placed);
    expect(onPlaceOrder).toHaveBeenCalledWith({
      itemId: '600000000001',
      skuId: '700000000001',
      quantity: 3,
      expectedTotalFen: 5470,
      postId: 'Q1a2B3c4D',
      authorId: '1669879400',
      authorName: '美妆博主小鹿',
    });
    expect(d.getByRole('status').textContent).toContain('下单成功');
    expect(d.getByText('ZC20250601120000123456')).toBeTruthy();
    const done = d.getByRole('button', { name: '完成' });
    expect(active()).toBe(done);
    click(done);
    expect(ui.queryByRole('dialog')).toBeNull();
    await Promise.resolve();
    expect(active()).toBe(buy);
  });

  it('shows a clear message when the order is refused, in the user’s language', async () => {
    const refused = Promise.resolve<PlaceOrderResult>({
      ok: false,
      code: 'price-changed',
      message: '…',
      vars: { total: '¥21.90' },
    });
    const { d } = openSheet({ lang: 'en', onPlaceOrder: () => refused });
    later(600);
    click(d.getByRole('button', { name: 'Place order' }));
    await act(() => refused);
    expect(d.getByRole('alert').textContent).toBe(
      'The price has changed (new total ¥21.90). The order was not placed; please check the new price.',
    );
  });

  it('does not place an order from a scripted click on 确认下单', () => {
    const onPlaceOrder = vi.fn();
    const { d } = openSheet({ onPlaceOrder });
    click(d.getByRole('button', { name: '确认下单' }), false);
    expect(onPlaceOrder).not.toHaveBeenCalled();
  });

  it('Enter in the quantity field confirms', async () => {
    const placed = Promise.resolve<PlaceOrderResult>({ ok: true, order: order({ quantity: 1, paid_fen: 1990 }) });
    const onPlaceOrder = vi.fn(() => placed);
    const { d } = openSheet({ onPlaceOrder });
    later(300);
    // The person tabs to the field: focus that their own input brought.
    key(d.getByRole('spinbutton'), 'Tab');
    act(() => d.getByRole('spinbutton').focus());
    key(d.getByRole('spinbutton'), 'Enter', { trusted: false });
    expect(onPlaceOrder).not.toHaveBeenCalled();
    later(300);
    key(d.getByRole('spinbutton'), 'Enter');
    await act(() => placed);
    expect(onPlaceOrder).toHaveBeenCalledWith(expect.objectContaining({ quantity: 1, expectedTotalFen: 1990 }));
  });

  it('ignores 确认下单 in the first half second after the sheet opens (a click meant for what was there before)', () => {
    const onPlaceOrder = vi.fn(() => new Promise<PlaceOrderResult>(() => {}));
    const { d } = openSheet({ onPlaceOrder });
    later(200);
    click(d.getByRole('button', { name: '确认下单' }));
    expect(onPlaceOrder).not.toHaveBeenCalled();
    later(400);
    click(d.getByRole('button', { name: '确认下单' }));
    expect(onPlaceOrder).toHaveBeenCalledOnce();
  });

  it('Enter does not confirm after focus the person did not bring (a page script’s focus())', () => {
    const onPlaceOrder = vi.fn(() => new Promise<PlaceOrderResult>(() => {}));
    const { d } = openSheet({ onPlaceOrder });
    later(5_000);
    act(() => d.getByRole('spinbutton').focus());
    key(d.getByRole('spinbutton'), 'Enter');
    expect(onPlaceOrder).not.toHaveBeenCalled();
    // A click of the person's own in the sheet makes Enter theirs again.
    fire(d.getByRole('spinbutton'), new MouseEvent('pointerdown', { bubbles: true }), true);
    key(d.getByRole('spinbutton'), 'Enter');
    expect(onPlaceOrder).toHaveBeenCalledOnce();
  });

  it('Escape closes it and focus returns to 立即购买; a scripted Escape does not', async () => {
    const { dialog, ui, buy, active } = openSheet();
    key(dialog.querySelector('input[type=radio]') as Element, 'Escape', { trusted: false });
    expect(ui.queryByRole('dialog')).not.toBeNull();
    key(dialog.querySelector('input[type=radio]') as Element, 'Escape');
    expect(ui.queryByRole('dialog')).toBeNull();
    // Focus goes back once the render that closed the sheet is complete (a microtask later).
    await Promise.resolve();
    expect(active()).toBe(buy);
  });

  it('traps Tab inside the sheet', () => {
    const { d, active } = openSheet();
    const close = d.getByRole('button', { name: '关闭' });
    const confirm = d.getByRole('button', { name: '确认下单' });
    confirm.focus();
    key(confirm, 'Tab');
    expect(active()).toBe(close);
    key(close, 'Tab', { shift: true });
    expect(active()).toBe(confirm);
  });

  it('marks the cards behind the sheet inert', () => {
    const { shadow } = openSheet();
    expect(shadow.querySelector('.zc-frame')?.hasAttribute('inert')).toBe(true);
  });
});
