import type { ZcEvent } from '@/utils/events/schema';
import { seededRandom } from '../random';
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

/**
 * A participant browsing guide posts on real Weibo, for the lift table: `posts` guide posts, 60 % with a card, each
 * post exposed, some liked / reposted / commented, purchases likelier after an interaction. A purchase names its post
 * (bought from the card) or not (bought later: attributed by the card's last click or exposure), or is of an item no
 * post showed. Events are 1 s apart from enrolment.
 */
export function* syntheticGuideStudyEvents(enrolment: Enrolment, posts: number, seed = 1): Generator<ZcEvent> {
  const rnd = seededRandom(seed);
  const tag = {
    study_id: enrolment.study.study_id,
    participant_id: enrolment.participant_id,
    consent_version: enrolment.study.consent.version,
  };
  let n = 0;
  const base = (page: number, author: string) => ({
    event_id: uuidFor(n, seed),
    schema_version: 2 as const,
    ts: enrolment.enrolled_at + n++ * 1000,
    tz_offset: 480,
    page_id: uuidFor(page, seed + 7),
    author_id: author,
    ext_version: '0.1.0',
    ...tag,
  });
  for (let i = 0; i < posts; i++) {
    const page = Math.floor(i / 20);
    const author = `A${i % 23}`;
    const post_id = `G${seed}x${i}`;
    const card = rnd() < 0.6;
    const item_id = card ? `69${String(i).padStart(10, '0')}` : null;
    yield { ...base(page, author), type: 'detect', post_id, item_id: null, score: 5 };
    if (rnd() < 0.9)
      yield {
        ...base(page, author),
        type: 'post_exposure',
        post_id,
        item_id: null,
        visible_ms: 1000 + Math.floor(rnd() * 4000),
        max_ratio: 0.8,
        has_card: card,
        ref_kinds: card ? 'short' : 'tpwd',
        ref_values: card ? `short:S${i}` : `tpwd:T${i}`,
      };
    if (item_id && rnd() < 0.8)
      yield { ...base(page, author), type: 'exposure', post_id, item_id, visible_ms: 1200, max_ratio: 0.9 };
    let acted = false;
    for (const [action, p] of [
      ['like', 0.2],
      ['repost', 0.06],
      ['comment', 0.08],
    ] as const) {
      if (rnd() >= p) continue;
      acted = true;
      yield { ...base(page, author), type: 'interaction', post_id, item_id: null, action };
    }
    if (item_id && rnd() < 0.3) yield { ...base(page, author), type: 'click', post_id, item_id, target: 'card' };
    if (item_id && rnd() < (acted ? 0.25 : 0.05)) {
      const fromCard = rnd() < 0.5;
      yield {
        ...base(page, author),
        type: 'purchase',
        post_id: fromCard ? post_id : null,
        author_id: fromCard ? author : null,
        item_id,
        order_id: `O${seed}x${i}`,
        amount_fen: 5000 + Math.floor(rnd() * 20000),
      };
    }
    if (rnd() < 0.02)
      yield {
        ...base(page, author),
        type: 'purchase',
        post_id: null,
        author_id: null,
        item_id: `70${String(i).padStart(10, '0')}`,
        order_id: `D${seed}x${i}`,
        amount_fen: 3000,
      };
  }
}
