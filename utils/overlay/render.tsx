import { memo, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { useStore } from 'zustand';
import { type CardProduct, ProductCards } from '@/components/card';
import type { AnalysedPost } from '@/utils/messaging';
import type { PlaceOrderRequest } from '@/utils/orders/schema';
import { type CardActions, type CardWatch, type ImageUrlOf, INERT_ACTIONS, INERT_WATCH } from './actions';
import type { OverlayStore } from './store';

/** Coupon validity is day-granular: a clock rounded to the minute keeps the portals' memo effective. */
const minuteNow = () => Math.floor(Date.now() / 60_000) * 60_000;

/** The answer's items with each one's own link in the post (worked out in the background, see `ownLinksOf`). */
function productsOf(post: AnalysedPost): CardProduct[] {
  return post.items.map((item, i) => ({ item, link: post.links?.[i] ?? null }));
}

/**
 * One post's cards. It subscribes to its own slice of the store (its answer with its links, its author, collapsed
 * flag), so an answer or a host arriving for one post re-renders that post only, never every card on the page.
 */
const PostPortal = memo(function PostPortal(props: {
  postId: string;
  store: OverlayStore;
  imageUrlOf: ImageUrlOf;
  actions: CardActions;
  watch: CardWatch;
}) {
  const { postId, store, actions, watch } = props;
  const post = useStore(store, (s) => s.byPostId[postId]);
  const meta = useStore(store, (s) => s.meta[postId]);
  const collapsed = useStore(store, (s) => s.collapsed.has(postId));
  const saved = useStore(store, (s) => s.savedIds);
  const lang = useStore(store, (s) => s.lang);
  const products = useMemo(() => (post ? productsOf(post) : []), [post]);
  const author = useMemo(() => (meta ? { id: meta.authorId, name: meta.authorName } : null), [meta]);
  const handlers = useMemo(
    () => ({
      onSave: (itemId: string) => actions.save(postId, itemId),
      onUnsave: (itemId: string) => actions.unsave(postId, itemId),
      onBuy: (itemId: string) => actions.buy(postId, itemId),
      onPlaceOrder: (req: PlaceOrderRequest) => actions.placeOrder(postId, req),
      onViewItem: (itemId: string, href: string) => actions.viewItem(postId, itemId, href),
      onDismiss: () => actions.dismiss(postId),
      onToggleCollapsed: (c: boolean) => actions.setCollapsed(postId, c),
    }),
    [actions, postId],
  );
  // One stable ref callback per item: React calls it with the card's element when drawn and null when it goes, so
  // tracking knows what it observes from what we drew. A new callback per render would detach and re-attach each time.
  const refs = useRef(new Map<string, (el: HTMLElement | null) => void>());
  const cardRef = useMemo(() => {
    refs.current.clear();
    return (itemId: string) => {
      let ref = refs.current.get(itemId);
      if (!ref) {
        ref = (el) => watch.card(postId, itemId, el);
        refs.current.set(itemId, ref);
      }
      return ref;
    };
  }, [watch, postId]);
  if (!post) return null;
  return (
    <ProductCards
      postId={postId}
      author={author}
      products={products}
      reasons={post.detection.reasons}
      savedIds={saved}
      collapsed={collapsed}
      lang={lang}
      now={minuteNow()}
      imageSrc={props.imageUrlOf}
      cardRef={cardRef}
      {...handlers}
    />
  );
});

const slots = new WeakMap<ShadowRoot, string>();
let nextSlot = 0;
function slotKey(root: ShadowRoot): string {
  let key = slots.get(root);
  if (key === undefined) {
    key = `slot${nextSlot++}`;
    slots.set(root, key);
  }
  return key;
}

function OverlayRoot({
  store,
  imageUrlOf,
  actions,
  watch,
}: {
  store: OverlayStore;
  imageUrlOf: ImageUrlOf;
  actions: CardActions;
  watch: CardWatch;
}) {
  const hosts = useStore(store, (s) => s.hosts);
  // A portal per shadow root, keyed by the root: a host reused for another post keeps its portal (and the event
  // listeners React put on the root), while the post's own subtree, keyed by post id, mounts afresh (no state carried
  // from the post the host showed before).
  return (
    <>
      {Object.entries(hosts).map(([postId, shadow]) =>
        createPortal(
          <PostPortal
            key={postId}
            postId={postId}
            store={store}
            imageUrlOf={imageUrlOf}
            actions={actions}
            watch={watch}
          />,
          shadow,
          slotKey(shadow),
        ),
      )}
    </>
  );
}

/**
 * ONE React root, rendered into a detached element, draws every post's cards through portals into the hosts'
 * shadow roots: a root per card would cost a scheduler and a reconciler pass per post.
 */
export function mountOverlayRoot(
  store: OverlayStore,
  imageUrlOf: ImageUrlOf,
  actions: CardActions = INERT_ACTIONS,
  watch: CardWatch = INERT_WATCH,
): Root {
  const container = document.createElement('div');
  const root = createRoot(container);
  root.render(<OverlayRoot store={store} imageUrlOf={imageUrlOf} actions={actions} watch={watch} />);
  return root;
}
