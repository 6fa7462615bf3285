import type { CDPSession } from '@playwright/test';

/**
 * Streams a Chromium trace (CDP `Tracing`, ReportEvents mode) through an aggregator instead of keeping it: a
 * minute of devtools.timeline + CPU-profile events is hundreds of MB of JSON. Per thread it keeps only what the
 * benchmark reads back: JS time by origin from the V8 sampling profiler (a sample counts as the extension's when any
 * frame of its stack comes from a `chrome-extension://` script, so DOM calls made by the content script count too),
 * `chrome-extension://` FunctionCall/EvaluateScript intervals, long top-level tasks, and start-up events of one URL.
 */

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'toplevel',
  '__metadata',
];

/**
 * The trace buffer, KB. `recordContinuously` is a ring buffer that Chrome hands over only at `Tracing.end`, so a pass
 * that outgrows it loses its beginning (a 2,000-post pass at 3,000 px/s, ~290 s with the profiler, did with the
 * default size). Nothing of it is kept beyond the aggregator's sums.
 */
const TRACE_BUFFER_KB = 2_000_000;

export interface RawEvent {
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  ph: string;
  name: string;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string; functionName?: string };
}

interface ProfileState {
  key: string;
  t: number;
  ext: Map<number, boolean>;
  nodes: Map<number, ProfileNode>;
}

export interface ThreadStats {
  key: string;
  name: string;
  /** Sampled JS time whose stack touches an extension script. */
  extJsMs: number;
  /** Sampled JS time of page scripts (everything else that is not idle, GC or native). */
  pageJsMs: number;
  gcMs: number;
  /** Union of chrome-extension:// FunctionCall / EvaluateScript / v8.compile intervals. */
  extCallMs: number;
  /** Sum of top-level task durations. */
  taskMs: number;
  /** Long top-level tasks (µs trace clock). */
  longTasks: { ts: number; dur: number }[];
  /** Every top-level task as [start µs, duration µs], for windowed main-thread time. */
  tasks: [number, number][];
  /** Extension sample timestamps and weights (µs, ms), for windowed attribution. */
  extSamples: { ts: number; ms: number }[];
  pageCalls: number;
  timeStamps: { message: string; ts: number }[];
  startup: { evaluateMs: number; compileMs: number; events: number };
  /** Compile time of the lazily imported card renderer (its module evaluation does not show as its own event). */
  lazy: { compileMs: number; events: number };
}

const EXT = 'chrome-extension://';
// Chromium emits `ThreadControllerImpl::RunTask` around `RunTask` for the same task; count one of them only.
const TASK_NAME = 'RunTask';
const URL_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule']);

export class TraceAggregator {
  private threadNames = new Map<string, string>();
  private threads = new Map<string, ThreadStats & { intervals: [number, number][] }>();
  private profiles = new Map<string, ProfileState>();

  constructor(
    private readonly startupUrlSuffix: string,
    private readonly pageOrigin: string,
    private readonly lazyUrlSuffix = '\0',
  ) {}

  private thread(key: string) {
    let t = this.threads.get(key);
    if (!t) {
      t = {
        key,
        name: '',
        extJsMs: 0,
        pageJsMs: 0,
        gcMs: 0,
        extCallMs: 0,
        taskMs: 0,
        longTasks: [],
        tasks: [],
        extSamples: [],
        pageCalls: 0,
        timeStamps: [],
        startup: { evaluateMs: 0, compileMs: 0, events: 0 },
        lazy: { compileMs: 0, events: 0 },
        intervals: [],
      };
      this.threads.set(key, t);
    }
    return t;
  }

  add(events: readonly RawEvent[]): void {
    for (const e of events) this.one(e);
  }

