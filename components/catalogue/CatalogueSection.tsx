import { type DragEvent, useState } from 'react';
import type { RowIssue } from '@/utils/catalogue/import/types';
import type { CatalogueSourceRow } from '@/utils/db';
import type { Lang } from '@/utils/settings';
import { t } from './messages';

/** Where an import stands. Props in, JSX out: the dashboard wires reading, parsing and storing. */
export type ImportPhase =
  | { kind: 'idle' }
  /** Rows are read and stored together, a batch at a time; `written` counts the items stored so far. */
  | { kind: 'reading'; name: string; rowsRead: number; rowsPerSecond: number; written?: number }
  | {
      kind: 'done';
      name: string;
      added: number;
      updated: number;
      refused: number;
      issues: readonly RowIssue[];
      unknownColumns: readonly string[];
    }
  | { kind: 'failed'; name: string; reason: string };

export interface CatalogueSectionProps {
  lang: Lang;
  phase: ImportPhase;
  sources: readonly CatalogueSourceRow[];
  /** Per source, its items whose card data comes from a source above it. */
  shadowed: ReadonlyMap<string, number>;
  onFile: (file: File) => void;
  onToggle: (id: string, enabled: boolean) => void;
  onRemove: (id: string) => void;
  onMove: (id: string, direction: 'up' | 'down') => void;
  onDownloadIssues: () => void;
}

const KIND_KEY = {
  mock: 'kindMock',
  'xuanpinku-xlsx': 'kindXuanpinku-xlsx',
  'xuanpinku-csv': 'kindXuanpinku-csv',
  'tbk-api-json': 'kindTbk-api-json',
  'items-json': 'kindItems-json',
} as const;

/** Issues shown on the page; all of them are in the downloadable CSV. */
const SHOWN_ISSUES = 50;

function formatTime(ms: number): string {
  return new Date(ms).toLocaleString('zh-CN', { hour12: false });
}

export function CatalogueSection(props: CatalogueSectionProps) {
  const { lang, phase } = props;
  const [over, setOver] = useState(false);
  const busy = phase.kind === 'reading';
  const n = (x: number) => x.toLocaleString(lang);

  const onDrop = (e: DragEvent<HTMLFieldSetElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !busy) props.onFile(file);
  };

  return (
    <section className="st-card cat-section" aria-label={t(lang, 'title')}>
      <h2>{t(lang, 'title')}</h2>
      <p className="cat-intro">{t(lang, 'intro')}</p>
      <fieldset
        aria-label={t(lang, 'drop')}
        className={over ? 'cat-drop cat-drop-over' : 'cat-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <label className="cat-pick">
          <span>{t(lang, 'pick')}</span>
          <input
            type="file"
            accept=".xlsx,.csv,.json,application/json,text/csv"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) props.onFile(file);
            }}
          />
        </label>
        <span className="cat-drop-hint">{t(lang, 'drop')}</span>
      </fieldset>

      {phase.kind === 'reading' && (
        <div className="cat-status" role="status">
          <progress aria-label={t(lang, 'progress')} />
          <span>
            {t(lang, 'reading', {
              name: phase.name,
              rows: n(phase.rowsRead),
              rate: n(Math.round(phase.rowsPerSecond)),
            })}
            {phase.written ? t(lang, 'written', { written: n(phase.written) }) : ''}
          </span>
        </div>
      )}
      {phase.kind === 'failed' && (
        <div className="cat-error" role="alert">
          {t(lang, 'failed', { name: phase.name, reason: phase.reason })} {t(lang, 'unchanged')}
        </div>
      )}
      {phase.kind === 'done' && (
        <div className="cat-result">
          <p role="status" className="cat-summary">
            {t(lang, 'done', {
              name: phase.name,
              added: n(phase.added),
              updated: n(phase.updated),
              refused: n(phase.refused),
            })}
          </p>
          {phase.unknownColumns.length > 0 && (
            <p className="cat-unknown">{t(lang, 'unknown', { cols: phase.unknownColumns.join('、') })}</p>
          )}
          {phase.issues.length > 0 && (
            <>
              <table className="cat-issues">
                <caption>{t(lang, 'issues')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'issueRow')}</th>
                    <th scope="col">{t(lang, 'issueColumn')}</th>
                    <th scope="col">{t(lang, 'issueReason')}</th>
                    <th scope="col">{t(lang, 'issueAction')}</th>
                  </tr>
                </thead>
                <tbody>
                  {phase.issues.slice(0, SHOWN_ISSUES).map((i) => (
                    <tr key={`${i.row}-${i.column}-${i.action}`}>
                      <td>{i.row}</td>
                      <td>{i.column}</td>
                      <td>{i.reason}</td>
                      <td>{t(lang, i.action)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {phase.issues.length > SHOWN_ISSUES && (
                <p>{t(lang, 'more', { n: n(phase.issues.length - SHOWN_ISSUES) })}</p>
              )}
              <button type="button" onClick={props.onDownloadIssues}>
                {t(lang, 'download')}
              </button>
            </>
          )}
        </div>
      )}

      <h3>{t(lang, 'sources')}</h3>
      <p className="cat-hint">{t(lang, 'sourcesHint')}</p>
      {props.sources.length === 0 ? (
        <p>{t(lang, 'none')}</p>
      ) : (
        <table className="cat-sources">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'order')}</th>
              <th scope="col">{t(lang, 'name')}</th>
              <th scope="col">{t(lang, 'kind')}</th>
              <th scope="col">{t(lang, 'rows')}</th>
              <th scope="col">{t(lang, 'shadowed')}</th>
              <th scope="col">{t(lang, 'importedAt')}</th>
              <th scope="col">{t(lang, 'sha')}</th>
              <th scope="col">{t(lang, 'enabled')}</th>
              <th scope="col">
                <span className="db-sr">{t(lang, 'remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.sources.map((s, i) => (
              <tr key={s.id} data-source={s.id}>
                <td className="cat-order">
                  {i + 1}
                  <button
                    type="button"
                    disabled={i === 0}
                    aria-label={`${t(lang, 'up')} ${s.name}`}
                    onClick={() => props.onMove(s.id, 'up')}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={i === props.sources.length - 1}
                    aria-label={`${t(lang, 'down')} ${s.name}`}
                    onClick={() => props.onMove(s.id, 'down')}
                  >
                    ↓
                  </button>
                </td>
                <td>{s.name}</td>
                <td>{t(lang, KIND_KEY[s.kind])}</td>
                <td>{n(s.rows)}</td>
                <td>{s.enabled ? n(props.shadowed.get(s.id) ?? 0) : '—'}</td>
                <td>{formatTime(s.imported_at)}</td>
                <td>
                  <code title={s.sha256}>{s.sha256.slice(0, 12)}</code>
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={s.enabled}
                    aria-label={`${t(lang, 'enabled')} ${s.name}`}
                    onChange={(e) => props.onToggle(s.id, e.target.checked)}
                  />
                </td>
                <td>
                  {s.kind !== 'mock' && (
                    <button
                      type="button"
                      aria-label={`${t(lang, 'remove')} ${s.name}`}
                      onClick={() => props.onRemove(s.id)}
                    >
                      {t(lang, 'remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
