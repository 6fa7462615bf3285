/**
 * Per-tab budgets for the worker's own work (analysis), so one tab cannot stall the others: a tab's requests run one
 * after another, each yields to the worker's other messages every few milliseconds, and a tab that has used its share
 * of a window waits for the next window while other tabs go on.
 */
export interface TabBudgetOptions {
  /** Longest stretch of work before yielding to other messages. */
  sliceMs?: number;
  /** A tab may use `shareMs` of every `windowMs`. */
  windowMs?: number;
  shareMs?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface TabState {
  windowStart: number;
  used: number;
  chain: Promise<unknown>;
}

const MAX_TABS = 500;

export class TabBudget {
  private readonly tabs = new Map<string, TabState>();
  private readonly sliceMs: number;
  private readonly windowMs: number;
  private readonly shareMs: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: TabBudgetOptions = {}) {
    this.sliceMs = opts.sliceMs ?? 8;
    this.windowMs = opts.windowMs ?? 1000;
    this.shareMs = opts.shareMs ?? 300;
    this.clock = opts.clock ?? (() => performance.now());
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Runs `work` after the tab's earlier work; `work` calls `checkpoint` between units (posts). */
  run<T>(tab: string, work: (checkpoint: () => Promise<void>) => Promise<T>): Promise<T> {
    const state = this.stateOf(tab);
    const next = state.chain.then(async () => {
      let charged = this.clock();
      let yielded = charged;
      const checkpoint = async () => {
        const now = this.clock();
        if (now - state.windowStart >= this.windowMs) {
          state.windowStart = now;
          state.used = 0;
        }
        state.used += now - charged;
        charged = now;
        if (state.used >= this.shareMs) {
          await this.sleep(Math.max(0, state.windowStart + this.windowMs - now));
          state.windowStart = this.clock();
          state.used = 0;
        } else if (now - yielded >= this.sliceMs) {
          await this.sleep(0);
        } else {
          return;
        }
        charged = this.clock();
        yielded = charged;
      };
      return work(checkpoint);
    });
    // A failed request must not stop the tab's next ones.
    state.chain = next.catch(() => undefined);
    return next;
  }

  private stateOf(tab: string): TabState {
    let s = this.tabs.get(tab);
    if (!s) {
      if (this.tabs.size >= MAX_TABS) {
        const oldest = this.tabs.keys().next().value;
        if (oldest !== undefined) this.tabs.delete(oldest);
      }
      s = { windowStart: this.clock(), used: 0, chain: Promise.resolve() };
      this.tabs.set(tab, s);
    }
    return s;
  }
}
