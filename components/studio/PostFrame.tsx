import type { ReactNode } from 'react';
import type { Lang } from '@/utils/settings';
import type { VerifiedTier } from '@/utils/types';
import { studioMessages as t } from './messages';

const BADGE: Record<VerifiedTier, string | null> = {
  none: null,
  yellow: 'vyellow',
  blue: 'vblue',
  orange: 'vorange',
  gold: 'vgold',
};

/**
 * A Weibo-like feed item around the draft: avatar, name with verification badge, body text, the cards, action bar.
 * The card host sits between body and footer, where the feed's placement puts it. The text is the user's own draft
 * and is rendered as text.
 */
export function PostFrame(props: {
  width: number;
  label: string;
  text: string;
  tier: VerifiedTier;
  lang: Lang;
  children: ReactNode;
}) {
  const badge = BADGE[props.tier];
  return (
    <figure className="st-frame" style={{ width: props.width }}>
      <figcaption className="st-frame-caption">{props.label}</figcaption>
      <article className="st-post" data-width={props.width}>
        <header className="st-post-head">
          <span className="st-avatar" aria-hidden="true">
            {badge && <span className={`st-badge st-badge-${badge}`}>V</span>}
          </span>
          <span className="st-post-who">
            <span className="st-post-name">{t(props.lang, 'you')}</span>
            <span className="st-post-time">{t(props.lang, 'justNow')}</span>
          </span>
        </header>
        <p className="st-post-text">{props.text}</p>
        {props.children}
        <footer className="st-post-actions" aria-hidden="true">
          <span>{t(props.lang, 'repost')}</span>
          <span>{t(props.lang, 'comment')}</span>
          <span>{t(props.lang, 'like')}</span>
        </footer>
      </article>
    </figure>
  );
}
