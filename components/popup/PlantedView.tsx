import type { CatalogueItem } from '@/utils/catalogue/schema';
import { formatFen, yuanToFen } from '@/utils/money';
import { formatFenShort } from '@/utils/orders/fen';
import { postUrl, relativeTime } from '@/utils/popup/format';
import { popupMessages as t } from '@/utils/popup/messages';
import type { PlantedEntry, PlantedFilter, PlantedPage } from '@/utils/popup/queries';
import type { Lang } from '@/utils/settings';
import { EmptyState, ErrorNote } from './EmptyState';

export interface PlantedViewProps {
  lang: Lang;
  now: number;
  page: PlantedPage | undefined;
  items: ReadonlyMap<string, CatalogueItem>;
  authorNames: Readonly<Record<string, string>>;
  filter: PlantedFilter;
  search: string;
  error: string | null;
  imageSrc: (pictUrl: string) => string;
  onFilter: (f: PlantedFilter) => void;
  onSearch: (s: string) => void;
  onUnsave: (itemId: string) => void;
  onBuy: (entry: PlantedEntry) => void;
  onMore: () => void;
}

const FILTERS: Array<[PlantedFilter, 'filterAll' | 'filterSaved' | 'filterClicked']> = [
  ['all', 'filterAll'],
  ['saved', 'filterSaved'],
  ['clicked', 'filterClicked'],
];

export function PlantedView(p: PlantedViewProps) {
  const { lang } = p;
  const filtered = p.filter !== 'all' || p.search.trim() !== '';
  return (
    <section className="zc-view" aria-label={t(lang, 'tabPlanted')}>
      <div className="zc-toolbar">
        {/* biome-ignore lint/a11y/useSemanticElements: a pill row of toggle buttons; a fieldset legend would break the layout */}
        <div className="zc-seg" role="group" aria-label={t(lang, 'filterLabel')}>
          {FILTERS.map(([f, key]) => (
            <button
              key={f}
              type="button"
              aria-pressed={p.filter === f}
              className={p.filter === f ? 'zc-seg-btn zc-on' : 'zc-seg-btn'}
              onClick={() => p.onFilter(f)}
            >
              {t(lang, key)}
            </button>
          ))}
        </div>
        <div className="zc-search">
          <span className="zc-search-icon" aria-hidden="true">
            ⌕
          </span>
          <input
            type="search"
            value={p.search}
            placeholder={t(lang, 'search')}
            aria-label={t(lang, 'search')}
            maxLength={40}
            onChange={(e) => p.onSearch(e.currentTarget.value)}
          />
        </div>
      </div>
      {p.error && <ErrorNote message={p.error} />}
      {!p.page ? (
        <SkeletonList />
      ) : p.page.entries.length === 0 ? (
        filtered ? (
          <p className="zc-none">{t(lang, 'plantedEmptyFiltered')}</p>
        ) : (
          <EmptyState
            icon="🌱"
            title={t(lang, 'plantedEmptyTitle')}
            body={t(lang, 'plantedEmptyBody')}
            action={
              <a className="zc-btn zc-btn-primary" href="https://weibo.com/" target="_blank" rel="noreferrer">
                {t(lang, 'openWeibo')}
              </a>
            }
          />
        )
      ) : (
        <>
          <ul className="zc-list" data-testid="planted-list">
            {p.page.entries.map((e) => (
              <PlantedRow key={e.item_id} entry={e} {...p} />
            ))}
          </ul>
          {p.page.more && (
            <button type="button" className="zc-btn zc-btn-ghost zc-more" onClick={p.onMore}>
              {t(lang, 'loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function PlantedRow({
  entry,
  lang,
  now,
  items,
  authorNames,
  imageSrc,
  onUnsave,
  onBuy,
}: PlantedViewProps & { entry: PlantedEntry }) {
  const item = items.get(entry.item_id);
  const s = entry.saved;
  const title = s?.title ?? item?.title ?? t(lang, 'itemUnknown', { id: entry.item_id });
  const pict = s?.pict_url ?? item?.pict_url ?? null;
  const postId = s?.post_id ?? entry.click?.post_id ?? null;
  const authorId = s?.author_id ?? entry.click?.author_id ?? null;
  const authorName =
    s?.author_name ?? (authorId ? authorNames[authorId] : undefined) ?? (authorId ? `@${authorId}` : null);
  const nowFen = item ? yuanToFen(item.zk_final_price) : null;
  const thenFen = s?.price_fen_at_save ?? null;
  const diff = nowFen !== null && thenFen !== null ? nowFen - thenFen : null;
  return (
    <li className="zc-row" data-item-id={entry.item_id}>
      {pict ? (
        <img className="zc-thumb" src={imageSrc(pict)} alt="" width={64} height={64} loading="lazy" />
      ) : (
        <div className="zc-thumb" />
      )}
      <div className="zc-row-main">
        <p className="zc-row-title" title={title}>
          <bdi>{title}</bdi>
        </p>
        <p className="zc-price-line">
          {nowFen !== null ? (
            <span className="zc-price">
              <span className="zc-yen">¥</span>
              {formatFenShort(nowFen)}
            </span>
          ) : item === undefined && items.size > 0 ? (
            <span className="zc-meta">{t(lang, 'priceGone')}</span>
          ) : null}
          {diff !== null && thenFen !== null && (
            <span className={diff < 0 ? 'zc-chip zc-chip-good' : diff > 0 ? 'zc-chip zc-chip-warn' : 'zc-chip'}>
              {diff < 0
                ? t(lang, 'priceDown', { amount: formatFen(-diff) })
                : diff > 0
                  ? t(lang, 'priceUp', { amount: formatFen(diff) })
                  : `${t(lang, 'priceAtSave')} ${formatFen(thenFen)}`}
            </span>
          )}
        </p>
        <p className="zc-source">
          <span className={s ? 'zc-badge zc-badge-saved' : 'zc-badge'}>
            {s ? t(lang, 'savedBadge') : t(lang, 'clickedBadge')}
          </span>
          {postId && authorName ? (
            <a
              className="zc-author"
              href={postUrl(postId, authorId)}
              target="_blank"
              rel="noreferrer"
              aria-label={t(lang, 'viewPostLabel', { name: authorName })}
            >
              <bdi>{authorName}</bdi>
            </a>
          ) : null}
          <span className="zc-meta">· {relativeTime(entry.ts, now, lang)}</span>
        </p>
      </div>
      <div className="zc-row-actions">
        {item && (
          <button
            type="button"
            className="zc-btn zc-btn-primary zc-btn-sm"
            aria-label={t(lang, 'buyLabel', { title })}
            onClick={() => onBuy(entry)}
          >
            {t(lang, 'buy')}
          </button>
        )}
        {s && (
          <button
            type="button"
            className="zc-btn zc-btn-ghost zc-btn-sm"
            aria-label={t(lang, 'unsaveLabel', { title })}
            onClick={() => onUnsave(entry.item_id)}
          >
            {t(lang, 'unsave')}
          </button>
        )}
      </div>
    </li>
  );
}

export function SkeletonList() {
  return (
    <ul className="zc-list" aria-hidden="true">
      {[0, 1, 2].map((i) => (
        <li key={i} className="zc-row zc-skel">
          <div className="zc-thumb" />
          <div className="zc-row-main">
            <p className="zc-skel-line" />
            <p className="zc-skel-line zc-skel-short" />
          </div>
        </li>
      ))}
    </ul>
  );
}
