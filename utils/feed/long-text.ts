import type { AnalysedPost, AnalyseLongTextRequest } from '@/utils/messaging';
import { isMobileOrigin, isPcOrigin } from '@/utils/sites/hosts';
import type { Post, SiteId } from '@/utils/types';
import type { Lifecycle } from './types';

/**
 * Long posts: Weibo draws a long post cut, behind 全文 / 展开, and sends its whole text only when the reader presses it.
 * For a cut post the worker says looks like shopping (`AnalysedPost.expand`), this module asks the page's own origin for
 * that text the way the page does (same URL, the reader's own session), and hands it to the worker. It is the
 * extension's only network request: at most one a second, never for a post that is not in the page, each post at
 * most once, and none at all while 自动展开长博文 is off.
 */

/** Longest whole text taken from an answer (the worker's schema holds it to the same bound). */
export const LONG_TEXT_MAX_CHARS = 200_000;
/** Longest answer body read; the rest is not downloaded. */
export const LONG_TEXT_MAX_BYTES = 600_000;
/** weibo.com's answer may list the whole text's links (`url_struct`): at most this many, this long as JSON. */
export const LONG_TEXT_MAX_LINKS = 100;
export const LONG_TEXT_MAX_LINK_CHARS = 100_000;
/** At most one request per this long. */
export const LONG_TEXT_EVERY_MS = 1000;

/**
 * The URL the page itself fetches for a post's whole text, on the page's own origin; null off Weibo, for another
 * site's origin or for an id that is not the site's (so nothing else can ever be asked for).
 */
export function longTextUrl(site: SiteId, origin: string, postId: string): string | null {
  if (site === 'weibo-mobile' && isMobileOrigin(origin) && /^\d{6,20}$/.test(postId)) {
    return `${origin}/statuses/extend?id=${postId}`;
  }
  if (site === 'weibo-pc' && isPcOrigin(origin) && /^[A-Za-z0-9]{5,20}$/.test(postId)) {
    return `${origin}/ajax/statuses/longtext?id=${postId}`;
  }
  return null;
}

export interface LongTextAnswer {
  longText: string;
  urlStruct?: unknown[];
}

/**
 * `data.longTextContent` (and weibo.com's `data.url_struct`) of a long-text answer; null for anything else. The answer
 * comes from the page's origin and is untrusted: only a string of bounded length and a bounded list are taken.
 */
export function readLongTextAnswer(body: string): LongTextAnswer | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const data = (json as { data?: unknown } | null)?.data;
  if (!data || typeof data !== 'object') return null;
  const { longTextContent: text, url_struct: links } = data as { longTextContent?: unknown; url_struct?: unknown };
  if (typeof text !== 'string' || text.trim() === '' || text.length > LONG_TEXT_MAX_CHARS) return null;
  const answer: LongTextAnswer = { longText: text };
  if (Array.isArray(links) && links.length > 0) {
    const list = links.slice(0, LONG_TEXT_MAX_LINKS);
    if ((JSON.stringify(list) ?? '').length <= LONG_TEXT_MAX_LINK_CHARS) answer.urlStruct = list;
  }
  return answer;
}

