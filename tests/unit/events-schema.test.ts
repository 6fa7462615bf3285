import { describe, expect, it } from 'vitest';
import { createEventFactory } from '@/utils/events/factory';
import { EVENT_TYPES, EventBatchSchema, ZcEventSchema } from '@/utils/events/schema';

const make = createEventFactory({
  pageId: '6f1c1f8e-3f4a-4b7e-9c1d-2a5b8e0f9d11',
  extVersion: '0.1.0',
  now: () => 1_700_000_000_000,
});

const good = [
  make('exposure', {
    post_id: 'NxQ1a2b3C',
    author_id: '1234567',
    item_id: '600000000001',
    visible_ms: 1000,
    max_ratio: 0.8,
  }),
  make('view_time', {
    post_id: 'NxQ1a2b3C',
    author_id: '1234567',
    item_id: '600000000001',
    visible_ms: 4200,
    max_ratio: 1,
    exposed: true,
  }),
  make('click', { post_id: 'NxQ1a2b3C', author_id: '1234567', item_id: '600000000001', target: 'buy' }),
  make('click', { post_id: 'NxQ1a2b3C', author_id: '1234567', item_id: null, target: 'link' }),
  make('save', { post_id: 'NxQ1a2b3C', author_id: '1234567', item_id: '600000000001' }),
  make('unsave', { post_id: null, author_id: null, item_id: '600000000001' }),
  make('purchase', {
    post_id: 'NxQ1a2b3C',
    author_id: '1234567',
    item_id: '600000000001',
    order_id: 'ZC20261124-0001',
    amount_fen: 12900,
  }),
  make('dismiss', { post_id: 'NxQ1a2b3C', author_id: '1234567', item_id: null }),
  make('interaction', { post_id: 'NxQ1a2b3C', author_id: '1234567', item_id: null, action: 'repost' }),
  make('detect', { post_id: 'NxQ1a2b3C', author_id: '1234567', item_id: null, score: 7.5 }),
  make('post_exposure', {
    post_id: 'NxQ1a2b3C',
    author_id: '1234567',
    item_id: null,
    visible_ms: 1000,
    max_ratio: 0.6,
    has_card: false,
    ref_kinds: 'short tpwd',
    ref_values: 'short:AbC12dE tpwd:ZxplTi8oakt',
  }),
];
const postExposure = good[good.length - 1]!;

describe('event schema v2', () => {
  it('accepts a well-formed event of every type', () => {
    expect(new Set(good.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    for (const e of good) expect(ZcEventSchema.safeParse(e).success, e.type).toBe(true);
  });

  it('stamps a v4 UUID, schema version, time and the zone offset in minutes east of UTC', () => {
    const e = good[0]!;
    expect(e.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(e.schema_version).toBe(2);
    expect(e.ts).toBe(1_700_000_000_000);
    expect(e.tz_offset).toBe(-new Date(e.ts).getTimezoneOffset() + 0);
    expect(new Set(good.map((g) => g.event_id)).size).toBe(good.length);
  });

  it('still accepts version 1 rows (old content scripts, old exports)', () => {
    expect(ZcEventSchema.safeParse({ ...good[0]!, schema_version: 1 }).success).toBe(true);
  });

  it('accepts a post exposure without references (a guide by wording alone)', () => {
    expect(ZcEventSchema.safeParse({ ...postExposure, ref_kinds: '', ref_values: '' }).success).toBe(true);
  });

  it('accepts optional research tags', () => {
    const tagged = { ...good[2]!, study_id: 'S1', participant_id: 'p-17', consent_version: '2026-01' };
    expect(ZcEventSchema.safeParse(tagged).success).toBe(true);
  });

  const bad: [string, Record<string, unknown>][] = [
    ['unknown type', { ...good[0]!, type: 'hover' }],
    ['missing event_id', { ...good[0]!, event_id: undefined }],
    ['event_id not a UUID', { ...good[0]!, event_id: 'e1' }],
    ['future schema version', { ...good[0]!, schema_version: 3 }],
    ['post exposure with an unknown reference kind', { ...postExposure, ref_kinds: 'short video' }],
    ['post exposure references with post text in them', { ...postExposure, ref_values: 'tpwd:abc  买它' }],
    ['ts as a string', { ...good[0]!, ts: '2026-11-24' }],
    ['fractional visible_ms', { ...good[0]!, visible_ms: 1000.5 }],
    ['ratio above 1', { ...good[0]!, max_ratio: 1.2 }],
    ['exposure without item', { ...good[0]!, item_id: null }],
    ['amount in yuan', { ...good[6]!, amount_fen: 129.0 + 0.5 }],
    ['negative amount', { ...good[6]!, amount_fen: -1 }],
    ['unknown click target', { ...good[2]!, target: 'hover' }],
    ['unknown interaction', { ...good[8]!, action: 'follow' }],
    ['extra field (page text smuggled in)', { ...good[2]!, text: '<img onerror=alert(1)>' }],
    ['camelCase field', { ...good[0]!, postId: 'x' }],
    ['tz offset out of range', { ...good[0]!, tz_offset: 2000 }],
  ];
  it.each(bad)('rejects %s', (_name, event) => {
    expect(ZcEventSchema.safeParse(event).success).toBe(false);
  });

  it('rejects an empty batch and a batch with one bad event', () => {
    expect(EventBatchSchema.safeParse([]).success).toBe(false);
    expect(EventBatchSchema.safeParse([good[0], { ...good[1]!, ts: -5 }]).success).toBe(false);
    expect(EventBatchSchema.safeParse(good).success).toBe(true);
  });

  it('describes every field, for the data dictionary', () => {
    for (const option of ZcEventSchema.options) {
      for (const [name, field] of Object.entries(option.shape)) {
        expect((field as { description?: string }).description, `${option.shape.type.value}.${name}`).toBeTruthy();
      }
    }
  });
});
