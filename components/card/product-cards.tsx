import { type MouseEvent, useCallback, useId, useRef, useState } from 'react';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { formatFenShort, yuanToFen } from '@/utils/orders/fen';
import type { PlaceOrderRequest, PlaceOrderResult } from '@/utils/orders/schema';
import type { Lang } from '@/utils/settings';
import type { Reason } from '@/utils/types';
import { cardMessages as t } from './messages';
import { ProductCard } from './product-card';
import { QuickBuySheet } from './quick-buy-sheet';
import { isTrusted } from './trusted';

export interface CardProduct {
  item: CatalogueItem;
  /** The post's own link that matched this item (opened as-is by 查看商品); null when matched by name / 淘口令. */
  link: string | null;
}

export interface ProductCardsProps {
  postId: string;
  author: { id: string; name: string } | null;
  /** In display order; one → a single card, several → a carousel. */
  products: readonly CardProduct[];
  reasons: readonly Reason[];
  savedIds: ReadonlySet<string>;
  /** Controlled: the content script remembers it per post (settings.collapsedPosts). */
  collapsed: boolean;
  lang: Lang;
  now: number;
  imageSrc: (pictUrl: string) => string;
  onSave: (itemId: string) => void;
  onUnsave: (itemId: string) => void;
  /** 立即购买 pressed: the quick-buy sheet opens (log a click here). */
  onBuy: (itemId: string) => void;
  /** 确认下单 in the sheet; resolve with the background's answer. */
  onPlaceOrder: (req: PlaceOrderRequest) => Promise<PlaceOrderResult>;
  onViewItem: (itemId: string, href: string) => void;
  /** 不感兴趣: hide the cards of this post. */
  onDismiss: () => void;
  onToggleCollapsed: (collapsed: boolean) => void;
  onReasons?: (itemId: string, open: boolean) => void;
  /** The ref for each item's card element (stable per item), so the caller learns which element shows which item. */
  cardRef?: (itemId: string) => (el: HTMLElement | null) => void;
}

/**
 * Where a slide starts in the track's scrolled content, from the track's padding edge. Measured from the boxes
 * rather than `offsetLeft`: the card is not positioned (see `.zc-sr` in styles.ts), so the slides' offsetParent is
 * an element of the page, and offsetLeft would depend on the page's layout.
 */
function slideLeft(track: HTMLElement, slide: HTMLElement): number {
  return slide.getBoundingClientRect().left - track.getBoundingClientRect().left - track.clientLeft + track.scrollLeft;
}

