import { type ChangeEvent, useEffect, useId, useState } from 'react';
import { SectionBoundary } from '@/components/dashboard/SectionBoundary';
import {
  type CatalogueSourceRecord,
  catalogueProblem,
  completionCode,
  type Enrolment,
  exportedFields,
  parseStudyConfig,
  type StudyConfig,
  surveyLink,
} from '@/utils/research/config';
import { keyId } from '@/utils/research/crypto';
import { emptySelection, type ReviewSelection } from '@/utils/research/review';
import type { ResearchSource } from '@/utils/research/source';
import type { Lang } from '@/utils/settings';
import { ImportPanel } from './ImportPanel';
import { researchMessages as t } from './messages';
import { ReviewPanel } from './ReviewPanel';
import './research.css';

type ExportPhase =
  | { kind: 'idle' }
  | { kind: 'running'; read: number; total: number }
  | { kind: 'done'; count: number; filename: string }
  | { kind: 'failed'; reason: string };

type LeavePhase =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; deleted: boolean; count: number }
  | { kind: 'failed'; reason: string };

export function ResearchSection({ lang, source }: { lang: Lang; source: ResearchSource }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null | undefined>(undefined);
  const [leave, setLeave] = useState<LeavePhase>({ kind: 'idle' });
  useEffect(() => source.watchEnrolment(setEnrolment), [source]);
  // The enrolment is gone from storage before the deletion ends: the enrol panel waits for the leave to finish.
  const onLeave = async (deleteData: boolean) => {
    setLeave({ kind: 'running' });
    try {
      const count = await source.leave(deleteData);
      setLeave({ kind: 'done', deleted: deleteData, count });
    } catch (error) {
      setLeave({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };
  const leftNote =
    leave.kind === 'done' ? (leave.deleted ? t(lang, 'leftDeleted', { n: leave.count }) : t(lang, 'left')) : null;
  return (
    <div className="rs-section">
      <h2>{t(lang, 'heading')}</h2>
      <p className="st-muted">{t(lang, 'intro')}</p>
      {leave.kind === 'failed' && <p role="alert">{t(lang, 'leaveFailed', { reason: leave.reason })}</p>}
      {enrolment === undefined ? null : leave.kind === 'running' ? (
        <section className="st-card">
          <p role="status">{t(lang, 'leaving')}</p>
        </section>
      ) : enrolment ? (
        <EnrolledPanel lang={lang} source={source} enrolment={enrolment} onLeave={onLeave} />
      ) : (
        <EnrolPanel lang={lang} source={source} left={leftNote} />
      )}
      <SectionBoundary lang={lang} name="research-import">
        <ImportPanel lang={lang} importer={source.importer} />
      </SectionBoundary>
    </div>
  );
}

function EnrolPanel({ lang, source, left: leftNote }: { lang: Lang; source: ResearchSource; left: string | null }) {
  const id = useId();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [config, setConfig] = useState<StudyConfig | null>(null);
  const [agreed, setAgreed] = useState(false);
  // How the last leave went, until the next config is checked.
  const [left, setLeft] = useState<string | null>(leftNote);

  const check = (json: string) => {
    const r = parseStudyConfig(json);
    setAgreed(false);
    setLeft(null);
    if (r.ok) {
      setErrors([]);
      setConfig(r.config);
    } else {
      setErrors(r.errors);
      setConfig(null);
    }
  };
  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const json = await file.text();
    setText(json);
    check(json);
  };

  return (
    <section className="st-card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t(lang, 'participant')}</h3>
      {left && <p role="status">{left}</p>}
      <label className="st-label" htmlFor={`${id}-cfg`}>
        {t(lang, 'configLabel')}
      </label>
      <textarea
        id={`${id}-cfg`}
        className="rs-config"
        rows={6}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setConfig(null);
        }}
      />
      <div className="rs-row">
        <button type="button" onClick={() => check(text)}>
          {t(lang, 'configCheck')}
        </button>
        <label className="rs-file">
          {t(lang, 'configLoad')}
          <input type="file" accept="application/json,.json" onChange={(e) => void load(e)} />
        </label>
      </div>
      {errors.length > 0 && (
        <div role="alert" className="rs-errors">
          <p>{t(lang, 'configErrors')}</p>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {config && (
        <div className="rs-consent">
          <StudyFacts lang={lang} study={config} />
          <h4>{t(lang, 'consentHeading', { v: config.consent.version })}</h4>
          {/* Researcher-supplied text: rendered as text, line breaks kept by CSS. */}
          <div className="rs-consent-text">{config.consent.text}</div>
          <label className="rs-check">
            <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
            {t(lang, 'consentCheck')}
          </label>
          <button
            type="button"
            className="rs-primary"
            disabled={!agreed}
            onClick={() => {
              void source.enrol(config).then(() => {
                setConfig(null);
                setText('');
              });
            }}
          >
            {t(lang, 'enrol')}
          </button>
        </div>
      )}
    </section>
  );
}

function StudyFacts({ lang, study }: { lang: Lang; study: StudyConfig }) {
  const fields = exportedFields(study);
  return (
    <ul className="rs-facts">
      <li>{t(lang, 'studyTitle', { title: study.title })}</li>
      <li>{t(lang, 'researcher', { name: study.researcher.name, contact: study.researcher.contact })}</li>
      <li>{t(lang, 'retention', { n: study.retention_days })}</li>
      <li>{study.export.fields ? t(lang, 'fields', { list: fields.join(', ') }) : t(lang, 'fieldsAll')}</li>
      <li>{t(lang, study.export.include_post_text ? 'postTextYes' : 'postTextNo')}</li>
      {study.encryption && (
        <li data-testid="rs-encrypted">{t(lang, 'encrypted', { id: keyId(study.encryption.public_key) })}</li>
      )}
      {study.survey && <li>{t(lang, 'surveyInConfig', { host: new URL(study.survey.url).host })}</li>}
    </ul>
  );
}

/** The survey, if the study has one: the completion code, and a link that opens only when clicked. */
function SurveyLink({ lang, enrolment }: { lang: Lang; enrolment: Enrolment }) {
  const link = surveyLink(enrolment.study, enrolment.participant_id);
  if (!link) return null;
  return (
    <div className="rs-survey" data-testid="rs-survey">
      <h4>{t(lang, 'survey')}</h4>
      <p data-testid="rs-completion-code">
        {t(lang, 'completionCode', { code: completionCode(enrolment.participant_id) })}
      </p>
      <a href={link} target="_blank" rel="noopener noreferrer">
        {t(lang, 'surveyOpen')}
      </a>
      <p className="st-muted st-small">{t(lang, 'surveyNote')}</p>
    </div>
  );
}

function EnrolledPanel({
  lang,
  source,
  enrolment,
  onLeave,
}: {
  lang: Lang;
  source: ResearchSource;
  enrolment: Enrolment;
  onLeave: (deleteData: boolean) => Promise<void>;
}) {
  const id = useId();
  const [phase, setPhase] = useState<ExportPhase>({ kind: 'idle' });
  const [leaving, setLeaving] = useState(false);
  const [deleteData, setDeleteData] = useState(true);
  const [removals, setRemovals] = useState<ReviewSelection>(emptySelection);
  const [sources, setSources] = useState<CatalogueSourceRecord[] | null>(null);
  const running = phase.kind === 'running';
  useEffect(() => source.watchCatalogue?.(setSources), [source]);
  const pin = sources ? catalogueProblem(enrolment.study, sources) : null;

  const runExport = async () => {
    setPhase({ kind: 'running', read: 0, total: 0 });
    try {
      const r = await source.exportZip((read, total) => setPhase({ kind: 'running', read, total }), removals);
      setPhase({ kind: 'done', ...r });
    } catch (error) {
      setPhase({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="st-card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t(lang, 'enrolled', { title: enrolment.study.title })}</h3>
      <StudyFacts lang={lang} study={enrolment.study} />
      {pin && (
        <p className="rs-errors" role="alert" data-testid="rs-catalogue">
          {t(lang, pin.code === 'missing' ? 'pinMissing' : pin.code === 'disabled' ? 'pinDisabled' : 'pinOthers', {
            name: pin.name,
          })}
        </p>
      )}
      <p className="st-muted" data-testid="rs-participant">
        {t(lang, 'participantId', { id: enrolment.participant_id })}
      </p>
      <p className="st-muted">
        {t(lang, 'enrolledAt', {
          at: new Date(enrolment.enrolled_at).toLocaleString(lang),
          v: enrolment.study.consent.version,
        })}
      </p>
      <SurveyLink lang={lang} enrolment={enrolment} />
      <ReviewPanel lang={lang} source={source} selection={removals} onChange={setRemovals} />
      <div className="rs-row">
        <button type="button" className="rs-primary" disabled={running} onClick={() => void runExport()}>
          {t(lang, 'export')}
        </button>
        {running && (
          <progress
            aria-label={t(lang, 'progress')}
            max={Math.max(1, phase.total)}
            value={Math.min(phase.read, Math.max(1, phase.total))}
          />
        )}
      </div>
      {phase.kind === 'done' && <p role="status">{t(lang, 'exported', { n: phase.count, file: phase.filename })}</p>}
      {phase.kind === 'failed' && <p role="alert">{t(lang, 'exportFailed', { reason: phase.reason })}</p>}
      {!leaving ? (
        <button type="button" onClick={() => setLeaving(true)}>
          {t(lang, 'leave')}
        </button>
      ) : (
        <div className="rs-leave">
          <label className="rs-check">
            <input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.target.checked)} />
            {t(lang, 'leaveDelete')}
          </label>
          <button type="button" onClick={() => void onLeave(deleteData)}>
            {t(lang, 'leaveConfirm')}
          </button>
          <button type="button" onClick={() => setLeaving(false)}>
            {t(lang, 'cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
