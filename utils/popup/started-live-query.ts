import { liveQuery } from 'dexie';
import type { Loaded } from './hooks';

/**
 * A Dexie live query started now — before React mounts — that keeps its latest result. `useLiveQuery` only starts in
 * an effect, after React has rendered and painted: at 100,000 events that put the database open and the first 种草
 * read behind ~100–200 ms of script evaluation, render and paint instead of alongside them
 * (tests/bench/popup-bench.ts). Shaped for dexie-react-hooks' `useObservable`, which reads `getValue()` during the
 * first render when `hasValue()`, so a result already in is painted with the shell. Failures become a `Loaded` error
 * like `useSafeLiveQuery`'s. It stays subscribed for the page's lifetime (the popup's is short).
 */
export interface StartedLiveQuery<T> {
  /** Resolves once the first result is in, or after `ms`, whichever comes first. */
  firstResult(ms: number): Promise<void>;
  hasValue(): boolean;
  getValue(): Loaded<T> | undefined;
  subscribe(next: (value: Loaded<T>) => void): { unsubscribe(): void };
}

export function startLiveQuery<T>(query: () => Promise<T>): StartedLiveQuery<T> {
  let value: Loaded<T> | undefined;
  let arrived = () => {};
  const first = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const listeners = new Set<(value: Loaded<T>) => void>();
  const emit = (v: Loaded<T>) => {
    value = v;
    arrived();
    for (const next of listeners) next(v);
  };
  // As in `useSafeLiveQuery`: a failure is a value, so the query keeps re-running on database changes.
  liveQuery(async (): Promise<Loaded<T>> => {
    try {
      return { data: await query(), error: null };
    } catch (e) {
      return { data: undefined, error: e instanceof Error ? e.message : String(e) };
    }
  }).subscribe(emit);
  return {
    firstResult: (ms) => Promise.race([first, new Promise<void>((resolve) => setTimeout(resolve, ms))]),
    hasValue: () => value !== undefined,
    getValue: () => value,
    subscribe(next) {
      listeners.add(next);
      if (value !== undefined) next(value);
      return { unsubscribe: () => void listeners.delete(next) };
    },
  };
}
