import { META_KEYS, db as sharedDb } from '@/utils/db';
import { bumpMeta } from '@/utils/db/maintenance';
import { SAVED_OUTBOX_PREFIX } from '@/utils/events/outbox-store';
import { MAX_BATCH } from '@/utils/events/schema';
import { type EventDeps, ingestSavedEvents } from './events';

/**
 * Takes in the events tabs kept in storage.local while the worker was away (utils/events/outbox-store.ts): each saved
 * queue goes through the same per-event checks as a delivery (any content script can write storage.local, so it is
 * trusted no more than one), in batches, and its key is removed once stored. Returns how many events were taken.
 */
export async function recoverSavedOutboxes(
  area: { get(keys?: null): Promise<Record<string, unknown>>; remove(keys: string[]): Promise<void> },
  deps: Partial<EventDeps> = {},
): Promise<number> {
  const all = await area.get(null);
  let taken = 0;
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(SAVED_OUTBOX_PREFIX)) continue;
    const events =
      typeof value === 'object' && value !== null && Array.isArray((value as { events?: unknown }).events)
        ? ((value as { events: unknown[] }).events as unknown[])
        : [];
    for (let i = 0; i < events.length; i += MAX_BATCH) {
      const { acked } = await ingestSavedEvents({ events: events.slice(i, i + MAX_BATCH) }, deps);
      taken += acked.length;
    }
    await area.remove([key]);
  }
  if (taken > 0) {
    const now = deps.now ?? Date.now;
    await bumpMeta(deps.db ?? sharedDb, META_KEYS.recoveredEvents, now(), (prev) => ({
      count: (typeof prev?.count === 'number' ? prev.count : 0) + taken,
      last_at: now(),
    }));
  }
  return taken;
}
