import type { AnalysedPost } from '@/utils/messaging';
import type { PostAuthor } from './posts';

/**
 * What the feed learned, in the order it learned it. The feed only emits; the overlay and tracking subscribe. Nothing
 * a listener does reaches back into the pass that emitted: a listener that throws is logged and the rest still run.
 */
export interface FeedEventMap {
  /** Posts that came into the page for the first time, each with its author when the feed knows it by then. */
  seen: { posts: readonly { postId: string; author: PostAuthor | null }[] };
  /** Fresh answers, for posts drawn or read ahead (the overlay keeps guide answers for its cards). */
  answers: { answers: readonly AnalysedPost[] };
  /**
   * Answers for posts that are (or were) in the page, each once: posts read ahead are reported when they first show
   * up, never for a post the reader did not reach (the `detect` event is logged from here). Authors are in the
   * directory of posts by then.
   */
  analysed: { answers: readonly AnalysedPost[] };
  /** A card host was placed in the page or taken out of it; `count` is how many stand in the page now. */
  hosts: { count: number };
}

export interface Emitter<M> {
  /** Listen to one kind of event; the returned function stops listening. */
  on<K extends keyof M>(type: K, listener: (event: M[K]) => void): () => void;
  emit<K extends keyof M>(type: K, event: M[K]): void;
}

export type FeedEvents = Emitter<FeedEventMap>;

export function createEmitter<M>(): Emitter<M> {
  const listeners = new Map<keyof M, Set<(event: never) => void>>();
  return {
    on(type, listener) {
      let set = listeners.get(type);
      if (!set) {
        set = new Set();
        listeners.set(type, set);
      }
      const fn = listener as (event: never) => void;
      set.add(fn);
      return () => set.delete(fn);
    },
    emit(type, event) {
      const set = listeners.get(type);
      if (!set) return;
      for (const fn of set) {
        try {
          (fn as (e: typeof event) => void)(event);
        } catch (err) {
          // A page we do not control must never see our exceptions, and one listener must not starve the others.
          console.debug('[zhongcao] feed listener failed', err);
        }
      }
    },
  };
}

export const createFeedEvents = (): FeedEvents => createEmitter<FeedEventMap>();
