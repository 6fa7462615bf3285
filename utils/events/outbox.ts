/**
 * Content-side outbox: batches events and delivers them to the background worker until each one is acknowledged.
 *
 * The MV3 worker can be stopped at any moment, so `send` may reject (no receiver) or time out; events stay queued
 * and are retried with exponential backoff. The worker stores by `event_id`, so resending a batch whose ack was lost
 * overwrites rows instead of duplicating them. Events leave the queue only when their id comes back in `acked`.
 */

import { OUTBOX_BATCH } from './constants';

export interface OutboxSendResult {
  acked: string[];
  /** Events of the batch the receiver refused one by one (by index): never resent, dropped and counted. */
  refused?: { index: number }[];
}

export interface OutboxReport {
  /** Events dropped by the cap since the last successful delivery; the receiver records them. */
  dropped: number;
}

type TimerHandle = ReturnType<typeof setTimeout>;

export interface OutboxOptions<E extends { event_id: string }> {
  send: (events: E[], report: OutboxReport) => Promise<OutboxSendResult>;
  /** Flush as soon as this many events are waiting. */
  maxBatch?: number;
  /** Flush this long after the first queued event. */
  flushMs?: number;
  /** Cap on queued events; beyond it the oldest are dropped and counted. */
  maxPending?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** 0–1; spreads retries of many tabs after a worker restart. */
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  onDrop?: (droppedTotal: number) => void;
  /**
   * Keeps the unacknowledged queue where a closing tab does not lose it, while deliveries fail (the worker is away):
   * called with the queue after a failure and after pushes during one (coalesced), and with [] once it is delivered.
   * The worker takes such saved queues in when it is back (utils/worker/outbox-recovery.ts).
   */
  persist?: (pending: E[]) => void;
  /** Events the receiver refused, dropped instead of resent; the receiver counts them in its diagnostics. */
  onRefused?: (refusedTotal: number) => void;
  onError?: (error: unknown, attempt: number) => void;
}

export class Outbox<E extends { event_id: string }> {
  private queue: E[] = [];
  private readonly ids = new Set<string>();
  private timer: TimerHandle | null = null;
  private inflight: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private unreportedDrops = 0;
  private dropped = 0;
  private refusedCount = 0;
  private disposed = false;
  private persisted = false;
  private persistTimer: TimerHandle | null = null;

  private readonly maxBatch: number;
  private readonly flushMs: number;
  private readonly maxPending: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;

  constructor(private readonly opts: OutboxOptions<E>) {
    this.maxBatch = opts.maxBatch ?? OUTBOX_BATCH;
    this.flushMs = opts.flushMs ?? 1000;
    this.maxPending = opts.maxPending ?? 5000;
    this.retryBaseMs = opts.retryBaseMs ?? 1000;
    this.retryMaxMs = opts.retryMaxMs ?? 30_000;
    this.random = opts.random ?? Math.random;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h));
  }

  /** Events waiting for an acknowledgement (including any in flight). */
  get size(): number {
    return this.queue.length;
  }

  /** Events dropped by the cap since this outbox was created. */
  get droppedTotal(): number {
    return this.dropped;
  }

  /** Events the receiver refused (and this outbox dropped) since it was created. */
  get refusedTotal(): number {
    return this.refusedCount;
  }

  push(event: E): void {
    if (this.disposed || this.ids.has(event.event_id)) return;
    this.queue.push(event);
    this.ids.add(event.event_id);
    if (this.queue.length > this.maxPending) {
      const excess = this.queue.splice(0, this.queue.length - this.maxPending);
      for (const e of excess) this.ids.delete(e.event_id);
      this.dropped += excess.length;
      this.unreportedDrops += excess.length;
      this.opts.onDrop?.(this.dropped);
    }
    // While backing off, the retry timer owns the next attempt: a dead worker should not be hammered per event.
    if (this.failures > 0) {
      this.persistSoon();
      return;
    }
    if (this.queue.length >= this.maxBatch) void this.flush();
    else this.schedule(this.flushMs);
  }

  /**
   * Deliver everything queued now (page hidden, pagehide, timer, size). Resolves when the attempt ends; failed
   * events stay queued with a retry scheduled.
   */
  flush(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    this.cancelTimer();
    const run = this.drain().finally(() => {
      this.inflight = null;
      if (this.again && !this.disposed) {
        this.again = false;
        if (this.failures === 0 && this.queue.length > 0) void this.flush();
      }
    });
    this.inflight = run;
    return run;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.disposed) {
      const batch = this.queue.slice(0, this.maxBatch);
      const report = { dropped: this.unreportedDrops };
      let acked: Set<string>;
      try {
        const result = await this.opts.send(batch, report);
        acked = new Set(Array.isArray(result?.acked) ? result.acked : []);
        // A refused event would be refused again: it leaves the queue like an acknowledged one, counted apart.
        let refused = 0;
        for (const r of Array.isArray(result?.refused) ? result.refused : []) {
          const e = typeof r?.index === 'number' ? batch[r.index] : undefined;
          if (e && !acked.has(e.event_id)) {
            acked.add(e.event_id);
            refused++;
          }
        }
        if (refused > 0) {
          this.refusedCount += refused;
          this.opts.onRefused?.(this.refusedCount);
        }
      } catch (error) {
        this.fail(error);
        return;
      }
      this.unreportedDrops = Math.max(0, this.unreportedDrops - report.dropped);
      this.queue = this.queue.filter((e) => !acked.has(e.event_id));
      for (const id of acked) this.ids.delete(id);
      if (!batch.every((e) => acked.has(e.event_id))) {
        this.fail(new Error(`outbox: ${batch.filter((e) => !acked.has(e.event_id)).length} events not acknowledged`));
        return;
      }
      this.failures = 0;
    }
    // Everything saved while the worker was away has now been delivered.
    if (this.persisted && this.queue.length === 0 && !this.disposed) {
      this.persisted = false;
      this.opts.persist?.([]);
    }
  }

  private persistSoon(): void {
    if (!this.opts.persist || this.persistTimer !== null || this.disposed) return;
    this.persistTimer = this.setTimer(() => {
      this.persistTimer = null;
      this.persistNow();
    }, 250);
  }

  private persistNow(): void {
    if (!this.opts.persist || this.queue.length === 0) return;
    this.persisted = true;
    this.opts.persist(this.queue.slice());
  }

  private fail(error: unknown): void {
    this.persistNow();
    this.failures += 1;
    this.opts.onError?.(error, this.failures);
    const base = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (this.failures - 1));
    this.schedule(base * (0.5 + this.random() / 2), true);
  }

  private schedule(ms: number, replace = false): void {
    if (this.disposed) return;
    if (this.timer !== null) {
      if (!replace) return;
      this.clearTimer(this.timer);
    }
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
  }
}
