import { useId } from 'react';
import type { Lang } from '@/utils/settings';
import type { DraftAnalysis, NearMiss } from '@/utils/studio/draft';
import type { VerifiedTier } from '@/utils/types';
import { studioMessages as t } from './messages';
import { PostFrame } from './PostFrame';
import { PreviewCards } from './PreviewCards';

export const TIERS: readonly VerifiedTier[] = ['none', 'yellow', 'blue', 'orange', 'gold'];

export interface DraftPreviewProps {
  lang: Lang;
  text: string;
  tier: VerifiedTier;
  promoted: boolean;
  /** Analysis of the (debounced) draft; null while the draft is empty or the catalogue loads. */
  analysis: DraftAnalysis | null;
  /** Why there is no analysis: still loading, failed, or an empty draft. */
  status: { kind: 'loading' } | { kind: 'failed'; reason: string } | { kind: 'ready' };
  theme: 'light' | 'dark' | null;
  now: number;
  imageSrc: (pictUrl: string) => string;
  onText: (text: string) => void;
  onTier: (tier: VerifiedTier) => void;
  onPromoted: (promoted: boolean) => void;
}

function fmtWeight(w: number): string {
  return w > 0 ? `+${w}` : String(w);
}

function nearText(lang: Lang, n: NearMiss): string {
  switch (n.kind) {
    case 'weak-name':
      return t(lang, 'near_weak', {
        name: n.item.short_title,
        pct: Math.round(n.confidence * 100),
        floor: Math.round(n.floor * 100),
      });
    case 'scattered-name':
      return t(lang, 'near_scattered', { name: n.item.short_title });
    case 'ad':
      return t(lang, 'near_ad', { name: n.item.short_title });
    case 'below-threshold':
      return t(lang, 'near_below', { name: n.item.short_title });
    case 'unknown-ref':
      return n.detail;
  }
}

export function DraftPreview(props: DraftPreviewProps) {
  const { lang, analysis } = props;
  const textId = useId();
  const tierName = useId();
  const d = analysis?.detection;

  return (
    <section className="st-card" aria-labelledby={`${textId}-h`}>
      <h3 id={`${textId}-h`}>{t(lang, 'draftHeading')}</h3>
      <div className="st-draft-grid">
        <div className="st-draft-input">
          <label htmlFor={textId} className="st-label">
            {t(lang, 'draftLabel')}
          </label>
          <textarea
            id={textId}
            className="st-textarea"
            rows={7}
            value={props.text}
            placeholder={t(lang, 'draftPlaceholder')}
            onChange={(e) => props.onText(e.target.value)}
          />
          <fieldset className="st-tiers">
            <legend className="st-label">{t(lang, 'tierLabel')}</legend>
            {TIERS.map((tier) => (
              <label key={tier} className="st-tier">
                <input
                  type="radio"
                  name={tierName}
                  value={tier}
                  checked={props.tier === tier}
                  onChange={() => props.onTier(tier)}
                />
                {t(lang, `tier_${tier}`)}
              </label>
            ))}
          </fieldset>
          <label className="st-check">
            <input type="checkbox" checked={props.promoted} onChange={(e) => props.onPromoted(e.target.checked)} />
            {t(lang, 'promotedLabel')}
          </label>
        </div>

        <div className="st-verdict-box" aria-live="polite">
          {props.status.kind === 'loading' && <p className="st-muted">{t(lang, 'catalogueLoading')}</p>}
          {props.status.kind === 'failed' && (
            <p className="st-error" role="alert">
              {t(lang, 'catalogueFailed', { reason: props.status.reason })}
            </p>
          )}
          {props.status.kind === 'ready' && !analysis && <p className="st-muted">{t(lang, 'emptyDraft')}</p>}
          {analysis && d && (
            <>
              <p className={analysis.shown ? 'st-verdict st-yes' : 'st-verdict st-no'} data-testid="verdict">
                <strong>{analysis.shown ? t(lang, 'verdictYes') : t(lang, 'verdictNoLong')}</strong>
                <span className="st-score">{t(lang, 'score', { score: d.score, threshold: d.threshold })}</span>
              </p>
              {!analysis.shown && analysis.suggestions.length > 0 && (
                <div className="st-suggestions">
                  <h4>{t(lang, 'suggestionsHeading')}</h4>
                  <ul>
                    {analysis.suggestions.map((s) => (
                      <li key={s.code}>{t(lang, `sug_${s.code}`, s.vars)}</li>
                    ))}
                  </ul>
                </div>
              )}
              <h4>{t(lang, 'reasonsHeading')}</h4>
              {d.reasons.length === 0 ? (
                <p className="st-muted">{t(lang, 'noReasons')}</p>
              ) : (
                <ul className="st-reasons">
                  {d.reasons.map((r, i) => (
                    // Reasons have no id; the detector's order is stable for one analysis.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <li key={i} className={r.weight < 0 ? 'st-neg' : r.weight === 0 ? 'st-zero' : undefined}>
                      <span className="st-weight" title={t(lang, 'weight')}>
                        {fmtWeight(r.weight)}
                      </span>
                      <span>{r.detail}</span>
                    </li>
                  ))}
                </ul>
              )}
              <h4>{t(lang, 'matchedHeading')}</h4>
              {analysis.items.length === 0 ? (
                <p className="st-muted">{t(lang, 'noMatched')}</p>
              ) : (
                <ul className="st-items">
                  {analysis.matches.map((m) => {
                    const item = analysis.items.find((i) => i.item_id === m.itemId);
                    return item ? (
                      <li key={m.itemId} data-item-id={m.itemId}>
                        <span>{item.short_title}</span>
                        <span className="st-muted">
                          {m.kind === 'exact'
                            ? t(lang, 'via_exact')
                            : t(lang, 'via_text', { pct: Math.round(m.confidence * 100) })}
                        </span>
                      </li>
                    ) : null;
                  })}
                </ul>
              )}
              {analysis.nearMisses.length > 0 && (
                <>
                  <h4>{t(lang, 'nearHeading')}</h4>
                  <ul className="st-near">
                    {analysis.nearMisses.map((n, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: near misses are recomputed as a whole
                      <li key={i}>{nearText(lang, n)}</li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </div>
      </div>

      {analysis && (
        <div className="st-previews">
          <h4>{t(lang, 'previewHeading')}</h4>
          {analysis.items.length === 0 && <p className="st-muted">{t(lang, 'noCards')}</p>}
          <div className="st-preview-row">
            {([375, 600] as const).map((w) => (
              <PostFrame
                key={w}
                width={w}
                label={t(lang, w === 375 ? 'mobile' : 'desktop')}
                text={analysis.post.text}
                tier={analysis.post.author.tier}
                lang={lang}
              >
                <PreviewCards
                  postId={analysis.post.id}
                  authorName={t(lang, 'you')}
                  items={analysis.items}
                  linkOf={(item) => analysis.links[item.item_id] ?? null}
                  reasons={analysis.detection.reasons}
                  lang={lang}
                  theme={props.theme}
                  now={props.now}
                  imageSrc={props.imageSrc}
                />
              </PostFrame>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
