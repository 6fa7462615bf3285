import { useState } from 'react';
import type { ExportStatus } from '@/utils/events/export';
import type { ZcEventType } from '@/utils/events/schema';
import type { Lang } from '@/utils/settings';
import { t } from './messages';

/** Display order: the funnel from recognising a post to buying. */
const TYPE_ORDER = [
  'detect',
  'exposure',
  'view_time',
  'click',
  'interaction',
  'save',
  'unsave',
  'purchase',
  'dismiss',
] as const satisfies readonly ZcEventType[];

export type ExportPhase =
  | { kind: 'idle' }
  | { kind: 'exporting'; written: number }
  | { kind: 'done'; count: number; filename: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'deleted' };

export interface ExportPanelProps {
  lang: Lang;
  status: ExportStatus | null;
  paused: boolean;
  phase: ExportPhase;
  onExport(): void;
  onTogglePause(): void;
  onDeleteAll(): void;
  onAcknowledgeQuota(): void;
}

/** Research export and data controls. Props in, callbacks out; no storage access here. */
export function ExportPanel(props: ExportPanelProps) {
  const { lang, status, paused, phase } = props;
  const [confirming, setConfirming] = useState(false);
  const busy = phase.kind === 'exporting';

  return (
    <section className="zc-export" aria-labelledby="zc-export-heading">
      <h2 id="zc-export-heading">{t(lang, 'heading')}</h2>
      <p>{t(lang, 'intro')}</p>

      {status?.quotaNotice && (
        <div role="alert" className="zc-export-notice">
          {t(lang, 'quota', { n: status.quotaNotice.purgedEvents })}{' '}
          <button type="button" onClick={props.onAcknowledgeQuota}>
            {t(lang, 'ack')}
          </button>
        </div>
      )}

      {status &&
        (status.total === 0 ? (
          <p>{t(lang, 'empty')}</p>
        ) : (
          <>
            <p data-testid="zc-event-total">{t(lang, 'total', { n: status.total })}</p>
            <table className="zc-export-counts">
              <tbody>
                {TYPE_ORDER.filter((type) => status.counts[type]).map((type) => (
                  <tr key={type} data-event-type={type}>
                    <th scope="row">{t(lang, `type_${type}`)}</th>
                    <td>{status.counts[type]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ))}
      {status?.rejected && (
        <p className="zc-export-diag">
          {t(lang, 'rejected', { n: status.rejected.count, reason: status.rejected.lastReason })}
        </p>
      )}
      {status && status.dropped > 0 && <p className="zc-export-diag">{t(lang, 'dropped', { n: status.dropped })}</p>}
      {status?.refused && (
        <p className="zc-export-diag">
          {t(lang, 'refused', { n: status.refused.count, reason: status.refused.lastReason })}
        </p>
      )}
      {status?.recovered ? <p className="zc-export-diag">{t(lang, 'recovered', { n: status.recovered })}</p> : null}

      <div className="zc-export-actions">
        <button type="button" onClick={props.onExport} disabled={busy || status?.total === 0}>
          {t(lang, 'export')}
        </button>
        <button type="button" aria-pressed={paused} onClick={props.onTogglePause}>
          {t(lang, paused ? 'resume' : 'pause')}
        </button>
        <button type="button" onClick={() => setConfirming(true)} disabled={busy || confirming}>
          {t(lang, 'deleteAll')}
        </button>
      </div>
      {paused && <p role="status">{t(lang, 'pausedNote')}</p>}

      {confirming && (
        <div role="alertdialog" aria-labelledby="zc-export-confirm" className="zc-export-confirm">
          <p id="zc-export-confirm">{t(lang, 'confirmDelete')}</p>
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
              props.onDeleteAll();
            }}
          >
            {t(lang, 'confirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t(lang, 'cancel')}
          </button>
        </div>
      )}

      <p role="status" aria-live="polite">
        {phase.kind === 'exporting' && t(lang, 'exporting', { n: phase.written })}
        {phase.kind === 'done' && t(lang, 'exported', { n: phase.count, file: phase.filename })}
        {phase.kind === 'failed' && t(lang, 'exportFailed', { reason: phase.reason })}
        {phase.kind === 'deleted' && t(lang, 'deleted')}
      </p>
    </section>
  );
}
