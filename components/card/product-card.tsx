import { type MouseEvent, useId, useState } from 'react';
import type { CatalogueItem } from '@/utils/catalogue/schema';
import { formatFenShort, yuanToFen } from '@/utils/orders/fen';
import { couponLabelEn, couponLabelZh, couponOf, isCouponExpired, priceAfterCouponFen } from '@/utils/orders/quote';
import type { Lang } from '@/utils/settings';
import type { Reason } from '@/utils/types';
import { formatSales, monthDay, safeHttpUrl } from './format';
import { reasonMessages, cardMessages as t } from './messages';
import { isTrusted } from './trusted';

export interface ProductCardProps {
  item: CatalogueItem;
  /** The influencer's own link for this item, exactly as it appeared in the post; null when matched by name only. */
  link: string | null;
  /** Author of the post, for the "via @…" line. */
  authorName: string | null;
  /** Detection reasons of the post; those pointing at another item are left out. */
  reasons: readonly Reason[];
  saved: boolean;
  lang: Lang;
  /** ms since epoch; decides whether the coupon is still shown as valid. */
  now: number;
  /** Maps the catalogue's `pict_url` (`catalogue/img/…`) to a loadable URL (the content script uses runtime.getURL). */
  imageSrc: (pictUrl: string) => string;
  onSave: (itemId: string) => void;
  onUnsave: (itemId: string) => void;
  /** 立即购买; `opener` is the button, so focus can return to it when the sheet closes. */
  onBuy: (itemId: string, opener: HTMLElement) => void;
  onViewItem: (itemId: string, href: string) => void;
  onReasons?: (itemId: string, open: boolean) => void;
  /** Called with the card's element when drawn and null when it goes. */
  cardRef?: (el: HTMLElement | null) => void;
}

function Price({ fen, className }: { fen: number; className: string }) {
  return (
    <span className={className}>
      <span className="zc-yen">¥</span>
      {formatFenShort(fen)}
    </span>
  );
}

