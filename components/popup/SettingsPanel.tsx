import { useId, useState } from 'react';
import { THRESHOLD_MAX, THRESHOLD_MIN, THRESHOLD_STEP } from '@/utils/detect/threshold';
import { popupMessages as t } from '@/utils/popup/messages';
import type { Lang } from '@/utils/settings';

export interface SettingsValues {
  overlayEnabled: boolean;
  mutedAuthors: string[];
  detectThreshold: number;
  loggingPaused: boolean;
  autoExpandLongPosts: boolean;
  retentionDays: number;
  lang: Lang;
}

export interface SettingsPanelProps {
  values: SettingsValues;
  authorNames: Readonly<Record<string, string>>;
  /** Influencers the user saved from, offered for muting. */
  knownAuthors: ReadonlyArray<{ id: string; name: string }>;
  onChange: <K extends keyof SettingsValues>(key: K, value: SettingsValues[K]) => void;
  onDeleteAll: () => Promise<void>;
}

export const RETENTION_CHOICES = [30, 90, 180, 365] as const;
export { THRESHOLD_MAX, THRESHOLD_MIN } from '@/utils/detect/threshold';

export function SettingsPanel({ values: v, authorNames, knownAuthors, onChange, onDeleteAll }: SettingsPanelProps) {
  const lang = v.lang;
  const ids = { threshold: useId(), retention: useId(), overlay: useId(), logging: useId(), expand: useId() };
  const [confirming, setConfirming] = useState(false);
  const [deleteState, setDeleteState] = useState<'idle' | 'busy' | 'done' | { error: string }>('idle');
  return (
    <section className="zc-view zc-settings" aria-label={t(lang, 'settingsTitle')}>
      <div className="zc-card">
        <Toggle
          id={ids.overlay}
          label={t(lang, 'overlay')}
          hint={t(lang, 'overlayHint')}
          checked={v.overlayEnabled}
          onChange={(x) => onChange('overlayEnabled', x)}
        />
        <Toggle
          id={ids.logging}
          label={t(lang, 'loggingPaused')}
          hint={t(lang, 'loggingHint')}
          checked={v.loggingPaused}
          onChange={(x) => onChange('loggingPaused', x)}
        />
        <Toggle
          id={ids.expand}
          label={t(lang, 'autoExpand')}
          hint={t(lang, 'autoExpandHint')}
          checked={v.autoExpandLongPosts}
          onChange={(x) => onChange('autoExpandLongPosts', x)}
        />
      </div>

      <div className="zc-card">
        <label className="zc-field-label" htmlFor={ids.threshold}>
          {t(lang, 'threshold')}
        </label>
        <div className="zc-range">
          <span className="zc-meta">{t(lang, 'thresholdLow')}</span>
          <input
            id={ids.threshold}
            type="range"
            min={THRESHOLD_MIN}
            max={THRESHOLD_MAX}
            step={THRESHOLD_STEP}
            value={v.detectThreshold}
            onChange={(e) => onChange('detectThreshold', Number(e.currentTarget.value))}
          />
          <span className="zc-meta">{t(lang, 'thresholdHigh')}</span>
        </div>
        <p className="zc-hint">{t(lang, 'thresholdHint', { n: v.detectThreshold })}</p>

        <label className="zc-field-label" htmlFor={ids.retention}>
          {t(lang, 'retention')}
        </label>
        <select
          id={ids.retention}
          className="zc-select"
          value={v.retentionDays}
          onChange={(e) => onChange('retentionDays', Number(e.currentTarget.value))}
        >
          {[...new Set([...RETENTION_CHOICES, v.retentionDays])]
            .sort((a, b) => a - b)
            .map((d) => (
              <option key={d} value={d}>
                {t(lang, 'retentionDays', { n: d })}
              </option>
            ))}
        </select>
        <p className="zc-hint">{t(lang, 'retentionHint')}</p>

        <fieldset className="zc-lang">
          <legend className="zc-field-label">{t(lang, 'language')}</legend>
          {/* biome-ignore lint/a11y/useSemanticElements: a pill row of toggle buttons; a fieldset legend would break the layout */}
          <div className="zc-seg" role="group" aria-label={t(lang, 'language')}>
            {(
              [
                ['zh-CN', '中文'],
                ['en', 'English'],
              ] as const
            ).map(([code, name]) => (
              <button
                key={code}
                type="button"
                aria-pressed={lang === code}
                lang={code}
                className={lang === code ? 'zc-seg-btn zc-on' : 'zc-seg-btn'}
                onClick={() => onChange('lang', code)}
              >
                {name}
              </button>
            ))}
          </div>
        </fieldset>
      </div>

      <div className="zc-card">
        <h2 className="zc-card-title">{t(lang, 'muted')}</h2>
        {v.mutedAuthors.length === 0 ? (
          <p className="zc-hint">{t(lang, 'mutedEmpty')}</p>
        ) : (
          <ul className="zc-muted" data-testid="muted-list">
            {v.mutedAuthors.map((id) => {
              const name = authorNames[id] ?? `@${id}`;
              return (
                <li key={id}>
                  <bdi className="zc-muted-name">{name}</bdi>
                  <button
                    type="button"
                    className="zc-btn zc-btn-ghost zc-btn-sm"
                    aria-label={t(lang, 'unmuteLabel', { name })}
                    onClick={() =>
                      onChange(
                        'mutedAuthors',
                        v.mutedAuthors.filter((x) => x !== id),
                      )
                    }
                  >
                    {t(lang, 'unmute')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>

      {knownAuthors.some((a) => !v.mutedAuthors.includes(a.id)) && (
        <div className="zc-card">
          <h2 className="zc-card-title">{t(lang, 'knownAuthors')}</h2>
          <ul className="zc-muted" data-testid="known-authors">
            {knownAuthors
              .filter((a) => !v.mutedAuthors.includes(a.id))
              .map((a) => (
                <li key={a.id}>
                  <bdi className="zc-muted-name">{a.name}</bdi>
                  <button
                    type="button"
                    className="zc-btn zc-btn-ghost zc-btn-sm"
                    aria-label={t(lang, 'muteLabel', { name: a.name })}
                    onClick={() => onChange('mutedAuthors', [...v.mutedAuthors, a.id])}
                  >
                    {t(lang, 'mute')}
                  </button>
                </li>
              ))}
          </ul>
        </div>
      )}

      <div className="zc-card zc-danger">
        <h2 className="zc-card-title">{t(lang, 'deleteAll')}</h2>
        <p className="zc-hint">{t(lang, 'deleteHint')}</p>
        {deleteState === 'done' && (
          <p role="status" className="zc-ok">
            {t(lang, 'deleted')}
          </p>
        )}
        {typeof deleteState === 'object' && (
          <p role="alert" className="zc-error-note">
            {t(lang, 'errorAction', { message: deleteState.error })}
          </p>
        )}
        {confirming ? (
          <div className="zc-confirm">
            <p className="zc-confirm-text">{t(lang, 'deleteConfirm')}</p>
            <div className="zc-confirm-actions">
              <button type="button" className="zc-btn zc-btn-ghost zc-btn-sm" onClick={() => setConfirming(false)}>
                {t(lang, 'deleteNo')}
              </button>
              <button
                type="button"
                className="zc-btn zc-btn-danger zc-btn-sm"
                disabled={deleteState === 'busy'}
                onClick={() => {
                  setDeleteState('busy');
                  onDeleteAll().then(
                    () => {
                      setDeleteState('done');
                      setConfirming(false);
                    },
                    (e: unknown) => setDeleteState({ error: e instanceof Error ? e.message : String(e) }),
                  );
                }}
              >
                {t(lang, 'deleteYes')}
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="zc-btn zc-btn-danger-ghost zc-btn-sm"
            onClick={() => {
              setConfirming(true);
              setDeleteState('idle');
            }}
          >
            {t(lang, 'deleteAll')}
          </button>
        )}
      </div>
      <p className="zc-fine zc-center">{t(lang, 'privacy')}</p>
    </section>
  );
}

function Toggle(p: { id: string; label: string; hint: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="zc-toggle-row">
      <div>
        <label htmlFor={p.id} className="zc-field-label">
          {p.label}
        </label>
        <p className="zc-hint">{p.hint}</p>
      </div>
      <input
        id={p.id}
        type="checkbox"
        role="switch"
        aria-checked={p.checked}
        className="zc-switch"
        checked={p.checked}
        onChange={(e) => p.onChange(e.currentTarget.checked)}
      />
    </div>
  );
}
