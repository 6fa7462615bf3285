import { createElement, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { type CardProduct, cardStyles, ProductCards } from '@/components/card';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { HOST_TAG } from '@/utils/feed/watcher';
import type { PlaceOrderResult } from '@/utils/orders/schema';
import type { Lang } from '@/utils/settings';
import type { Reason } from '@/utils/types';
import { studioMessages as t } from './messages';

// One sheet for every preview host, as in the feed: parsing the card CSS once, adopting it everywhere.
let sharedSheet: CSSStyleSheet | null = null;
let noteSheet: CSSStyleSheet | null = null;
function sheets(): CSSStyleSheet[] {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(cardStyles);
    noteSheet = new CSSStyleSheet();
    noteSheet.replaceSync(
      '.zc-preview-note{margin:6px 0 0;font-size:12px;color:var(--zc-text2);display:flex;gap:6px;align-items:center}' +
        '.zc-preview-tag{font-weight:600;color:var(--zc-accent-text);border:1px solid currentColor;border-radius:4px;padding:0 4px}',
    );
  }
  return [sharedSheet, noteSheet as CSSStyleSheet];
}

export interface PreviewCardsProps {
  postId: string;
  authorName: string;
  items: readonly CatalogueItem[];
  /** The post's links, to show each item's own link as the feed does. */
  linkOf: (item: CatalogueItem) => string | null;
  reasons: readonly Reason[];
  lang: Lang;
  theme: 'light' | 'dark' | null;
  now: number;
  imageSrc: (pictUrl: string) => string;
}

const refuse = async (): Promise<PlaceOrderResult> => ({
  ok: false,
  code: 'bad-request',
  message: '预览：不会下单',
});
const noop = () => {};

/**
 * The draft's cards exactly as the feed draws them: `ProductCards` in an open shadow root of a `<zhongcao-cards>`
 * host that carries `data-post-id` and `data-item-ids`, with the shared stylesheet adopted. Every action is inert:
 * a preview must never save, log or order anything.
 */
export function PreviewCards(props: PreviewCardsProps) {
  const hostRef = useRef<HTMLElement>(null);
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  const [collapsed, setCollapsed] = useState(false);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = sheets();
    setRoot(shadow);
  }, []);

  const products: CardProduct[] = props.items.map((item) => ({ item, link: props.linkOf(item) }));
  const ids = props.items.map((i) => i.item_id).join(' ');
  const content =
    root && props.items.length > 0
      ? createPortal(
          <>
            <ProductCards
              postId={props.postId}
              author={{ id: props.postId, name: props.authorName }}
              products={products}
              reasons={props.reasons}
              savedIds={new Set()}
              collapsed={collapsed}
              lang={props.lang}
              now={props.now}
              imageSrc={props.imageSrc}
              onSave={noop}
              onUnsave={noop}
              onBuy={noop}
              onPlaceOrder={refuse}
              onViewItem={noop}
              onDismiss={noop}
              onToggleCollapsed={setCollapsed}
            />
            <p className="zc-preview-note" role="note">
              <span className="zc-preview-tag">{props.lang === 'en' ? 'Preview' : '预览'}</span>
              {t(props.lang, 'previewNote')}
            </p>
          </>,
          root,
        )
      : null;
  // createElement: JSX has no intrinsic type for the custom host tag.
  return createElement(
    HOST_TAG,
    {
      ref: hostRef,
      'data-post-id': props.postId,
      'data-item-ids': ids,
      'data-theme': props.theme ?? undefined,
      hidden: props.items.length === 0,
    },
    content,
  );
}
