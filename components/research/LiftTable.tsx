import type { Interval, LiftRow } from '@/utils/metrics/lift';
import type { Lang } from '@/utils/settings';
import { researchMessages as t } from './messages';

const pct = (p: number | null) => (p === null ? '—' : `${(p * 100).toFixed(1)}%`);
const times = (x: number | null) => (x === null ? '—' : `×${x.toFixed(2)}`);
const range = (ci: Interval | null, f: (x: number) => string) => (ci ? `${f(ci.lo)} – ${f(ci.hi)}` : '—');

/** The interaction-depth table with intervals and lift; cells too small to read carry a * and `data-small`. */
export function LiftTable({ lang, rows }: { lang: Lang; rows: readonly LiftRow[] }) {
  return (
    <table className="st-table" aria-label={t(lang, 'depth')} data-testid="rs-lift">
      <thead>
        <tr>
          <th scope="col">{t(lang, 'group')}</th>
          <th scope="col">n</th>
          <th scope="col">{t(lang, 'converted')}</th>
          <th scope="col">{t(lang, 'rate')}</th>
          <th scope="col">{t(lang, 'ci95')}</th>
          <th scope="col">{t(lang, 'lift')}</th>
          <th scope="col">{t(lang, 'liftCi')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-group={r.key} className={r.small ? 'rs-small-n' : undefined}>
            <th scope="row">{t(lang, r.key)}</th>
            <td>{r.n}</td>
            <td>{r.converted}</td>
            <td data-small={r.small || undefined}>{`${pct(r.rate)}${r.small ? '*' : ''}`}</td>
            <td>{range(r.rateCi, (x) => pct(x))}</td>
            <td data-small={r.liftSmall || undefined}>{`${times(r.lift)}${r.liftSmall ? '*' : ''}`}</td>
            <td>{range(r.liftCi, (x) => x.toFixed(2))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
