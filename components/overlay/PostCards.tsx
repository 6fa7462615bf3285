import { formatFenShort } from '@/utils/orders/fen';
import type { Lang } from '@/utils/settings';
import { t } from './messages';

export interface BasicCardItem {
  itemId: string;
  title: string;
  imageUrl: string;
  /** Final price in integer fen. */
  priceFen: number;
}

export interface PostCardsProps {
  postId: string;
  /** The post author's display name (untrusted page text). */
  author: string | null;
  items: readonly BasicCardItem[];
  /** Strongest detection reason, shown as plain text (it may quote the post, which is untrusted). */
  why: string | null;
  lang: Lang;
}

/** The basic product card: image, title, price. Text is always rendered as text, never as markup. */
export function BasicCard({ item, lang }: { item: BasicCardItem; lang: Lang }) {
  return (
    <li className="zc-card" data-zc-item-id={item.itemId}>
      <img className="zc-card__img" src={item.imageUrl} alt={t(lang, 'imageAlt', { title: item.title })} />
      <div className="zc-card__body">
        <p className="zc-card__title" title={item.title}>
          {item.title}
        </p>
        <p className="zc-card__price">{t(lang, 'price', { price: formatFenShort(item.priceFen) })}</p>
      </div>
    </li>
  );
}

/** All cards of one post, rendered into that post's `<zhongcao-cards>` shadow root. */
export function PostCards({ postId, author, items, why, lang }: PostCardsProps) {
  return (
    <section className="zc-cards" data-zc-post-id={postId} lang={lang}>
      <header className="zc-cards__head">
        <span className="zc-cards__heading">{t(lang, 'heading')}</span>
        {author ? <span className="zc-cards__author">{t(lang, 'from', { name: author })}</span> : null}
        {why ? (
          <span className="zc-cards__why" title={why}>
            {t(lang, 'why')}: {why}
          </span>
        ) : null}
      </header>
      <ul className="zc-cards__list">
        {items.map((item) => (
          <BasicCard key={item.itemId} item={item} lang={lang} />
        ))}
      </ul>
    </section>
  );
}
