import { memo, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { useStore } from 'zustand';
import { type BasicCardItem, PostCards } from '@/components/overlay/PostCards';
import type { AnalysedPost } from '@/utils/messaging';
import { yuanToFen } from '@/utils/orders/fen';
import type { Lang } from '@/utils/settings';
import type { OverlayStore } from './store';

export type ImageUrlOf = (cataloguePath: string) => string;

function toCardItems(post: AnalysedPost, imageUrlOf: ImageUrlOf): BasicCardItem[] {
  const out: BasicCardItem[] = [];
  for (const item of post.items) {
    let priceFen: number;
    try {
      priceFen = yuanToFen(item.zk_final_price);
    } catch {
      continue;
    }
    out.push({ itemId: item.item_id, title: item.title, imageUrl: imageUrlOf(item.pict_url), priceFen });
  }
  return out;
}

/** The strongest positive reason, e.g. 含淘口令 ￥uL1c0Yz0Zkk￥. */
function whyOf(post: AnalysedPost): string | null {
  let best: { weight: number; detail: string } | null = null;
  for (const r of post.detection.reasons) if (r.weight > 0 && (!best || r.weight > best.weight)) best = r;
  return best ? best.detail : null;
}

const PostPortalContent = memo(function PostPortalContent(props: {
  post: AnalysedPost;
  author: string | undefined;
  lang: Lang;
  imageUrlOf: ImageUrlOf;
}) {
  const items = useMemo(() => toCardItems(props.post, props.imageUrlOf), [props.post, props.imageUrlOf]);
  return (
    <PostCards
      postId={props.post.postId}
      author={props.author ?? null}
      items={items}
      why={whyOf(props.post)}
      lang={props.lang}
    />
  );
});

function OverlayRoot({ store, imageUrlOf }: { store: OverlayStore; imageUrlOf: ImageUrlOf }) {
  const hosts = useStore(store, (s) => s.hosts);
  const byPostId = useStore(store, (s) => s.byPostId);
  const authors = useStore(store, (s) => s.authors);
  const lang = useStore(store, (s) => s.lang);
  return (
    <>
      {Object.entries(hosts).map(([postId, shadow]) => {
        const post = byPostId[postId];
        return post
          ? createPortal(
              <PostPortalContent post={post} author={authors[postId]} lang={lang} imageUrlOf={imageUrlOf} />,
              shadow,
              postId,
            )
          : null;
      })}
    </>
  );
}

/**
 * ONE React root, rendered into a detached element, draws every post's cards through portals into the hosts'
 * shadow roots: a root per card would cost a scheduler and a reconciler pass per post.
 */
export function mountOverlayRoot(store: OverlayStore, imageUrlOf: ImageUrlOf): Root {
  const container = document.createElement('div');
  const root = createRoot(container);
  root.render(<OverlayRoot store={store} imageUrlOf={imageUrlOf} />);
  return root;
}
