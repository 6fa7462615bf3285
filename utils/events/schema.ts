import { z } from 'zod';
import {
  ACCEPTED_SCHEMA_VERSIONS,
  CLICK_TARGETS,
  INTERACTION_ACTIONS,
  REFERENCE_KINDS,
  SCHEMA_VERSION,
} from './constants';

/**
 * The research event log, one shape per `type`. Bump SCHEMA_VERSION on any change a reader must know about and keep
 * the old literal accepted in the background for as long as old content scripts can still be running.
 * Field names are snake_case because the NDJSON export writes them verbatim.
 */
export { ACCEPTED_SCHEMA_VERSIONS, CLICK_TARGETS, INTERACTION_ACTIONS, REFERENCE_KINDS, SCHEMA_VERSION };

const id = z.string().min(1).max(64);
const uuid = z.uuid();

const common = {
  event_id: uuid.describe(
    'UUID v4 made where the event happened (content script or page); the storage key, so a retried delivery overwrites instead of duplicating.',
  ),
  schema_version: z
    .union(ACCEPTED_SCHEMA_VERSIONS.map((v) => z.literal(v)))
    .describe(
      'Version of the event schema the row was written under (2 added post_exposure; 1 rows are valid 2 rows).',
    ),
  ts: z.number().int().min(0).describe('When the event happened, epoch milliseconds (UTC), taken in the page.'),
  tz_offset: z
    .number()
    .int()
    .min(-840)
    .max(840)
    .describe('Local time offset from UTC in minutes at the moment of the event (UTC+8 = 480).'),
  page_id: uuid.describe(
    'UUID of the page view (one per document load) the event belongs to; exposures are unique per page_id, post_id, item_id.',
  ),
  post_id: id
    .nullable()
    .describe('Weibo post id (mblogid on weibo.com, mid on m.weibo.cn); null when the event is not tied to a post.'),
  author_id: id.nullable().describe('Weibo uid of the post author; null when unknown or not tied to a post.'),
  item_id: id.nullable().describe('Catalogue (Taobao Union) item id; null where no item applies.'),
  ext_version: z.string().min(1).max(32).describe('Version of the extension that recorded the event.'),
  study_id: id
    .nullable()
    .optional()
    .describe('Research study the participant enrolled in; null/absent outside a study.'),
  participant_id: id
    .nullable()
    .optional()
    .describe('Pseudonymous participant id within the study; null/absent outside a study.'),
  consent_version: id
    .nullable()
    .optional()
    .describe('Version of the consent text the participant agreed to; null/absent outside a study.'),
};

const ratio = z.number().min(0).max(1);
const nonNegInt = z.number().int().min(0);

export const ExposureEventSchema = z.strictObject({
  ...common,
  type: z
    .literal('exposure')
    .describe(
      'A product card met the MRC viewability rule: ≥ 50 % of its pixels in view for ≥ 1 continuous second, tab visible and window focused. At most one per page_id, post_id, item_id.',
    ),
  post_id: id.describe('Weibo post id the card belongs to.'),
  item_id: id.describe('Catalogue item shown on the card.'),
  visible_ms: nonNegInt.describe(
    'Cumulative viewable time (≥ 50 % in view, tab active) of the card in this page view when the rule was met; ≥ 1000.',
  ),
  max_ratio: ratio.describe('Largest share of the card in the viewport (IntersectionObserver ratio, 0–1) seen so far.'),
});

/** Space-separated tokens: the fields stay scalar, so every NDJSON line and CSV row has the same columns. */
const refKinds = z
  .string()
  .max(128)
  .regex(new RegExp(`^((${REFERENCE_KINDS.join('|')})( (${REFERENCE_KINDS.join('|')}))*)?$`));
const refValues = z
  .string()
  .max(1024)
  .regex(/^(\S+( \S+)*)?$/);

export const PostExposureEventSchema = z.strictObject({
  ...common,
  type: z
    .literal('post_exposure')
    .describe(
      'A post the detector calls a shopping guide, with or without a card, met the viewability rule: ≥ 50 % of the post (of the viewport, for a post taller than it) in view for ≥ 1 continuous second, tab visible and window focused. At most one per page_id, post_id.',
    ),
  post_id: id.describe('Guide post seen.'),
  visible_ms: nonNegInt.describe(
    'post_exposure: cumulative viewable time of the post in this page view when the rule was met; ≥ 1000.',
  ),
  max_ratio: ratio.describe('post_exposure: largest viewable share of the post (0–1) seen so far.'),
  has_card: z.boolean().describe('Whether product cards were drawn on the post when it was exposed.'),
  ref_kinds: refKinds.describe(
    `The detector's explicit shopping references in the post, in text order, space-separated, repeats kept: ${REFERENCE_KINDS.join(', ')}. Empty when it was called a guide on wording alone.`,
  ),
  ref_values: refValues.describe(
    'The same references as kind:value tokens, space-separated: item and coupon → item id, short → link token, affiliate → click code, shop → host, tpwd → the 淘口令 code. Ids only, never post text.',
  ),
});