/** The body as text when it is no longer than `maxBytes`; null otherwise (the rest is not downloaded). */
async function readBounded(res: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) {
    const text = await res.text();
    return text.length <= maxBytes ? text : null;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

export interface LongTextReaderOptions {
  ctx: Lifecycle;
  /** The page's origin (`location.origin`): requests go there only. */
  origin: string;
  /** The site the page is on now (its adapter's id), or null off Weibo. */
  site(): SiteId | null;
  /** 自动展开长博文. */
  enabled(): boolean;
  /**
   * The posts the page's feed items show now, each on screen or not (drawn ahead of the reader, or in a view the page
   * parked off screen and may show again without redrawing it). A post not listed is not in the page: it is forgotten.
   */
  drawn(): ReadonlyMap<string, 'on-screen' | 'off-screen'>;
  /** The post as the page draws it on screen now, read from the page; null when it cannot be read. */
  read(postId: string): Post | null;
  /** Hands the post and its whole text to the worker (`analyseLongText`). */
  send(request: AnalyseLongTextRequest): Promise<{ result: AnalysedPost | null }>;
  /** The worker's answer about the whole post. */
  onAnswer(answer: AnalysedPost): void;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  now?: () => number;
  everyMs?: number;
  maxBytes?: number;
  /** How often a queue of posts drawn but not on screen yet is looked at again (scrolling alone runs no pass). */
  recheckMs?: number;
  /** Whole texts kept, newest first, so an answer can be worked out again (threshold change) without a request. */
  maxCached?: number;
}

export interface LongTextReader {
  /** Asks for a post's whole text (the newest ask goes first). A no-op when off, asked before, or already queued. */
  want(postId: string): void;
  /** Whether `want` would queue the post. */
  due(postId: string): boolean;
  /** The setting went off: forget the queue (what was read stays). */
  clear(): void;
  /** Requests made so far. */
  readonly requests: number;
}

/** Ids remembered as asked: a long session's worth; the oldest are forgotten past this. */
const MAX_ASKED = 5000;
/** Posts waiting at most; the oldest asks are dropped past this (they are asked again when drawn again). */
const MAX_QUEUE = 50;

export function createLongTextReader(opts: LongTextReaderOptions): LongTextReader {
  const everyMs = opts.everyMs ?? LONG_TEXT_EVERY_MS;
  const maxBytes = opts.maxBytes ?? LONG_TEXT_MAX_BYTES;
  const maxCached = opts.maxCached ?? 100;
  const recheckMs = opts.recheckMs ?? 500;
  const now = opts.now ?? (() => performance.now());
  const doFetch = opts.fetch ?? ((url, init) => fetch(url, init));
  /** Newest last. */
  const queue: string[] = [];
  /** Posts whose text was asked for (answered or not): never asked again. */
  const asked = new Set<string>();
  const texts = new Map<string, LongTextAnswer>();
  /** Posts whose whole text is with the worker now. */
  const sending = new Set<string>();
  let busy = false;
  let timer = false;
  let lastAt = Number.NEGATIVE_INFINITY;
  let requests = 0;

  function remember<T>(map: Map<string, T> | Set<string>, max: number) {
    while (map.size > max) {
      const first = map.keys().next().value;
      if (first === undefined) break;
      map.delete(first);
    }
  }

  /** A post read before whose text is cached is worked out again without a request (the threshold changed). */
  function due(postId: string): boolean {
    if (!opts.enabled() || sending.has(postId) || queue.includes(postId)) return false;
    return !asked.has(postId) || texts.has(postId);
  }

  function analyse(post: Post, answer: LongTextAnswer) {
    sending.add(post.id);
    opts
      .send({ post, ...answer })
      .then(({ result }) => {
        if (opts.ctx.isValid && result && result.postId === post.id) opts.onAnswer(result);
      })
      .catch(() => {
        // Worker away: the post keeps its answer for the cut text; the text stays cached for a later ask.
      })
      .finally(() => sending.delete(post.id));
  }

  async function read(postId: string, post: Post): Promise<void> {
    const site = opts.site();
    const url = site ? longTextUrl(site, opts.origin, post.id) : null;
    asked.add(postId);
    remember(asked, MAX_ASKED);
    if (!url) return;
    lastAt = now();
    requests++;
    let answer: LongTextAnswer | null = null;
    try {
      // The page's own request for 展开: same origin, the reader's own session, never following a redirect away.
      const res = await doFetch(url, {
        credentials: 'same-origin',
        redirect: 'error',
        headers: { accept: 'application/json, text/plain, */*' },
      });
      const body = res.ok ? await readBounded(res, maxBytes) : null;
      answer = body === null ? null : readLongTextAnswer(body);
    } catch {
      answer = null;
    }
    if (!answer || !opts.ctx.isValid) return;
    texts.set(postId, answer);
    remember(texts, maxCached);
    analyse(post, answer);
  }

  /** Runs `pump` again after `ms`, once. */
  function later(ms: number) {
    timer = true;
    opts.ctx.setTimeout(() => {
      timer = false;
      pump();
    }, ms);
  }

  /**
   * The next post to read: the newest ask among posts on screen now (the reader is looking at it). Posts no longer in
   * the page are forgotten; posts drawn off screen wait.
   */
  function next(): string | undefined {
    const drawn = opts.drawn();
    for (let i = queue.length - 1; i >= 0; i--) {
      const id = queue[i] as string;
      const where = drawn.get(id);
      if (where === undefined) queue.splice(i, 1);
      else if (where === 'on-screen') return id;
    }
    return undefined;
  }

  function pump() {
    if (busy || timer || !opts.ctx.isValid) return;
    if (!opts.enabled()) {
      queue.length = 0;
      return;
    }
    for (let id = next(); id !== undefined; id = next()) {
      const cached = texts.get(id);
      if (!cached) {
        const wait = lastAt + everyMs - now();
        if (wait > 0) return later(wait);
      }
      queue.splice(queue.indexOf(id), 1);
      // Only a post in the page, as it is drawn now, is read or sent.
      const post = opts.read(id);
      if (!post || post.id !== id) continue;
      if (cached) {
        analyse(post, cached);
        continue;
      }
      busy = true;
      read(id, post).finally(() => {
        busy = false;
        pump();
      });
      return;
    }
    if (queue.length > 0) later(recheckMs);
  }

  return {
    want(postId) {
      if (!due(postId)) return;
      queue.push(postId);
      if (queue.length > MAX_QUEUE) queue.shift();
      // Not now: an ask comes from a feed pass, right after the page's patch, where measuring items would force a layout.
      if (!busy && !timer) later(0);
    },
    due,
    clear() {
      queue.length = 0;
    },
    get requests() {
      return requests;
    },
  };
}
