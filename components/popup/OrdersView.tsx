import { formatFen } from '@/utils/money';
import { dateTime, postUrl } from '@/utils/popup/format';
import { popupMessages as t } from '@/utils/popup/messages';
import type { OrderEntry } from '@/utils/popup/queries';
import type { Lang } from '@/utils/settings';
import { EmptyState, ErrorNote } from './EmptyState';
import { SkeletonList } from './PlantedView';

export interface OrdersViewProps {
  lang: Lang;
  data: { entries: OrderEntry[]; total: number } | undefined;
  authorNames: Readonly<Record<string, string>>;
  error: string | null;
  imageSrc: (pictUrl: string) => string;
  onMore: () => void;
}

export function OrdersView({ lang, data, authorNames, error, imageSrc, onMore }: OrdersViewProps) {
  return (
    <section className="zc-view" aria-label={t(lang, 'tabBought')}>
      {error && <ErrorNote message={error} />}
      {!data ? (
        <SkeletonList />
      ) : data.entries.length === 0 ? (
        <EmptyState icon="🛍️" title={t(lang, 'boughtEmptyTitle')} body={t(lang, 'boughtEmptyBody')} />
      ) : (
        <>
          <ul className="zc-list" data-testid="orders-list">
            {data.entries.map(({ order: o, attribution: a }) => {
              const name =
                a.kind === 'post'
                  ? ((a.author_id
                      ? (authorNames[a.author_id] ?? (o.author_id === a.author_id ? o.author_name : null))
                      : null) ?? (a.author_id ? `@${a.author_id}` : t(lang, 'unknownAuthor')))
                  : null;
              return (
                <li key={o.order_id} className="zc-row zc-order" data-order-id={o.order_id}>
                  <img className="zc-thumb" src={imageSrc(o.pict_url)} alt="" width={64} height={64} loading="lazy" />
                  <div className="zc-row-main">
                    <p className="zc-row-title" title={o.title}>
                      <bdi>{o.title}</bdi>
                    </p>
                    <p className="zc-meta">
                      {Object.values(o.sku_props).join(' / ')} × {o.quantity}
                    </p>
                    <p className="zc-price-line">
                      <span className="zc-price">{formatFen(o.paid_fen)}</span>
                      {o.coupon_fen > 0 ? (
                        <span className="zc-chip zc-chip-good">
                          {t(lang, 'coupon')} −{formatFen(o.coupon_fen)}
                        </span>
                      ) : (
                        <span className="zc-meta">{t(lang, 'noCoupon')}</span>
                      )}
                    </p>
                    <p className="zc-source">
                      <span className="zc-meta">{t(lang, 'sourceLabel')}</span>
                      {a.kind === 'post' && name ? (
                        <>
                          <a
                            className="zc-author"
                            href={postUrl(a.post_id, a.author_id)}
                            target="_blank"
                            rel="noreferrer"
                            aria-label={t(lang, 'viewPostLabel', { name })}
                          >
                            {t(lang, 'sourceVia', { name })}
                          </a>
                          <span className="zc-meta">
                            ·{' '}
                            {a.via === 'order'
                              ? t(lang, 'viaOrder')
                              : t(lang, a.via === 'click' ? 'viaClick' : 'viaExposure', {
                                  days: lang === 'en' ? '15 days' : '15 天',
                                })}
                          </span>
                        </>
                      ) : (
                        <span className="zc-meta">{t(lang, 'sourceDirect')}</span>
                      )}
                    </p>
                    <p className="zc-fine">
                      {t(lang, 'orderNo')} <span className="zc-mono">{o.order_id}</span> ·{' '}
                      {dateTime(o.created_at, lang)}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
          <p className="zc-fine zc-center">{t(lang, 'pageInfo', { n: data.entries.length, total: data.total })}</p>
          {data.entries.length < data.total && (
            <button type="button" className="zc-btn zc-btn-ghost zc-more" onClick={onMore}>
              {t(lang, 'loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
