import type { ZcEvent } from '@/utils/events/schema';

/**
 * The participant's review before export (as PORT and OSD2F let donors do): they see counts by type and day and the
 * rows themselves, and take out rows, whole days or whole types. What they took out leaves no trace in the export
 * but a count per type in the manifest: no ids, no days, no times.
 */

/** The participant's calendar day of an event, `YYYY-MM-DD`, in the zone it was recorded in (its tz_offset). */
export function eventDay(e: Pick<ZcEvent, 'ts' | 'tz_offset'>): string {
  return new Date(e.ts + e.tz_offset * 60_000).toISOString().slice(0, 10);
}

/** The first and last epoch ms that can fall on `day` in any zone (UTC−14 … UTC+14), for an index range. */
export function dayRange(day: string): [number, number] {
  const start = Date.parse(`${day}T00:00:00Z`);
  return [start - 14 * 3_600_000, start + 86_400_000 + 14 * 3_600_000 - 1];
}

export interface ReviewSelection {
  types: ReadonlySet<string>;
  days: ReadonlySet<string>;
  /** event_id of single rows taken out. */
  rows: ReadonlySet<string>;
}

export const emptySelection = (): ReviewSelection => ({ types: new Set(), days: new Set(), rows: new Set() });

export function isRemoved(e: Pick<ZcEvent, 'event_id' | 'type' | 'ts' | 'tz_offset'>, sel: ReviewSelection): boolean {
  return sel.types.has(e.type) || sel.rows.has(e.event_id) || (sel.days.size > 0 && sel.days.has(eventDay(e)));
}

/** A copy of `sel` with `value` in (or out of) one of its sets. */
export function toggle(sel: ReviewSelection, what: keyof ReviewSelection, value: string, on: boolean): ReviewSelection {
  const next = new Set(sel[what]);
  if (on) next.add(value);
  else next.delete(value);
  return { ...sel, [what]: next };
}

export const selectionSize = (sel: ReviewSelection) => sel.types.size + sel.days.size + sel.rows.size;

/** What the manifest says about removed rows: how many, by type, and nothing else. */
export interface RemovedTally {
  total: number;
  by_type: Record<string, number>;
}

export const emptyTally = (): RemovedTally => ({ total: 0, by_type: {} });

export function countRemoved(tally: RemovedTally, type: string): void {
  tally.total++;
  tally.by_type[type] = (tally.by_type[type] ?? 0) + 1;
}

/** Counts by type and by day of what would leave, before and after the participant's removals. */
export interface ReviewStats {
  total: number;
  byType: Record<string, number>;
  byDay: Record<string, number>;
  removed: RemovedTally;
}

export const emptyStats = (): ReviewStats => ({ total: 0, byType: {}, byDay: {}, removed: emptyTally() });

export function addToStats(stats: ReviewStats, e: ZcEvent, sel: ReviewSelection): void {
  stats.total++;
  stats.byType[e.type] = (stats.byType[e.type] ?? 0) + 1;
  const day = eventDay(e);
  stats.byDay[day] = (stats.byDay[day] ?? 0) + 1;
  if (isRemoved(e, sel)) countRemoved(stats.removed, e.type);
}

export interface ReviewFilter {
  type: string | null;
  day: string | null;
}

export function matchesFilter(e: ZcEvent, f: ReviewFilter): boolean {
  return (f.type === null || e.type === f.type) && (f.day === null || eventDay(e) === f.day);
}
