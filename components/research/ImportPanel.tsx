import { type ChangeEvent, useId, useRef, useState } from 'react';
import { SectionBoundary } from '@/components/dashboard/SectionBoundary';
import { formatBp } from '@/utils/metrics/conversion';
import { funnel } from '@/utils/metrics/funnel';
import type { StudySummary } from '@/utils/research/import';
import type { StudyImporter } from '@/utils/research/import-client';
import { describeImportProblem } from '@/utils/research/import-problems';
import type { ImportProgress, StreamImportResult } from '@/utils/research/import-stream';
import type { Lang } from '@/utils/settings';
import { importMessages as ti } from './import-messages';
import { LiftTable } from './LiftTable';
import { researchMessages as t } from './messages';

const STAGE_KEY = { exposure: 'exposure', click: 'click', save: 'save', purchase: 'purchase' } as const;

type Running = { name: string; progress: ImportProgress; cancel: () => void } | null;

/**
 * The researcher's view: participants' zips are verified and merged by `importer` (a Web Worker in the dashboard),
 * one file at a time with progress and cancel; the page keeps each file's verdict and the study summary, not rows.
 */
export function ImportPanel({ lang, importer }: { lang: Lang; importer: StudyImporter }) {
  const id = useId();
  const [results, setResults] = useState<StreamImportResult[]>([]);
  const [summary, setSummary] = useState<StudySummary | null>(null);
  const [running, setRunning] = useState<Running>(null);
  const busy = useRef(false);

  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (busy.current) return;
    busy.current = true;
    try {
      for (const file of files) {
        const job = importer.importFile(file, file.name, (progress) => setRunning((r) => (r ? { ...r, progress } : r)));
        setRunning({ name: file.name, progress: { read: 0, total: file.size, rows: 0 }, cancel: job.cancel });
        const { result, summary: next } = await job.done;
        setResults((prev) => [...prev, result]);
        setSummary(next);
      }
    } finally {
      busy.current = false;
      setRunning(null);
    }
  };

  return (
    <section className="st-card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t(lang, 'researcherView')}</h3>
      <p className="st-muted">{t(lang, 'researcherIntro')}</p>
      <p className="st-muted st-small" data-testid="rs-hash-note">
        {ti(lang, 'hashNote')}
      </p>
      <div className="rs-row">
        <label className="rs-file">
          {t(lang, 'importLabel')}
          <input
            type="file"
            accept=".zip,application/zip"
            multiple
            disabled={running !== null}
            onChange={(e) => void load(e)}
          />
        </label>
        {results.length > 0 && running === null && (
          <button
            type="button"
            onClick={() => {
              importer.clear();
              setResults([]);
              setSummary(null);
            }}
          >
            {t(lang, 'clear')}
          </button>
        )}
      </div>
      {running && (
        <div className="rs-row" data-testid="rs-import-progress">
          <progress
            aria-label={ti(lang, 'importProgress')}
            max={Math.max(1, running.progress.total)}
            value={Math.min(running.progress.read, Math.max(1, running.progress.total))}
          />
          <span role="status">
            {ti(lang, 'importing', {
              name: running.name,
              read: running.progress.read,
              total: running.progress.total,
              rows: running.progress.rows,
            })}
          </span>
          <button type="button" onClick={running.cancel}>
            {ti(lang, 'cancel')}
          </button>
        </div>
      )}
      <ul className="rs-imports">
        {results.map((r, i) =>
          r.ok ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be loaded twice
            <li key={i} data-import="accepted">
              <bdi>{t(lang, 'accepted', { name: r.name, pid: r.participant_id.slice(0, 8), n: r.rows })}</bdi>{' '}
              {r.added !== r.rows && ti(lang, 'added', { n: r.added })}
            </li>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be loaded twice
            <li key={i} data-import="rejected" role="alert">
              <bdi>{t(lang, 'rejected', { name: r.name, problem: describeImportProblem(r.issue, lang) })}</bdi>
            </li>
          ),
        )}
      </ul>
      {summary && (
        <SectionBoundary lang={lang} name="research-summary">
          <SummaryTables lang={lang} summary={summary} />
        </SectionBoundary>
      )}
    </section>
  );
}

function SummaryTables({ lang, summary }: { lang: Lang; summary: StudySummary }) {
  return (
    <>
      <p data-testid="rs-combined">{t(lang, 'combined', { p: summary.participants, n: summary.events })}</p>
      <h4>{t(lang, 'funnel')}</h4>
      <table className="st-table" aria-label={t(lang, 'funnel')}>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'stage')}</th>
            <th scope="col">{t(lang, 'count')}</th>
            <th scope="col">{t(lang, 'rateFromPrev')}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-stage="post_exposure">
            <th scope="row">{t(lang, 'postExposure')}</th>
            <td>{summary.postExposures}</td>
            <td>—</td>
          </tr>
          {funnel(summary.funnel).map((s) => (
            <tr key={s.stage} data-stage={s.stage}>
              <th scope="row">{t(lang, STAGE_KEY[s.stage])}</th>
              <td>{s.count}</td>
              <td>{s.fromPrevBp === null ? '—' : formatBp(s.fromPrevBp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t(lang, 'depth')}</h4>
      <LiftTable lang={lang} rows={summary.lift} />
      <p className="st-muted st-small">{t(lang, 'depthNote')}</p>
    </>
  );
}
