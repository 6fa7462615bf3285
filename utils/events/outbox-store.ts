import type { ZcEvent } from './schema';

/**
 * Where a tab's outbox keeps its unacknowledged events while the worker is away, so a tab closed meanwhile does not
 * lose them: `storage.local`, key `outbox:<random>`, one per page view. The worker takes them in when it is back
 * (utils/worker/outbox-recovery.ts) through the same per-event checks as a delivery. Content side: no Zod.
 */
export const SAVED_OUTBOX_PREFIX = 'outbox:';
/** Most events one page view keeps saved (the newest): storage.local is small and shared. */
export const MAX_SAVED_EVENTS = 2_000;

export interface SavedOutbox {
  events: ZcEvent[];
  saved_at: number;
}

export function outboxPersister(
  area: { set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> },
  key: string = crypto.randomUUID(),
): (pending: ZcEvent[]) => void {
  const storageKey = `${SAVED_OUTBOX_PREFIX}${key}`;
  return (pending) => {
    const saved: SavedOutbox = { events: pending.slice(-MAX_SAVED_EVENTS), saved_at: Date.now() };
    const done = pending.length > 0 ? area.set({ [storageKey]: saved }) : area.remove(storageKey);
    done.catch((e: unknown) => console.warn(`[zhongcao] could not keep unsent events: ${String(e)}`));
  };
}
