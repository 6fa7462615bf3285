import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ZcEvent } from '@/utils/events/schema';
import { type Manifest, writeStudyZip } from '@/utils/research/export';
import { verifyExport } from '@/utils/research/import';
import {
  addToStats,
  dayRange,
  emptySelection,
  emptyStats,
  eventDay,
  isRemoved,
  type ReviewSelection,
  toggle,
} from '@/utils/research/review';
import { exampleEnrolment, inPages, syntheticStudyEvents } from '@/utils/research/synthetic';

// 2026-11-24 23:30 in Beijing (UTC+8) is 15:30 UTC: the participant's day is the 24th.
const enrolment = exampleEnrolment(1, Date.UTC(2026, 10, 24, 15, 30, 0));
/** An hour of events, 1 s apart, over the participant's midnight: days 2026-11-24 and 2026-11-25. */
const events = [...syntheticStudyEvents(enrolment, 3600)];

async function exportWith(removals?: ReviewSelection) {
  const chunks: Uint8Array[] = [];
  const manifest = await writeStudyZip({
    enrolment,
    extVersion: '0.1.0',
    now: 1,
    pages: inPages(events, 1000),
    removals,
    sink: (c) => chunks.push(c),
  });
  const bytes = Buffer.concat(chunks);
  const files = unzipSync(bytes);
  const rows = strFromU8(files['events.ndjson']!)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ZcEvent);
  return { manifest, rows, bytes, manifestText: strFromU8(files['manifest.json']!) };
}

describe('participant review: days in the participant’s zone', () => {
  it('puts an event on the calendar day of the zone it was recorded in', () => {
    expect(eventDay({ ts: Date.UTC(2026, 10, 24, 15, 59), tz_offset: 480 })).toBe('2026-11-24');
    expect(eventDay({ ts: Date.UTC(2026, 10, 24, 16, 0), tz_offset: 480 })).toBe('2026-11-25');
    expect(eventDay({ ts: Date.UTC(2026, 10, 24, 16, 0), tz_offset: -300 })).toBe('2026-11-24');
    const [lo, hi] = dayRange('2026-11-25');
    expect(lo).toBeLessThanOrEqual(Date.UTC(2026, 10, 24, 16, 0));
    expect(hi).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 25, 23, 59));
  });

  it('counts by type and by day, and what the selection would take out', () => {
    const sel = toggle(emptySelection(), 'types', 'view_time', true);
    const stats = emptyStats();
    for (const e of events) addToStats(stats, e, sel);
    expect(stats.total).toBe(events.length);
    expect(Object.keys(stats.byDay).sort()).toEqual(['2026-11-24', '2026-11-25']);
    expect(stats.byDay['2026-11-24']).toBe(1800);
    expect(stats.removed).toEqual({ total: stats.byType.view_time, by_type: { view_time: stats.byType.view_time } });
  });
});

describe('removal bookkeeping in the export', { timeout: 30_000 }, () => {
  it('without removals, the manifest says none were removed', async () => {
    const { manifest, rows } = await exportWith();
    expect(rows).toHaveLength(events.length);
    expect(manifest.removed).toEqual({ total: 0, by_type: {} });
  });

  it('leaves out removed rows, days and types, and counts them by type, and nothing else about them', async () => {
    const clickIds = events.filter((e) => e.type === 'click').map((e) => e.event_id);
    const oneRow = clickIds[0]!;
    let sel = toggle(emptySelection(), 'rows', oneRow, true);
    sel = toggle(sel, 'days', '2026-11-24', true);
    sel = toggle(sel, 'types', 'save', true);
    // A row taken out twice (by its own id and by its day) is counted once.
    const { manifest, rows, bytes, manifestText } = await exportWith(sel);

    const expected = events.filter((e) => isRemoved(e, sel));
    const byType: Record<string, number> = {};
    for (const e of expected) byType[e.type] = (byType[e.type] ?? 0) + 1;
    expect(manifest.removed).toEqual({ total: expected.length, by_type: byType });
    expect(rows).toHaveLength(events.length - expected.length);
    expect(manifest.total).toBe(rows.length);
    expect(rows.some((r) => r.type === 'save' || eventDay(r) === '2026-11-24' || r.event_id === oneRow)).toBe(false);
    expect(Object.values(manifest.counts).reduce((a, b) => a + b, 0) + manifest.removed.total).toBe(events.length);

    // Nothing about the removed rows but their count by type: no ids, no day, no time span of theirs.
    expect(Object.keys(manifest.removed)).toEqual(['total', 'by_type']);
    expect(manifestText).not.toContain(oneRow);
    expect(manifestText).not.toContain('2026-11-24');
    expect(manifest.time_span.first_ts).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 24, 16, 0));

    // The researcher's import still accepts it, with the kept rows.
    const r = verifyExport('reviewed.zip', bytes);
    expect(r.ok && r.rows.length).toBe(rows.length);
  });

  it('un-toggling gives the row back', async () => {
    const id = events[5]!.event_id;
    const sel = toggle(toggle(emptySelection(), 'rows', id, true), 'rows', id, false);
    const { manifest } = await exportWith(sel);
    expect((manifest as Manifest).removed.total).toBe(0);
  });
});
