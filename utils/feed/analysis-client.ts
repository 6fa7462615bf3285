import type { AnalysedPost } from '@/utils/messaging';
import type { Post } from '@/utils/types';
import { createPostDirectory, type PostDirectory } from './posts';
import type { Lifecycle } from './types';
import { throttledValidity } from './validity';

export interface AnalysisClientOptions {
  ctx: Lifecycle;
  /** Sends one batch to the background (`sendMessage('analysePosts', …)` in the extension). */
  send(posts: Post[]): Promise<{ results: AnalysedPost[] }>;
  /**
   * Sends posts read ahead as the page's JSON text (`sendMessage('analyseFeedJson', …)`); without it, `requestJson`
   * asks nothing.
   */
  sendJson?(request: FeedJsonRequest): Promise<{ results: AnalysedPost[] }>;
  /** Where answers are kept (the feed's one directory of posts); a directory of its own when left out. */
  posts?: Pick<PostDirectory, 'answer' | 'setAnswer' | 'clearAnswers'>;
  /** Called with every batch of fresh results. */
  onResults(results: AnalysedPost[]): void;
  /**
   * Posts may be asked for again: a batch failed twice, or the background could not read some posts handed over as
   * page JSON (they are left for the DOM path). Run a pass to queue them.
   */
  onRetryDue?(): void;
  /** Wait before the one retry; a stopped MV3 worker needs a moment to start. */
  retryDelayMs?: number;
  /** After two failures, leave the posts alone this long before asking again. */
  backoffMs?: number;
  /** Posts per message: hostile 60 KB posts make big messages. */
  batchSize?: number;
}

/** Posts the feed has loaded but not drawn: the ids to answer and the page's JSON text holding them. */
export interface FeedJsonRequest {
  ids: string[];
  json: string;
}

export interface AnalysisClient {
  /** True when the post needs no extraction: answered, on its way, or backing off after a failure. */
  known(postId: string): boolean;
  /** The answer for a post, or undefined while unknown; `null` means the background had nothing for it. */
  get(postId: string): AnalysedPost | null | undefined;
  /** Queue posts (one pass's worth) and send them in batches. Never throws. */
  request(posts: Post[]): void;
  /**
   * Ask about the posts in `ids` not known yet, sending the page's JSON text as it is. A post the background could not
   * read from it gets no answer and is not known afterwards, so a pass can still read it from the DOM. Never throws.
   */
  requestJson(request: FeedJsonRequest): void;
  /**
   * An answer about a post's whole text (its long text was read) takes the place of the one about its cut text, and
   * goes to `onResults` like a fresh one.
   */
  replace(answer: AnalysedPost): void;
  /** Forget every answer (the detection threshold changed); answers still in flight are dropped. */
  clear(): void;
  readonly sent: number;
}

/**
 * Asks the background to detect and match posts, caching answers by post id: a recycled node that shows a post
 * again, or a post scrolled back into view, never costs another message.
 */
export function createAnalysisClient(opts: AnalysisClientOptions): AnalysisClient {
  const retryDelayMs = opts.retryDelayMs ?? 400;
  const backoffMs = opts.backoffMs ?? 5000;
  const batchSize = opts.batchSize ?? 25;
  const valid = throttledValidity(opts.ctx);
  const posts = opts.posts ?? createPostDirectory();
  const answered = (id: string) => posts.answer(id) !== undefined;
  const inFlight = new Set<string>();
  const failedUntil = new Map<string, number>();
  let generation = 0;
  let sent = 0;

  /**
   * One message for `ids`, retried once. A post with no answer in the reply gets `null` (nothing to show), unless
   * `unreadIsUnknown`: then it is forgotten, for the DOM path to read when it is drawn.
   */
  async function sendBatch(
    ids: readonly string[],
    send: () => Promise<{ results: AnalysedPost[] }>,
    gen: number,
    unreadIsUnknown = false,
  ) {
    let reply: { results: AnalysedPost[] } | undefined;
    for (let attempt = 0; attempt < 2 && !reply; attempt++) {
      if (attempt > 0) await new Promise<void>((resolve) => opts.ctx.setTimeout(resolve, retryDelayMs));
      if (!valid() || gen !== generation) return;
      try {
        sent++;
        reply = await send();
      } catch {
        // Service worker stopped or restarting; the retry usually reaches the fresh one.
      }
    }
    if (gen !== generation || !valid()) return;
    for (const id of ids) inFlight.delete(id);
    if (!reply || !Array.isArray(reply.results)) {
      const until = Date.now() + backoffMs;
      for (const id of ids) failedUntil.set(id, until);
      opts.ctx.setTimeout(() => opts.onRetryDue?.(), backoffMs + 10);
      return;
    }
    const asked = new Set(ids);
    const fresh: AnalysedPost[] = [];
    for (const r of reply.results) {
      if (!r || !asked.has(r.postId)) continue;
      posts.setAnswer(r.postId, r);
      fresh.push(r);
    }
    if (!unreadIsUnknown) for (const id of asked) if (!answered(id)) posts.setAnswer(id, null);
    if (fresh.length) opts.onResults(fresh);
    // Posts the background could not read from the page's JSON: a page that draws nothing more would never pass again.
    if (unreadIsUnknown && ids.some((id) => !answered(id))) opts.onRetryDue?.();
  }

  /** Marks a post not known yet as on its way; false when it is answered or already on its way. */
  function claim(id: string): boolean {
    if (answered(id) || inFlight.has(id)) return false;
    inFlight.add(id);
    return true;
  }

  return {
    known(postId) {
      if (answered(postId) || inFlight.has(postId)) return true;
      const until = failedUntil.get(postId);
      if (until === undefined) return false;
      if (Date.now() < until) return true;
      failedUntil.delete(postId);
      return false;
    },
    get: (postId) => posts.answer(postId),
    request(posts) {
      const todo = posts.filter((p) => claim(p.id));
      for (let i = 0; i < todo.length; i += batchSize) {
        const batch = todo.slice(i, i + batchSize);
        sendBatch(
          batch.map((p) => p.id),
          () => opts.send(batch),
          generation,
        ).catch(() => {});
      }
    },
    requestJson({ ids, json }) {
      const { sendJson } = opts;
      if (!sendJson) return;
      const todo = ids.filter(claim);
      if (todo.length) sendBatch(todo, () => sendJson({ ids: todo, json }), generation, true).catch(() => {});
    },
    replace(answer) {
      if (!valid()) return;
      posts.setAnswer(answer.postId, answer);
      inFlight.delete(answer.postId);
      failedUntil.delete(answer.postId);
      opts.onResults([answer]);
    },
    clear() {
      generation++;
      posts.clearAnswers();
      inFlight.clear();
      failedUntil.clear();
    },
    get sent() {
      return sent;
    },
  };
}
