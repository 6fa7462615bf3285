import type { ZcEvent } from '@/utils/events/schema';
import type { Enrolment, StudyConfig } from './config';

/**
 * Deterministic synthetic study events for tests, the DuckDB example and the export benchmark. A repeating cycle per
 * post: detect, exposure, sometimes a like, a click, a save, a purchase, so funnel figures are known in advance.
 */

export const EXAMPLE_STUDY: StudyConfig = {
  study_id: 'feeds-2026',
  title: '信息流购物研究 Shopping in feeds',
  researcher: { name: 'Dr. Li', contact: 'li@example.edu' },
  consent: {
    version: 'v1',
    text: '我们记录您在微博信息流中看到和点击的商品卡片（只记录编号，不记录博文内容）。您可随时退出并删除数据。',
  },
  retention_days: 90,
  export: { include_post_text: false },
};

export function exampleEnrolment(participant: number, enrolledAt: number, study = EXAMPLE_STUDY): Enrolment {
  const hex = participant.toString(16).padStart(12, '0');
  return { study, participant_id: `00000000-0000-4000-8000-${hex}`, enrolled_at: enrolledAt };
}

function uuidFor(n: number, salt: number): string {
  const h = (n * 2654435761 + salt * 40503) >>> 0;
  const tail = (n % 0xffffffffffff).toString(16).padStart(12, '0');
  return `${h.toString(16).padStart(8, '0')}-0000-4000-8${(salt & 0xfff).toString(16).padStart(3, '0')}-${tail}`;
}

/**
 * `count` events for `enrolment`, 1 s apart from its enrolment time, tagged as the background would tag them.
 * Per post (10 events): detect, exposure, view_time, exposure (2nd item), interaction like on every 4th post,
 * click on every 2nd, save on every 5th, purchase on every 10th, padded with view_time.
 */
export function* syntheticStudyEvents(enrolment: Enrolment, count: number, salt = 1): Generator<ZcEvent> {
  const tag = {
    study_id: enrolment.study.study_id,
    participant_id: enrolment.participant_id,
    consent_version: enrolment.study.consent.version,
  };
  for (let n = 0; n < count; n++) {
    const postN = Math.floor(n / 10);
    const step = n % 10;
    const base = {
      event_id: uuidFor(n, salt),
      schema_version: 1 as const,
      ts: enrolment.enrolled_at + n * 1000,
      tz_offset: 480,
      page_id: uuidFor(Math.floor(n / 500), salt + 7),
      author_id: `A${postN % 37}`,
      ext_version: '0.1.0',
      ...tag,
    };
    const post_id = `P${salt}x${postN}`;
    const item_id = `68${String(postN % 997).padStart(10, '0')}`;
    if (step === 0) yield { ...base, type: 'detect', post_id, item_id: null, score: 4 };
    else if (step === 1) yield { ...base, type: 'exposure', post_id, item_id, visible_ms: 1200, max_ratio: 0.9 };
    else if (step === 2 && postN % 4 === 0)
      yield { ...base, type: 'interaction', post_id, item_id: null, action: 'like' };
    else if (step === 3 && postN % 2 === 0) yield { ...base, type: 'click', post_id, item_id, target: 'card' };
    else if (step === 4 && postN % 5 === 0) yield { ...base, type: 'save', post_id, item_id };
    else if (step === 5 && postN % 10 === 0)
      yield { ...base, type: 'purchase', post_id, item_id, order_id: `O${salt}x${postN}`, amount_fen: 9900 };
    else yield { ...base, type: 'view_time', post_id, item_id, visible_ms: 1500, max_ratio: 0.9, exposed: true };
  }
}

/** Groups a generator into pages, the way the Dexie reader hands them to the exporter. */
export async function* inPages<T>(items: Iterable<T>, size: number): AsyncGenerator<T[]> {
  let page: T[] = [];
  for (const it of items) {
    page.push(it);
    if (page.length >= size) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}
