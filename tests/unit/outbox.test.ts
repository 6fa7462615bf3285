import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, type OutboxReport } from '@/utils/events/outbox';

interface Ev {
  event_id: string;
  n: number;
}
const ev = (n: number): Ev => ({ event_id: `e${n}`, n });

/** A fake background worker: stores by id like the real one, can be "stopped" and can lose acks. */
function fakeWorker() {
  const stored = new Map<string, Ev>();
  const calls: { ids: string[]; report: OutboxReport }[] = [];
  const state = { down: false, loseAck: false, droppedReported: 0 };
  const send = vi.fn(async (events: Ev[], report: OutboxReport) => {
    calls.push({ ids: events.map((e) => e.event_id), report });
    if (state.down) throw new Error('Could not establish connection. Receiving end does not exist.');
    for (const e of events) stored.set(e.event_id, e);
    state.droppedReported += report.dropped;
    if (state.loseAck) {
      state.loseAck = false;
      throw new Error('The message port closed before a response was received.');
    }
    return { acked: events.map((e) => e.event_id) };
  });
  return { stored, calls, state, send };
}

describe('outbox delivers every event to the worker exactly once', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('flushes on a short timer', async () => {
    const w = fakeWorker();
    const box = new Outbox<Ev>({ send: w.send, flushMs: 1000 });
    box.push(ev(1));
    box.push(ev(2));
    await vi.advanceTimersByTimeAsync(999);
    expect(w.send).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(w.calls.map((c) => c.ids)).toEqual([['e1', 'e2']]);
    expect(box.size).toBe(0);
  });

  it('flushes as soon as a batch is full, in batches of at most maxBatch', async () => {
    const w = fakeWorker();
    const box = new Outbox<Ev>({ send: w.send, maxBatch: 50 });
    for (let i = 0; i < 120; i++) box.push(ev(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(w.calls[0]!.ids).toHaveLength(50);
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.calls.every((c) => c.ids.length <= 50)).toBe(true);
    expect(w.stored.size).toBe(120);
    expect(box.size).toBe(0);
  });

  it('flush() delivers immediately (page hidden / pagehide)', async () => {
    const w = fakeWorker();
    const box = new Outbox<Ev>({ send: w.send });
    box.push(ev(1));
    await box.flush();
    expect(w.stored.has('e1')).toBe(true);
    expect(box.size).toBe(0);
  });

  it('keeps events while the worker is stopped and retries with growing backoff until acknowledged', async () => {
    const w = fakeWorker();
    const box = new Outbox<Ev>({ send: w.send, retryBaseMs: 1000, random: () => 1 });
    w.state.down = true;
    box.push(ev(1));
    await vi.advanceTimersByTimeAsync(1000); // first attempt fails
    expect(w.calls).toHaveLength(1);
    box.push(ev(2)); // no new attempt per event while backing off
    await vi.advanceTimersByTimeAsync(999);
    expect(w.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // retry after 1 s fails
    expect(w.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(w.calls).toHaveLength(2);
    w.state.down = false;
    await vi.advanceTimersByTimeAsync(1); // retry after 2 s succeeds
    expect(w.calls).toHaveLength(3);
    expect([...w.stored.keys()]).toEqual(['e1', 'e2']);
    expect(box.size).toBe(0);
    // Back to normal cadence after recovery.
    box.push(ev(3));
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.stored.has('e3')).toBe(true);
  });

  it('resends a batch whose acknowledgement was lost; the id-keyed store holds it once', async () => {
    const w = fakeWorker();
    const box = new Outbox<Ev>({ send: w.send, retryBaseMs: 500, random: () => 1 });
    w.state.loseAck = true;
    box.push(ev(1));
    await vi.advanceTimersByTimeAsync(1000);
    expect(box.size).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(w.calls.map((c) => c.ids)).toEqual([['e1'], ['e1']]);
    expect(w.stored.size).toBe(1);
    expect(box.size).toBe(0);
  });

  it('removes only acknowledged events; the rest are retried', async () => {
    const acks = [['e1'], ['e2']];
    const send = vi.fn(async (_events: Ev[]) => ({ acked: acks.shift() ?? [] }));
    const box = new Outbox<Ev>({ send, retryBaseMs: 100, random: () => 1 });
    box.push(ev(1));
    box.push(ev(2));
    await box.flush();
    expect(box.size).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![0]).toEqual([ev(2)]);
    expect(box.size).toBe(0);
  });

  it('an event leaves the queue only when its ack arrives, not when it is sent', async () => {
    let answer: (r: { acked: string[] }) => void = () => {};
    let fail: (e: Error) => void = () => {};
    const send = vi.fn(
      (_events: Ev[]) =>
        new Promise<{ acked: string[] }>((res, rej) => {
          answer = res;
          fail = rej;
        }),
    );
    const box = new Outbox<Ev>({ send, maxBatch: 2, retryBaseMs: 100, random: () => 1 });
    box.push(ev(1));
    box.push(ev(2)); // full batch: sent now
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(1);
    expect(box.size).toBe(2); // in flight, still held
    fail(new Error('The message port closed before a response was received.')); // worker stopped mid-write
    await vi.advanceTimersByTimeAsync(0);
    expect(box.size).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![0]).toEqual([ev(1), ev(2)]);
    answer({ acked: ['e1', 'e2'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(box.size).toBe(0);
  });

  it('ignores a second push of the same event id', async () => {
    const w = fakeWorker();
    const box = new Outbox<Ev>({ send: w.send });
    box.push(ev(1));
    box.push(ev(1));
    await box.flush();
    expect(w.calls[0]!.ids).toEqual(['e1']);
  });

  it('never sends two requests at once; a flush during one is folded into a follow-up', async () => {
    let release: () => void = () => {};
    let concurrent = 0;
    let maxConcurrent = 0;
    const send = vi.fn(async (events: Ev[]) => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise<void>((r) => {
        release = r;
      });
      concurrent--;
      return { acked: events.map((e) => e.event_id) };
    });
    const box = new Outbox<Ev>({ send });
    box.push(ev(1));
    const first = box.flush();
    box.push(ev(2));
    void box.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await first;
    await vi.advanceTimersByTimeAsync(0);
    expect(maxConcurrent).toBe(1);
    expect(send.mock.calls.map((c) => c[0].map((e) => e.event_id))).toEqual([['e1'], ['e2']]);
    expect(box.size).toBe(0);
  });

  it('caps the queue, dropping the oldest, and reports the drop count once with the next delivery', async () => {
    const w = fakeWorker();
    const onDrop = vi.fn();
    const box = new Outbox<Ev>({ send: w.send, maxPending: 100, maxBatch: 1000, random: () => 1, onDrop });
    w.state.down = true;
    for (let i = 0; i < 130; i++) box.push(ev(i));
    expect(box.size).toBe(100);
    expect(box.droppedTotal).toBe(30);
    expect(onDrop).toHaveBeenLastCalledWith(30);
    w.state.down = false;
    await box.flush();
    expect(w.stored.has('e29')).toBe(false);
    expect(w.stored.has('e30')).toBe(true);
    expect(w.stored.size).toBe(100);
    expect(w.state.droppedReported).toBe(30);
    box.push(ev(500));
    await box.flush();
    expect(w.calls.at(-1)!.report.dropped).toBe(0);
  });
});