  private one(e: RawEvent): void {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'M') {
      if (e.name === 'thread_name' && e.args?.name) this.threadNames.set(key, e.args.name);
      return;
    }
    if (e.name === 'Profile' || e.name === 'ProfileChunk') {
      this.profile(e, key);
      return;
    }
    const data = e.args?.data;
    if (e.name === 'TimeStamp' && typeof data?.message === 'string') {
      this.thread(key).timeStamps.push({ message: data.message, ts: e.ts });
      return;
    }
    if (e.ph !== 'X' || e.dur === undefined) return;
    if (e.name === TASK_NAME) {
      const t = this.thread(key);
      t.taskMs += e.dur / 1000;
      t.tasks.push([e.ts, e.dur]);
      if (e.dur >= 50_000) t.longTasks.push({ ts: e.ts, dur: e.dur });
      return;
    }
    if (!URL_EVENTS.has(e.name)) return;
    const url = typeof data?.url === 'string' ? data.url : typeof data?.fileName === 'string' ? data.fileName : '';
    if (url.startsWith(EXT)) {
      const t = this.thread(key);
      t.intervals.push([e.ts, e.ts + e.dur]);
      if (url.endsWith(this.startupUrlSuffix)) {
        if (e.name === 'EvaluateScript') t.startup.evaluateMs += e.dur / 1000;
        else if (e.name === 'v8.compile') t.startup.compileMs += e.dur / 1000;
        t.startup.events++;
      } else if (url.endsWith(this.lazyUrlSuffix)) {
        if (e.name === 'v8.compile' || e.name === 'v8.compileModule') t.lazy.compileMs += e.dur / 1000;
        t.lazy.events++;
      }
    } else if (url.startsWith(this.pageOrigin)) this.thread(key).pageCalls++;
  }

  private profile(e: RawEvent, key: string): void {
    const pid = `${e.pid}:${e.id ?? ''}`;
    const data = e.args?.data as
      | {
          startTime?: number;
          cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
          timeDeltas?: number[];
        }
      | undefined;
    let p = this.profiles.get(pid);
    if (!p) {
      p = { key, t: 0, ext: new Map(), nodes: new Map() };
      this.profiles.set(pid, p);
    }
    if (e.name === 'Profile') {
      p.key = key;
      p.t = data?.startTime ?? e.ts;
      return;
    }
    for (const n of data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    const t = this.thread(p.key);
    for (let i = 0; i < samples.length; i++) {
      const dt = deltas[i] ?? 0;
      p.t += dt;
      const id = samples[i] as number;
      const node = p.nodes.get(id);
      const fn = node?.callFrame.functionName ?? '';
      // A sample stands for the interval since the previous one; V8 clamps deltas, but a huge one means idle.
      const ms = Math.min(Math.max(0, dt), 10_000) / 1000;
      if (fn === '(idle)' || fn === '(root)' || fn === '(program)') continue;
      if (fn === '(garbage collector)') {
        t.gcMs += ms;
        continue;
      }
      if (this.isExt(p, id)) {
        t.extJsMs += ms;
        t.extSamples.push({ ts: p.t, ms });
      } else t.pageJsMs += ms;
    }
  }

  private isExt(p: ProfileState, id: number): boolean {
    const known = p.ext.get(id);
    if (known !== undefined) return known;
    const node = p.nodes.get(id);
    const result = !node
      ? false
      : (node.callFrame.url ?? '').startsWith(EXT) || (node.parent !== undefined && this.isExt(p, node.parent));
    p.ext.set(id, result);
    return result;
  }

  /** Per-thread results; `page` is the renderer main thread that ran the page's scripts. */
  finish(): { page: ThreadStats | null; threads: ThreadStats[] } {
    const threads: ThreadStats[] = [];
    for (const [key, t] of this.threads) {
      t.name = this.threadNames.get(key) ?? '';
      t.intervals.sort((a, b) => a[0] - b[0]);
      let total = 0;
      let end = -1;
      let start = -1;
      for (const [s, e] of t.intervals) {
        if (s > end) {
          if (end > start) total += end - start;
          start = s;
          end = e;
        } else if (e > end) end = e;
      }
      if (end > start) total += end - start;
      t.extCallMs = total / 1000;
      const { intervals: _drop, ...rest } = t;
      threads.push(rest);
    }
    const mains = threads.filter((t) => t.name === 'CrRendererMain');
    const page = mains.sort((a, b) => b.pageCalls - a.pageCalls)[0] ?? null;
    return { page, threads };
  }
}

/** Enough for EvaluateScript / compile events and tasks, without the sampling profiler's overhead. */
export const LIGHT_TRACE_CATEGORIES = ['devtools.timeline', 'v8.execute', 'toplevel', '__metadata'];

/**
 * Starts a trace on `session`; the returned function stops it and resolves once every event was handed to `agg` (a
 * `TraceAggregator`, or anything else that takes the events as they stream in).
 */
export async function startTrace(
  session: CDPSession,
  agg: { add(events: readonly RawEvent[]): void },
  categories: readonly string[] = TRACE_CATEGORIES,
): Promise<() => Promise<void>> {
  const onData = (p: { value: RawEvent[] }) => agg.add(p.value);
  session.on('Tracing.dataCollected', onData as never);
  await session.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      recordMode: 'recordContinuously',
      traceBufferSizeInKb: TRACE_BUFFER_KB,
      includedCategories: [...categories],
    },
  });
  return async () => {
    const done = new Promise<{ dataLossOccurred?: boolean }>((resolve) =>
      session.once('Tracing.tracingComplete', (p) => resolve(p as { dataLossOccurred?: boolean })),
    );
    await session.send('Tracing.end');
    const { dataLossOccurred } = await done;
    session.off('Tracing.dataCollected', onData as never);
    // Sums over a trace that lost events would be quietly low: refuse them.
    if (dataLossOccurred) throw new Error(`the trace lost events (buffer ${TRACE_BUFFER_KB} KB): shorten the pass`);
  };
}