export const ViewTimeEventSchema = z.strictObject({
  ...common,
  type: z
    .literal('view_time')
    .describe(
      'Running total of viewable time for a card, written when the page goes hidden or the card is forgotten. Several may exist per card; the last (largest visible_ms) per page_id, post_id, item_id is the total.',
    ),
  post_id: id.describe('Weibo post id the card belongs to.'),
  item_id: id.describe('Catalogue item shown on the card.'),
  visible_ms: nonNegInt.describe(
    'Cumulative viewable time (≥ 50 % in view, tab active) of the card in this page view so far.',
  ),
  max_ratio: ratio.describe('Largest share of the card in the viewport (0–1) seen in this page view.'),
  exposed: z.boolean().describe('Whether the card has met the exposure rule in this page view.'),
});

export const ClickEventSchema = z.strictObject({
  ...common,
  type: z.literal('click').describe('The user clicked something on a product card or an item link.'),
  post_id: id.describe('Weibo post id the card belongs to.'),
  target: z
    .enum(CLICK_TARGETS)
    .describe(
      'What was clicked: card body, original link, buy button, save button, the why-this-card reasons, the item view, a SKU, coupon, collapse or mute control.',
    ),
});

export const SaveEventSchema = z.strictObject({
  ...common,
  type: z.literal('save').describe('The user saved (种草) an item to their list.'),
  item_id: id.describe('Saved catalogue item.'),
});

export const UnsaveEventSchema = z.strictObject({
  ...common,
  type: z.literal('unsave').describe('The user removed an item from their saved list.'),
  item_id: id.describe('Removed catalogue item.'),
});

export const PurchaseEventSchema = z.strictObject({
  ...common,
  type: z.literal('purchase').describe('The user completed a (simulated) purchase.'),
  item_id: id.describe('Purchased catalogue item.'),
  order_id: z.string().min(1).max(64).describe('Order id, the key of the orders table.'),
  amount_fen: nonNegInt.describe('Amount paid, integer fen (1 yuan = 100 fen), after coupons.'),
});

export const DismissEventSchema = z.strictObject({
  ...common,
  type: z.literal('dismiss').describe('The user dismissed the cards of a post (不感兴趣).'),
  post_id: id.describe('Dismissed post.'),
});

export const InteractionEventSchema = z.strictObject({
  ...common,
  type: z.literal('interaction').describe("The user pressed a button on a guide post's own Weibo action bar."),
  post_id: id.describe('Guide post acted on.'),
  author_id: id.describe('Author of the guide post.'),
  action: z.enum(INTERACTION_ACTIONS).describe('Which action-bar button: like (赞), repost (转发) or comment (评论).'),
});

export const DetectEventSchema = z.strictObject({
  ...common,
  type: z
    .literal('detect')
    .describe('A post was recognised as a shopping-guide (种草) post, once per post per page view.'),
  post_id: id.describe('Recognised post.'),
  score: z.number().finite().describe('Detector score at recognition (compare with the threshold in settings).'),
  missed_refs: z
    .string()
    .max(600)
    .nullable()
    .optional()
    .describe(
      'Shopping references in the post that no enabled catalogue holds, space-separated kind:value (item id, short-link token, 淘客 code, 淘口令 core), so analysts can see which real items were missed.',
    ),
});

export const ZcEventSchema = z.discriminatedUnion('type', [
  ExposureEventSchema,
  PostExposureEventSchema,
  ViewTimeEventSchema,
  ClickEventSchema,
  SaveEventSchema,
  UnsaveEventSchema,
  PurchaseEventSchema,
  DismissEventSchema,
  InteractionEventSchema,
  DetectEventSchema,
]);

export type ZcEvent = z.infer<typeof ZcEventSchema>;
export type ZcEventType = ZcEvent['type'];
export type EventOf<T extends ZcEventType> = Extract<ZcEvent, { type: T }>;
export type ClickTarget = (typeof CLICK_TARGETS)[number];
export type InteractionAction = (typeof INTERACTION_ACTIONS)[number];

export const EVENT_TYPES = ZcEventSchema.options.map((o) => o.shape.type.value) as ZcEventType[];

/** A whole delivery batch; the cap keeps a hostile or buggy sender from making the worker parse megabytes. */
export const MAX_BATCH = 500;
export const EventBatchSchema = z.array(ZcEventSchema).min(1).max(MAX_BATCH);
