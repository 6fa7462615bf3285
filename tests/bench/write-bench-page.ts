/**
 * Runs inside the feed content script's isolated world (injected by write-bench.ts): the real `Outbox` sending
 * through the real `sendMessage('logEvents')`, so every batch crosses extension messaging, the background's sender
 * check and Zod, and is acknowledged only after its IndexedDB transaction commits.
 */
import { Outbox } from '@/utils/events/outbox';
import type { ZcEvent } from '@/utils/events/schema';
import { sendMessage } from '@/utils/messaging';
import { synthetic } from './lib/synthetic-events';

export interface WriteBenchOptions {
  events: number;
  /** Outboxes delivering at once, each one batch in flight at a time (as one feed tab does). */
  senders: number;
  batch: number;
  /** One page view per `perView` events: the worker caps what one page view may log (its burst). */
  pageIds: string[];
  perView: number;
  itemIds: string[];
}

export interface WriteBenchResult {
  ms: number;
  batches: number;
  latencyMedianMs: number;
  latencyP95Ms: number;
  errors: string[];
  notAcked: number;
}

/** Pushed per step: below the outbox's cap (5,000), so nothing is dropped. */
const CHUNK = 1_000;

async function deliver(events: ZcEvent[], batch: number, latencies: number[], errors: string[]): Promise<number> {
  const outbox = new Outbox<ZcEvent>({
    maxBatch: batch,
    retryBaseMs: 50,
    send: async (list, report) => {
      const t0 = performance.now();
      const reply = await sendMessage('logEvents', { events: list, dropped: report.dropped || undefined });
      latencies.push(performance.now() - t0);
      return reply;
    },
    onError: (error) => errors.push(String(error)),
  });
  for (let i = 0; i < events.length; i += CHUNK) {
    for (const e of events.slice(i, i + CHUNK)) outbox.push(e);
    await outbox.flush();
    // A failed send leaves its events queued with a retry timer; wait for them rather than count them as written.
    const deadline = performance.now() + 60_000;
    while (outbox.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
  const left = outbox.size;
  outbox.dispose();
  return left;
}

export async function runWriteBench(o: WriteBenchOptions): Promise<WriteBenchResult> {
  const all = synthetic(o.events, o.pageIds[0], o.itemIds);
  for (const [i, e] of all.entries()) e.page_id = o.pageIds[Math.floor(i / o.perView)] ?? e.page_id;
  const shares: ZcEvent[][] = Array.from({ length: o.senders }, () => []);
  for (const [i, e] of all.entries()) shares[Math.floor(i / o.batch) % o.senders]!.push(e);
  const latencies: number[] = [];
  const errors: string[] = [];
  const t0 = performance.now();
  const left = await Promise.all(shares.map((s) => deliver(s, o.batch, latencies, errors)));
  const ms = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0;
  return {
    ms,
    batches: latencies.length,
    latencyMedianMs: q(0.5),
    latencyP95Ms: q(0.95),
    errors: errors.slice(0, 5),
    notAcked: left.reduce((a, b) => a + b, 0),
  };
}

(globalThis as unknown as { zcWriteBench: typeof runWriteBench }).zcWriteBench = runWriteBench;
