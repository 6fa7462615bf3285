import { useId } from 'react';
import { type AuthorReport, formatBp, type Stats } from '@/utils/metrics/conversion';
import { formatFen } from '@/utils/money';
import type { Lang } from '@/utils/settings';
import { DailyChart } from './charts/DailyChart';
import { studioMessages as t } from './messages';

export interface AuthorOption {
  id: string;
  /** Display name from order / save / author rows when one was recorded (untrusted page text, rendered as text). */
  name: string | null;
}

export interface ConversionReportProps {
  lang: Lang;
  authors: readonly AuthorOption[];
  authorId: string | null;
  report: AuthorReport | null;
  onAuthor: (id: string) => void;
  onExportCsv: () => void;
}

const STAT_KEYS = ['exposures', 'exposedPosts', 'clicks', 'saves', 'purchases'] as const;

function StatCells({ s }: { s: Stats }) {
  return (
    <>
      {STAT_KEYS.map((k) => (
        <td key={k} className="st-num">
          {s[k]}
        </td>
      ))}
      <td className="st-num">{formatBp(s.ctrBp)}</td>
      <td className="st-num">{formatBp(s.conversionBp)}</td>
      <td className="st-num">{formatFen(s.gmvFen)}</td>
      <td className="st-num">{formatFen(s.commissionFen)}</td>
    </>
  );
}

export function ConversionReport(props: ConversionReportProps) {
  const { lang, report } = props;
  const selectId = useId();
  const headingId = useId();
  if (props.authors.length === 0) {
    return (
      <section className="st-card" aria-labelledby={headingId}>
        <h3 id={headingId}>{t(lang, 'reportHeading')}</h3>
        <p className="st-muted">{t(lang, 'authorNone')}</p>
      </section>
    );
  }
  const head = (
    <>
      {STAT_KEYS.map((k) => (
        <th key={k} scope="col">
          {t(lang, k)}
        </th>
      ))}
      <th scope="col">{t(lang, 'ctr')}</th>
      <th scope="col">{t(lang, 'conversion')}</th>
      <th scope="col">{t(lang, 'gmv')}</th>
      <th scope="col">{t(lang, 'commission')}</th>
    </>
  );
  return (
    <section className="st-card" aria-labelledby={headingId}>
      <div className="st-report-head">
        <h3 id={headingId}>{t(lang, 'reportHeading')}</h3>
        <label htmlFor={selectId} className="st-label">
          {t(lang, 'authorLabel')}
        </label>
        <select id={selectId} value={props.authorId ?? ''} onChange={(e) => props.onAuthor(e.target.value)}>
          {props.authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name ? `${a.name}（${a.id}）` : a.id}
            </option>
          ))}
        </select>
        <button type="button" className="st-btn" onClick={props.onExportCsv} disabled={!report}>
          {t(lang, 'exportCsv')}
        </button>
      </div>

      {report && (
        <>
          <dl className="st-kpis" data-testid="report-total">
            {(
              [
                ['exposures', String(report.total.exposures)],
                ['exposedPosts', String(report.total.exposedPosts)],
                ['clicks', String(report.total.clicks)],
                ['saves', String(report.total.saves)],
                ['purchases', String(report.total.purchases)],
                ['ctr', formatBp(report.total.ctrBp)],
                ['conversion', formatBp(report.total.conversionBp)],
                ['gmv', formatFen(report.total.gmvFen)],
                ['commission', formatFen(report.total.commissionFen)],
              ] as const
            ).map(([k, v]) => (
              <div key={k} data-kpi={k}>
                <dt>{t(lang, k)}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          <p className="st-muted st-small">{t(lang, 'rateHint')}</p>

          <h4>{t(lang, 'dailyHeading')}</h4>
          <DailyChart
            label={t(lang, 'chartLabel')}
            days={report.daily.map((d) => d.day)}
            series={[
              {
                key: 'exposures',
                label: t(lang, 'exposures'),
                color: 'var(--st-c1)',
                values: report.daily.map((d) => d.exposures),
              },
              {
                key: 'clicks',
                label: t(lang, 'clicks'),
                color: 'var(--st-c2)',
                values: report.daily.map((d) => d.clicks),
              },
              {
                key: 'purchases',
                label: t(lang, 'purchases'),
                color: 'var(--st-c3)',
                values: report.daily.map((d) => d.purchases),
              },
            ]}
          />

          <h4>{t(lang, 'perPostHeading')}</h4>
          <div className="st-table-wrap">
            <table className="st-table" data-testid="report-posts">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'post')}</th>
                  {head}
                </tr>
              </thead>
              <tbody>
                {report.posts.map((p) => (
                  <tr key={p.postId} data-post-id={p.postId}>
                    <th scope="row">{p.postId}</th>
                    <StatCells s={p} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t(lang, 'total')}</th>
                  <StatCells s={report.total} />
                </tr>
              </tfoot>
            </table>
          </div>

          <h4>{t(lang, 'depthHeading')}</h4>
          <p className="st-muted st-small">{t(lang, 'depthIntro')}</p>
          <table className="st-table" data-testid="report-depth">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'group')}</th>
                <th scope="col">{t(lang, 'n')}</th>
                <th scope="col">{t(lang, 'converted')}</th>
                <th scope="col">{t(lang, 'rate')}</th>
              </tr>
            </thead>
            <tbody>
              {report.depth.map((g) => (
                <tr key={g.key} data-group={g.key}>
                  <th scope="row">{t(lang, `g_${g.key}`)}</th>
                  <td className="st-num">{g.n}</td>
                  <td className="st-num">{g.converted}</td>
                  <td className="st-num">
                    {formatBp(g.rateBp)}
                    {g.small && g.n > 0 && <span className="st-small-tag">{t(lang, 'smallSample')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