export function ProductCard(props: ProductCardProps) {
  const { item, lang, now } = props;
  const [whyOpen, setWhyOpen] = useState(false);
  const whyId = useId();
  const titleId = useId();

  const finalFen = yuanToFen(item.zk_final_price);
  const originalFen = yuanToFen(item.reserve_price);
  const coupon = couponOf(item);
  const couponLive = coupon && !isCouponExpired(coupon, now) ? coupon : null;
  const afterCouponFen = priceAfterCouponFen(item, now);
  // A post's own link is the only thing we open; without one, the plain item page (no affiliate code at all).
  const href = safeHttpUrl(props.link) ?? item.item_url;
  const reasons = props.reasons.filter((r) => r.weight > 0 && (!r.itemId || r.itemId === item.item_id));
  const tmall = item.user_type === 1;

  const guard = (fn: () => void) => (e: MouseEvent) => {
    if (!isTrusted(e)) return;
    fn();
  };

  return (
    <article className="zc-card" aria-labelledby={titleId} data-zc-item={item.item_id} ref={props.cardRef}>
      {/* Not `loading="lazy"`: the picture is a small file inside the extension, and a recycled feed draws a card
          only a screen or so from the viewport, so lazy loading deferred little and cost a paint of its own when the
          picture came in (one more Paint per card, ~15 % of the page's paint time on a feed of card posts;
          tests/bench/HISTORY.md, ninth session). */}
      <img
        className="zc-card-img"
        src={props.imageSrc(item.pict_url) || undefined}
        alt=""
        width={88}
        height={88}
        decoding="async"
      />
      <div className="zc-card-body">
        <h3 className="zc-card-title" id={titleId} title={item.title}>
          {item.title}
        </h3>

        <div className="zc-price-row">
          {afterCouponFen !== null ? (
            <>
              <span className="zc-after-label">{t(lang, 'afterCoupon')}</span>
              <Price fen={afterCouponFen} className="zc-price" />
              <span className="zc-sub-price">
                {t(lang, 'price')} ¥{formatFenShort(finalFen)}
              </span>
            </>
          ) : (
            <Price fen={finalFen} className="zc-price" />
          )}
          {originalFen > finalFen && (
            <s className="zc-original">
              <span className="zc-sr">{t(lang, 'original')} </span>¥{formatFenShort(originalFen)}
            </s>
          )}
        </div>

        {couponLive && (
          <p className="zc-coupon-row">
            <span className="zc-coupon">
              <span className="zc-coupon-tag">{t(lang, 'coupon')}</span>
              <span className="zc-coupon-text">
                {lang === 'en' ? couponLabelEn(couponLive) : couponLabelZh(couponLive)}
              </span>
            </span>
            {couponLive.endDay && (
              <span className="zc-meta">{t(lang, 'couponUntil', monthDay(couponLive.endDay))}</span>
            )}
          </p>
        )}

        <p className="zc-meta zc-shop-row">
          <span className={tmall ? 'zc-badge zc-badge-tmall' : 'zc-badge zc-badge-taobao'}>
            {t(lang, tmall ? 'tmall' : 'taobao')}
          </span>
          <span className="zc-shop">{item.shop_title}</span>
          <span className="zc-dot" aria-hidden="true">
            ·
          </span>
          <span className="zc-sales">{t(lang, 'sales', { n: formatSales(item.volume, lang) })}</span>
        </p>
        {props.authorName && <p className="zc-meta zc-via">{t(lang, 'via', { name: props.authorName })}</p>}
      </div>

      <div className="zc-actions">
        <button
          type="button"
          className={props.saved ? 'zc-btn zc-btn-save zc-on' : 'zc-btn zc-btn-save'}
          data-zc-click="save"
          aria-pressed={props.saved}
          onClick={guard(() => (props.saved ? props.onUnsave(item.item_id) : props.onSave(item.item_id)))}
        >
          {/* The same text saved or not: text in a page, even in a closed root, is found by the browser's text search
              (window.find), which would let the page probe the wish-list. The check mark is generated content. */}
          {t(lang, 'save')}
        </button>
        <button
          type="button"
          className="zc-btn zc-btn-primary"
          data-zc-click="buy"
          onClick={(e) => {
            if (!isTrusted(e)) return;
            props.onBuy(item.item_id, e.currentTarget);
          }}
        >
          {t(lang, 'buy')}
        </button>
        <a
          className="zc-btn zc-btn-link"
          data-zc-click="view-item"
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t(lang, 'viewLabel', { title: item.short_title })}
          onClick={(e) => {
            // A scripted click on our link must not open a tab on the user's behalf.
            if (!isTrusted(e)) {
              e.preventDefault();
              return;
            }
            props.onViewItem(item.item_id, href);
          }}
        >
          {t(lang, 'view')}
        </a>
      </div>

      <div className="zc-why-box">
        <button
          type="button"
          className="zc-why-toggle"
          data-zc-click="reasons"
          aria-expanded={whyOpen}
          aria-controls={whyId}
          onClick={guard(() => {
            setWhyOpen(!whyOpen);
            props.onReasons?.(item.item_id, !whyOpen);
          })}
        >
          {t(lang, 'why')}
        </button>
        <div id={whyId} className="zc-why" hidden={!whyOpen}>
          {whyOpen && (
            <>
              <h4 className="zc-why-heading">{t(lang, 'whyHeading')}</h4>
              {reasons.length === 0 ? (
                <p>{t(lang, 'whyNone')}</p>
              ) : (
                <ul>
                  {reasons.map((r, i) => (
                    // Reasons have no id and can repeat a code (two links); index keys are stable within one render.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <li key={i}>
                      <span className="zc-why-code">{reasonMessages(lang, r.code)}</span>
                      {r.detail && <span className="zc-why-detail">{r.detail}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      </div>
    </article>
  );
}