/** The whole content of one post's `<zhongcao-cards>` host. */
export function ProductCards(props: ProductCardsProps) {
  const { lang, products } = props;
  const n = products.length;
  const carousel = n > 1;
  const trackId = useId();
  const trackRef = useRef<HTMLDivElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const [index, setIndex] = useState(0);
  const [buyingId, setBuyingId] = useState<string | null>(null);
  const buying = products.find((p) => p.item.item_id === buyingId)?.item ?? null;

  const scrollToSlide = useCallback((i: number) => {
    const track = trackRef.current;
    const slide = track?.children[i] as HTMLElement | undefined;
    // scrollTo on the track only: scrollIntoView would also scroll the feed, which must stay where the user left it.
    // Smooth or not is the stylesheet's call (.zc-track's scroll-behavior), so prefers-reduced-motion is honoured.
    if (track && slide && typeof track.scrollTo === 'function') track.scrollTo({ left: slideLeft(track, slide) });
  }, []);

  const go = (delta: number) => (e: MouseEvent) => {
    if (!isTrusted(e)) return;
    const next = Math.min(n - 1, Math.max(0, index + delta));
    setIndex(next);
    scrollToSlide(next);
  };

  const onTrackScroll = () => {
    const track = trackRef.current;
    if (!track) return;
    let best = 0;
    let bestDist = Number.POSITIVE_INFINITY;
    [...track.children].forEach((c, i) => {
      const d = Math.abs(slideLeft(track, c as HTMLElement) - track.scrollLeft);
      if (d < bestDist) {
        best = i;
        bestDist = d;
      }
    });
    if (best !== index) setIndex(best);
  };

  const guard = (fn: () => void) => (e: MouseEvent) => {
    if (!isTrusted(e)) return;
    fn();
  };

  if (n === 0) return null;
  const minFen = Math.min(...products.map((p) => yuanToFen(p.item.zk_final_price)));

  return (
    <section className={props.collapsed ? 'zc-cards zc-collapsed' : 'zc-cards'} aria-label={t(lang, 'regionLabel')}>
      <div className="zc-frame" inert={buying !== null}>
        <header className="zc-head">
          <h2 className="zc-head-title">
            <span className="zc-mark" aria-hidden="true" />
            {t(lang, 'heading')}
          </h2>
          <span className="zc-head-sub">
            {props.collapsed
              ? t(lang, 'collapsedSummary', { n, price: `¥${formatFenShort(minFen)}` })
              : t(lang, 'countItems', { n })}
          </span>
          {carousel && !props.collapsed && (
            <div className="zc-nav">
              <span className="zc-counter" aria-live="polite">
                <span className="zc-sr">{t(lang, 'slide', { i: index + 1, n })}</span>
                <span aria-hidden="true">
                  {index + 1}/{n}
                </span>
              </span>
              <button
                type="button"
                className="zc-icon-btn"
                aria-label={t(lang, 'prev')}
                aria-controls={trackId}
                disabled={index === 0}
                onClick={go(-1)}
              >
                <span aria-hidden="true">‹</span>
              </button>
              <button
                type="button"
                className="zc-icon-btn"
                aria-label={t(lang, 'next')}
                aria-controls={trackId}
                disabled={index >= n - 1}
                onClick={go(1)}
              >
                <span aria-hidden="true">›</span>
              </button>
            </div>
          )}
          <button
            type="button"
            className="zc-text-btn"
            data-zc-click="collapse"
            aria-expanded={!props.collapsed}
            aria-label={t(lang, props.collapsed ? 'expandLabel' : 'collapseLabel')}
            onClick={guard(() => props.onToggleCollapsed(!props.collapsed))}
          >
            {t(lang, props.collapsed ? 'expand' : 'collapse')}
          </button>
          <button
            type="button"
            className="zc-text-btn zc-dismiss"
            aria-label={t(lang, 'dismissLabel')}
            onClick={guard(props.onDismiss)}
          >
            {t(lang, 'dismiss')}
          </button>
        </header>

        {!props.collapsed && (
          <div
            id={trackId}
            ref={trackRef}
            className={carousel ? 'zc-track' : 'zc-single'}
            onScroll={carousel ? onTrackScroll : undefined}
          >
            {products.map((p, i) => (
              <div
                key={p.item.item_id}
                className="zc-slide"
                {...(carousel && {
                  role: 'group',
                  'aria-roledescription': 'slide',
                  'aria-label': t(lang, 'slide', { i: i + 1, n }),
                  'aria-current': i === index ? 'true' : undefined,
                })}
              >
                <ProductCard
                  cardRef={props.cardRef?.(p.item.item_id)}
                  item={p.item}
                  link={p.link}
                  authorName={props.author?.name ?? null}
                  reasons={props.reasons}
                  saved={props.savedIds.has(p.item.item_id)}
                  lang={lang}
                  now={props.now}
                  imageSrc={props.imageSrc}
                  onSave={props.onSave}
                  onUnsave={props.onUnsave}
                  onBuy={(itemId, opener) => {
                    openerRef.current = opener;
                    setBuyingId(itemId);
                    props.onBuy(itemId);
                  }}
                  onViewItem={props.onViewItem}
                  onReasons={props.onReasons}
                />
              </div>
            ))}
          </div>
        )}
      </div>

      {buying && (
        <QuickBuySheet
          key={buying.item_id}
          item={buying}
          lang={lang}
          now={props.now}
          imageSrc={props.imageSrc}
          returnFocusTo={openerRef.current}
          onClose={() => setBuyingId(null)}
          onPlaceOrder={(draft) =>
            props.onPlaceOrder({
              ...draft,
              postId: props.postId,
              authorId: props.author?.id ?? null,
              authorName: props.author?.name ?? null,
            })
          }
        />
      )}
    </section>
  );
}
