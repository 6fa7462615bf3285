import type { FeedTracking } from '@/utils/events/feed-tracking';
import type { ProtocolMap } from '@/utils/messaging';
import type { PlaceOrderResult } from '@/utils/orders/schema';
import type { CardActions } from '@/utils/overlay/actions';

/** The three messages the card buttons send; the content script passes `sendMessage`, tests a fake. */
export interface CardMessenger {
  saveItem(data: Parameters<ProtocolMap['saveItem']>[0]): Promise<ReturnType<ProtocolMap['saveItem']>>;
  unsaveItem(data: Parameters<ProtocolMap['unsaveItem']>[0]): Promise<ReturnType<ProtocolMap['unsaveItem']>>;
  placeOrder(data: Parameters<ProtocolMap['placeOrder']>[0]): Promise<PlaceOrderResult>;
}

/** A list kept in `storage.local` (settings.dismissedPosts / collapsedPosts). */
export interface StoredList {
  getValue(): Promise<string[]>;
  setValue(value: string[]): Promise<void>;
}

export interface CardActionDeps {
  messages: CardMessenger;
  log: Pick<FeedTracking, 'record'>;
  authorOf(postId: string): { id: string | null; name: string | null };
  dismissedPosts: StoredList;
  collapsedPosts: StoredList;
  /** Optimistic pressed state until the background's mirror (`savedItemIds`) confirms or corrects it. */
  markSaved(itemId: string, saved: boolean): void;
  /** Collapse / hide right away; storage (and so other tabs) follows. */
  showCollapsed(postId: string, collapsed: boolean): void;
  hidePost(postId: string): void;
  warn?: (message: string, error?: unknown) => void;
}

/** Cap on remembered collapsed / dismissed posts; the oldest go first (storage.local is small and synchronous-ish). */
const MAX_REMEMBERED = 2000;

// The background's schema: uid ≤ 32 chars, name 1–60 chars; page text can be anything, so trim rather than be refused.
const authorFields = (a: { id: string | null; name: string | null }) => ({
  authorId: a.id ? a.id.slice(0, 32) : null,
  authorName: a.name ? a.name.slice(0, 60) : null,
});

async function editList(list: StoredList, postId: string, present: boolean): Promise<void> {
  const now = await list.getValue();
  const rest = now.filter((id) => id !== postId);
  const next = present ? [...rest, postId].slice(-MAX_REMEMBERED) : rest;
  if (next.length !== now.length || present !== now.includes(postId)) await list.setValue(next);
}

/**
 * What each card button does once the card has checked the input was trusted: one message to the background, and
 * the matching event logged only after the background said yes (a refused order is not a purchase).
 */
export function createCardActions(deps: CardActionDeps): CardActions {
  const warn = deps.warn ?? ((m, e) => console.warn(`[zhongcao] ${m}`, e ?? ''));
  const ids = (postId: string) => {
    const a = deps.authorOf(postId);
    return { post_id: postId, author_id: a.id };
  };

  return {
    save(postId, itemId) {
      deps.markSaved(itemId, true);
      deps.messages
        .saveItem({ itemId, postId, ...authorFields(deps.authorOf(postId)) })
        .then((res) => {
          if (!res.ok) {
            deps.markSaved(itemId, false);
            warn(`save refused: ${res.message}`);
            return;
          }
          deps.log.record('save', { ...ids(postId), item_id: itemId });
        })
        .catch((e: unknown) => {
          deps.markSaved(itemId, false);
          warn('save failed', e);
        });
    },
    unsave(postId, itemId) {
      deps.markSaved(itemId, false);
      deps.messages
        .unsaveItem({ itemId })
        .then(() => deps.log.record('unsave', { ...ids(postId), item_id: itemId }))
        .catch((e: unknown) => {
          deps.markSaved(itemId, true);
          warn('unsave failed', e);
        });
    },
    // The click itself is logged by feed tracking (data-zc-click="buy"); opening the sheet needs nothing else.
    buy() {},
    async placeOrder(postId, req) {
      const res = await deps.messages.placeOrder({ ...req, postId, ...authorFields(deps.authorOf(postId)) });
      if (res.ok) {
        deps.log.record('purchase', {
          ...ids(postId),
          item_id: res.order.item_id,
          order_id: res.order.order_id,
          amount_fen: res.order.paid_fen,
        });
      }
      return res;
    },
    // The <a target=_blank> opens the influencer's own link natively; the click is logged as data-zc-click="view-item".
    viewItem() {},
    dismiss(postId) {
      deps.log.record('dismiss', { ...ids(postId), item_id: null });
      deps.hidePost(postId);
      editList(deps.dismissedPosts, postId, true).catch((e: unknown) => warn('could not remember dismissal', e));
    },
    setCollapsed(postId, collapsed) {
      deps.showCollapsed(postId, collapsed);
      editList(deps.collapsedPosts, postId, collapsed).catch((e: unknown) => warn('could not remember collapse', e));
    },
  };
}
