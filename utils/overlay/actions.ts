import type { PlaceOrderRequest, PlaceOrderResult } from '@/utils/orders/schema';

// React-free: the content script's own bundle imports these; React and the cards load later (./renderer.ts).

export type ImageUrlOf = (cataloguePath: string) => string;

/**
 * What the cards' buttons do. The cards have already checked `isTrusted`; these run the action (messages to the
 * background, settings) and log it. Every call names the post, because one React root serves all of them.
 */
export interface CardActions {
  save(postId: string, itemId: string): void;
  unsave(postId: string, itemId: string): void;
  /** 立即购买 opened the quick-buy sheet. */
  buy(postId: string, itemId: string): void;
  placeOrder(postId: string, req: PlaceOrderRequest): Promise<PlaceOrderResult>;
  viewItem(postId: string, itemId: string, href: string): void;
  dismiss(postId: string): void;
  setCollapsed(postId: string, collapsed: boolean): void;
}

/**
 * What the overlay tells event tracking, from what it drew: which element shows which post's item (a ref callback per
 * card; null when the card goes), and each card action that passed the input gate. Tracking never learns either from
 * the page's DOM, where the page could forge it.
 */
export interface CardWatch {
  card(postId: string, itemId: string, el: Element | null): void;
  /** A trusted click on a visible host's control; `path` is the event's composed path, from inside the closed root. */
  click(postId: string, path: readonly EventTarget[]): void;
}

export const INERT_WATCH: CardWatch = { card() {}, click() {} };

/** Cards without wiring (unit tests, previews): buttons render and do nothing; orders are refused. */
export const INERT_ACTIONS: CardActions = {
  save() {},
  unsave() {},
  buy() {},
  placeOrder: async () => ({ ok: false, code: 'failed', message: '暂时无法下单，请稍后再试。' }),
  viewItem() {},
  dismiss() {},
  setCollapsed() {},
};
