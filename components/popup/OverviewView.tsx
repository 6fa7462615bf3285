import { BarChart } from '@/components/charts/BarChart';
import { FunnelChart } from '@/components/charts/FunnelChart';
import { Sparkline } from '@/components/charts/Sparkline';
import type { Ranked } from '@/utils/metrics/funnel';
import { funnel } from '@/utils/metrics/funnel';
import { formatFen } from '@/utils/money';
import { formatBp, formatCount } from '@/utils/popup/format';
import { popupMessages as t } from '@/utils/popup/messages';
import type { Overview } from '@/utils/popup/queries';
import type { Lang } from '@/utils/settings';
import { EmptyState, ErrorNote } from './EmptyState';

export interface OverviewViewProps {
  lang: Lang;
  days: 7 | 30;
  data: Overview | undefined;
  /** Category name → weight, resolved through the catalogue. */
  categories: Ranked[];
  /** uid → name, for the top influencers (the feed's latest name, else a save's or an order's). */
  authorNames: Readonly<Record<string, string>>;
  error: string | null;
  onDays: (d: 7 | 30) => void;
}

const STAGE_KEYS = {
  exposure: 'stageExposure',
  click: 'stageClick',
  save: 'stageSave',
  purchase: 'stagePurchase',
} as const;

export function OverviewView({ lang, days, data, categories, authorNames, error, onDays }: OverviewViewProps) {
  const steps = data ? funnel(data.counts) : [];
  const empty = data && steps.every((s) => s.count === 0);
  const list = (r: Ranked[], name: (k: string) => string) => r.map((x) => `${name(x.key)} ${x.value}`).join('，');
  const authorName = (k: string) => authorNames[k] ?? `@${k}`;
  return (
    <section className="zc-view" aria-label={t(lang, 'tabOverview')}>
      <div className="zc-toolbar">
        {/* biome-ignore lint/a11y/useSemanticElements: a pill row of toggle buttons; a fieldset legend would break the layout */}
        <div className="zc-seg" role="group" aria-label={t(lang, 'rangeLabel')}>
          {([7, 30] as const).map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={days === d}
              className={days === d ? 'zc-seg-btn zc-on' : 'zc-seg-btn'}
              onClick={() => onDays(d)}
            >
              {t(lang, d === 7 ? 'days7' : 'days30')}
            </button>
          ))}
        </div>
      </div>
      {error && <ErrorNote message={error} />}
      {!data ? (
        <div className="zc-card zc-skel" style={{ height: 180 }} aria-hidden="true" />
      ) : empty ? (
        <EmptyState icon="📊" title={t(lang, 'none')} body={t(lang, 'overviewEmptyBody')} />
      ) : (
        <>
          <div className="zc-stats">
            <div className="zc-stat">
              <p className="zc-stat-label">{t(lang, 'spent')}</p>
              <p className="zc-stat-value" data-testid="spent">
                {formatFen(data.spentFen)}
              </p>
              <Sparkline
                columns
                values={data.spentByDay}
                width={150}
                height={32}
                label={t(lang, 'spentTrendAria', {
                  days: data.days,
                  total: formatFen(data.spentFen),
                  max: formatFen(Math.max(0, ...data.spentByDay)),
                })}
              />
            </div>
            <div className="zc-stat">
              <p className="zc-stat-label">{t(lang, 'exposureTrend')}</p>
              <p className="zc-stat-value">{formatCount(data.counts.exposure, lang)}</p>
              <Sparkline
                values={data.exposuresByDay}
                width={150}
                height={32}
                label={t(lang, 'exposureTrendAria', { days: data.days, total: data.counts.exposure })}
              />
            </div>
          </div>
          <div className="zc-card">
            <h2 className="zc-card-title">{t(lang, 'funnelTitle')}</h2>
            <FunnelChart
              label={t(lang, 'funnelAria', data.counts as unknown as Record<string, number>)}
              steps={steps.map((s) => ({
                label: t(lang, STAGE_KEYS[s.stage]),
                count: s.count,
                countText: formatCount(s.count, lang),
                rate: s.fromPrevBp === null ? null : formatBp(s.fromPrevBp),
              }))}
            />
          </div>
          <div className="zc-card">
            <h2 className="zc-card-title">{t(lang, 'topInfluencers')}</h2>
            {data.topAuthors.length === 0 ? (
              <p className="zc-none">{t(lang, 'none')}</p>
            ) : (
              <BarChart
                label={t(lang, 'topAria', {
                  title: t(lang, 'topInfluencers'),
                  list: list(data.topAuthors, authorName),
                })}
                bars={data.topAuthors.map((a) => ({
                  label: authorName(a.key),
                  value: a.value,
                  valueText: String(a.value),
                }))}
              />
            )}
          </div>
          <div className="zc-card">
            <h2 className="zc-card-title">{t(lang, 'topCategories')}</h2>
            {categories.length === 0 ? (
              <p className="zc-none">{t(lang, 'none')}</p>
            ) : (
              <BarChart
                label={t(lang, 'topAria', { title: t(lang, 'topCategories'), list: list(categories, (k) => k) })}
                bars={categories.map((c) => ({ label: c.key, value: c.value, valueText: String(c.value) }))}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
