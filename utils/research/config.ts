import { z } from 'zod';
import { ResearcherKeySchema } from './crypto';
import { dictionaryFieldNames } from './dictionary';

/**
 * A researcher's study config, pasted or loaded as JSON on the dashboard, and the participant's enrolment.
 * The config is untrusted input (a file from somewhere), so it is parsed strictly and every problem is named.
 */

/** Fields a study may never drop: without them the rows cannot be keyed, typed, ordered or attributed to a study. */
export const ALWAYS_EXPORTED = [
  'event_id',
  'type',
  'ts',
  'schema_version',
  'study_id',
  'participant_id',
  'consent_version',
] as const;

/**
 * Fields holding text written by Weibo users. The event log stores ids only today, so this list is empty in the
 * schema; it is kept so a future text field is dropped by default rather than exported by accident.
 */
export const POST_TEXT_FIELDS: readonly string[] = ['post_text', 'text', 'author_name'];

/** Where a survey address takes the participant id, so answers join the logs by the pseudonymous id. */
export const SURVEY_PLACEHOLDER = '{participant}';

const studyId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'letters, digits, "_", "." or "-", at most 64, starting with a letter or digit',
  );

export const StudyConfigSchema = z.strictObject({
  study_id: studyId.describe('Stable id of the study, written into every exported row.'),
  title: z.string().trim().min(1).max(200).describe('Study title shown to the participant.'),
  researcher: z.strictObject({
    name: z.string().trim().min(1).max(200),
    contact: z.string().trim().min(3).max(200).describe('E-mail or web address for questions and withdrawal.'),
  }),
  consent: z.strictObject({
    version: studyId.describe('Version of the consent text; stored with each event.'),
    text: z.string().trim().min(20).max(20_000).describe('The consent text the participant reads and accepts.'),
  }),
  retention_days: z.number().int().min(1).max(3650).describe('Study events older than this are purged.'),
  catalogue: z
    .strictObject({
      sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256')
        .describe('SHA-256 of the catalogue file every participant imports (商品库), as the dashboard lists it.'),
      name: z.string().trim().min(1).max(120).optional().describe('File name to tell the participant.'),
      exclusive: z
        .boolean()
        .default(false)
        .describe('When true, every other source (the built-in sample too) should be turned off.'),
    })
    .optional()
    .describe('Pins the product list: all participants see cards from the same catalogue.'),
  export: z
    .strictObject({
      include_post_text: z.boolean().default(false),
      /** Allow-list of event fields; absent = every field in the data dictionary. */
      fields: z.array(z.string()).min(1).max(100).optional(),
    })
    .default({ include_post_text: false }),
  encryption: z
    .strictObject({ public_key: ResearcherKeySchema })
    .optional()
    .describe('When present, exports are encrypted to this key and only the researcher can open them.'),
  survey: z
    .strictObject({
      url: z
        .url({ protocol: /^https$/, error: 'an https:// address' })
        .max(2000)
        .refine((u) => u.includes(SURVEY_PLACEHOLDER), `must contain ${SURVEY_PLACEHOLDER}`),
    })
    .optional()
    .describe('A questionnaire to link to; {participant} in its address becomes the participant id.'),
});

export type StudyConfig = z.infer<typeof StudyConfigSchema>;

export interface Enrolment {
  study: StudyConfig;
  participant_id: string;
  /** Epoch ms of consent; nothing earlier belongs to the study. */
  enrolled_at: number;
}

export type ConfigResult = { ok: true; config: StudyConfig } | { ok: false; errors: string[] };

/** JSON text → a valid config or a list of readable problems ("consent.version: …"). */
export function parseStudyConfig(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = StudyConfigSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.slice(0, 10).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
    };
  }
  const known = new Set(dictionaryFieldNames());
  const unknown = (parsed.data.export.fields ?? []).filter((f) => !known.has(f));
  if (unknown.length) return { ok: false, errors: [`export.fields: unknown field(s) ${unknown.join(', ')}`] };
  return { ok: true, config: parsed.data };
}

/** The fields the export writes, in data-dictionary order. */
export function exportedFields(config: StudyConfig): string[] {
  const all = dictionaryFieldNames();
  const allow = config.export.fields ? new Set<string>([...config.export.fields, ...ALWAYS_EXPORTED]) : null;
  return all.filter(
    (f) => (!allow || allow.has(f)) && (config.export.include_post_text || !POST_TEXT_FIELDS.includes(f)),
  );
}

export function newEnrolment(study: StudyConfig, now: number = Date.now()): Enrolment {
  return { study, participant_id: crypto.randomUUID(), enrolled_at: now };
}

/** The catalogue sources as the export manifest records them (enabled, winner first). */
export interface CatalogueSourceRecord {
  id: string;
  name: string;
  kind: string;
  sha256: string;
  rows: number;
  enabled: boolean;
  /** The extension version of the built-in sample catalogue. */
  version?: string;
}

/** What a study's pinned catalogue still needs, or null when the sources match the pin (or nothing is pinned). */
export function catalogueProblem(
  config: StudyConfig,
  sources: readonly CatalogueSourceRecord[],
): { code: 'missing' | 'disabled' | 'others-enabled'; name: string } | null {
  const pin = config.catalogue;
  if (!pin) return null;
  const name = pin.name ?? `${pin.sha256.slice(0, 12)}…`;
  const pinned = sources.find((s) => s.sha256 === pin.sha256);
  if (!pinned) return { code: 'missing', name };
  if (!pinned.enabled) return { code: 'disabled', name };
  if (pin.exclusive && sources.some((s) => s.enabled && s.sha256 !== pin.sha256))
    return { code: 'others-enabled', name };
  return null;
}

/** The survey link for a participant: the placeholder replaced (URL-encoded) wherever it appears. */
export function surveyLink(study: StudyConfig, participantId: string): string | null {
  return study.survey ? study.survey.url.split(SURVEY_PLACEHOLDER).join(encodeURIComponent(participantId)) : null;
}

/** The completion code the participant reads out or types into the survey: the first 8 hex digits of their id. */
export function completionCode(participantId: string): string {
  return participantId.replace(/-/g, '').slice(0, 8).toUpperCase();
}
