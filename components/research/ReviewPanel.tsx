import { useCallback, useEffect, useId, useState } from 'react';
import type { ZcEvent } from '@/utils/events/schema';
import {
  eventDay,
  isRemoved,
  type ReviewFilter,
  type ReviewSelection,
  type ReviewStats,
  toggle,
} from '@/utils/research/review';
import type { Lang } from '@/utils/settings';
import { researchMessages as t } from './messages';

const PAGE = 50;

export interface ReviewSource {
  reviewStats(removals: ReviewSelection): Promise<ReviewStats>;
  reviewRows(filter: ReviewFilter, page: number, size: number): Promise<{ rows: ZcEvent[]; more: boolean }>;
}

/**
 * The participant's look at what will leave: counts by type and day, the rows paged and filtered, and checkboxes to
 * take out rows, days or types. The selection lives in the parent, which hands it to the export.
 */
export function ReviewPanel({
  lang,
  source,
  selection,
  onChange,
}: {
  lang: Lang;
  source: ReviewSource;
  selection: ReviewSelection;
  onChange: (next: ReviewSelection) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [stats, setStats] = useState<ReviewStats | null>(null);
  const [filter, setFilter] = useState<ReviewFilter>({ type: null, day: null });
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<{ rows: ZcEvent[]; more: boolean }>({ rows: [], more: false });

  useEffect(() => {
    if (!open) return;
    let live = true;
    void source.reviewStats(selection).then((s) => live && setStats(s));
    return () => {
      live = false;
    };
  }, [open, source, selection]);

  const loadRows = useCallback(() => {
    let live = true;
    void source.reviewRows(filter, page, PAGE).then((r) => live && setRows(r));
    return () => {
      live = false;
    };
  }, [source, filter, page]);
  useEffect(() => (open ? loadRows() : undefined), [open, loadRows]);

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t(lang, 'reviewLoad')}
      </button>
    );

  const types = stats ? Object.keys(stats.byType).sort() : [];
  const days = stats ? Object.keys(stats.byDay).sort() : [];
  const set = (what: keyof ReviewSelection, value: string, on: boolean) => onChange(toggle(selection, what, value, on));

  return (
    <section className="rs-review" aria-labelledby={`${id}-h`} data-testid="rs-review">
      <h4 id={`${id}-h`}>{t(lang, 'review')}</h4>
      <p className="st-muted">{t(lang, 'reviewIntro')}</p>
      {stats && (
        <p role="status" data-testid="rs-review-summary">
          {t(lang, 'removedSummary', { n: stats.removed.total, m: stats.total - stats.removed.total })}
        </p>
      )}
      <div className="rs-row rs-review-counts">
        <table className="st-table" aria-label={t(lang, 'byType')}>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'eventType')}</th>
              <th scope="col">n</th>
              <th scope="col">{t(lang, 'remove')}</th>
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr key={type} data-type={type}>
                <th scope="row">{type}</th>
                <td>{stats?.byType[type]}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t(lang, 'remove')} ${type}`}
                    checked={selection.types.has(type)}
                    onChange={(e) => set('types', type, e.target.checked)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="st-table" aria-label={t(lang, 'byDay')}>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'day')}</th>
              <th scope="col">n</th>
              <th scope="col">{t(lang, 'remove')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day} data-day={day}>
                <th scope="row">{day}</th>
                <td>{stats?.byDay[day]}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t(lang, 'remove')} ${day}`}
                    checked={selection.days.has(day)}
                    onChange={(e) => set('days', day, e.target.checked)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t(lang, 'rowsHeading')}</h4>
      <div className="rs-row">
        <label>
          {t(lang, 'eventType')}{' '}
          <select
            value={filter.type ?? ''}
            onChange={(e) => {
              setFilter({ ...filter, type: e.target.value || null });
              setPage(0);
            }}
          >
            <option value="">{t(lang, 'filterAll')}</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'day')}{' '}
          <select
            value={filter.day ?? ''}
            onChange={(e) => {
              setFilter({ ...filter, day: e.target.value || null });
              setPage(0);
            }}
          >
            <option value="">{t(lang, 'filterAll')}</option>
            {days.map((day) => (
              <option key={day} value={day}>
                {day}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="st-table" aria-label={t(lang, 'rowsHeading')} data-testid="rs-review-rows">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'time')}</th>
            <th scope="col">{t(lang, 'eventType')}</th>
            <th scope="col">{t(lang, 'post')}</th>
            <th scope="col">{t(lang, 'item')}</th>
            <th scope="col">{t(lang, 'remove')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.rows.map((e) => (
            <tr
              key={e.event_id}
              data-event-id={e.event_id}
              className={isRemoved(e, selection) ? 'rs-removed' : undefined}
            >
              <td title={eventDay(e)}>{new Date(e.ts).toLocaleString(lang)}</td>
              <td>{e.type}</td>
              <td>{e.post_id ?? '—'}</td>
              <td>{e.item_id ?? '—'}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${t(lang, 'remove')} ${e.event_id}`}
                  checked={isRemoved(e, selection)}
                  disabled={selection.types.has(e.type) || selection.days.has(eventDay(e))}
                  onChange={(ev) => set('rows', e.event_id, ev.target.checked)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="rs-row">
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t(lang, 'prev')}
        </button>
        <span>{t(lang, 'pageN', { n: page + 1 })}</span>
        <button type="button" disabled={!rows.more} onClick={() => setPage(page + 1)}>
          {t(lang, 'next')}
        </button>
        <button type="button" onClick={() => loadRows()}>
          {t(lang, 'reviewRefresh')}
        </button>
      </div>
    </section>
  );
}
