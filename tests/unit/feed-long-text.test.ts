import { describe, expect, it } from 'vitest';
import {
  createLongTextReader,
  LONG_TEXT_MAX_CHARS,
  type LongTextReaderOptions,
  longTextUrl,
  readLongTextAnswer,
} from '@/utils/feed/long-text';
import type { Lifecycle } from '@/utils/feed/types';
import type { AnalysedPost, AnalyseLongTextRequest } from '@/utils/messaging';
import type { Post } from '@/utils/types';
import { makePost, plainResult } from './feed.fixture';

/** A page with a clock we move by hand: timers run when the clock passes them. */
function fakePage() {
  let t = 0;
  let timers: { at: number; fn: () => void }[] = [];
  let valid = true;
  const ctx = {
    get isValid() {
      return valid;
    },
    get isInvalid() {
      return !valid;
    },
    onInvalidated: () => () => {},
    setTimeout: (fn: () => void, ms?: number) => {
      timers.push({ at: t + (ms ?? 0), fn });
      return 0;
    },
    addEventListener: () => {},
  } as unknown as Lifecycle;
  return {
    ctx,
    now: () => t,
    invalidate: () => {
      valid = false;
    },
    /** Moves the clock, running due timers and letting promises settle in between. */
    async advance(ms: number) {
      const end = t + ms;
      for (;;) {
        await settle();
        const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((x) => x !== due);
        t = Math.max(t, due.at);
        due.fn();
      }
      t = end;
      await settle();
    },
  };
}

async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}

const answerBody = (longTextContent: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ok: 1, data: { longTextContent, ...extra } });

interface Setup {
  inPage?: Set<string>;
  enabled?: () => boolean;
  body?: (url: string) => string | Response;
  site?: 'weibo-pc' | 'weibo-mobile';
  origin?: string;
  maxBytes?: number;
}

function setup(s: Setup = {}) {
  const page = fakePage();
  const inPage = s.inPage ?? new Set(['4645748019299849', '4645748019299850', '4645748019299851']);
  /** Drawn, but below the screen for now. */
  const offScreen = new Set<string>();
  const fetches: { url: string; init: RequestInit; at: number }[] = [];
  const sent: AnalyseLongTextRequest[] = [];
  const answers: AnalysedPost[] = [];
  const opts: LongTextReaderOptions = {
    ctx: page.ctx,
    origin: s.origin ?? 'https://m.weibo.cn',
    site: () => s.site ?? 'weibo-mobile',
    enabled: s.enabled ?? (() => true),
    drawn: () => new Map([...inPage].map((id) => [id, offScreen.has(id) ? 'off-screen' : 'on-screen'] as const)),
    read: (id): Post | null =>
      inPage.has(id) ? makePost({ id, site: s.site ?? 'weibo-mobile', text: '种草…' }) : null,
    send: async (req) => {
      sent.push(req);
      return { result: { ...plainResult(req.post.id), postId: req.post.id } };
    },
    onAnswer: (a) => answers.push(a),
    fetch: async (url, init) => {
      fetches.push({ url, init, at: page.now() });
      const b = s.body ? s.body(url) : answerBody(`全文 ${url}`);
      return typeof b === 'string' ? new Response(b, { status: 200 }) : b;
    },
    now: page.now,
    maxBytes: s.maxBytes,
  };
  const reader = createLongTextReader(opts);
  return { page, reader, fetches, sent, answers, inPage, offScreen };
}

describe('reading a cut post’s whole text from the page', () => {
  it('asks the page’s own origin the way 展开 does, in the reader’s session, and hands the text to the worker', async () => {
    const { page, reader, fetches, sent, answers } = setup();
    reader.want('4645748019299849');
    await page.advance(0);
    expect(fetches.map((f) => f.url)).toEqual(['https://m.weibo.cn/statuses/extend?id=4645748019299849']);
    expect(fetches[0]?.init.credentials).toBe('same-origin');
    expect(fetches[0]?.init.redirect).toBe('error');
    expect(sent[0]?.longText).toBe('全文 https://m.weibo.cn/statuses/extend?id=4645748019299849');
    expect(sent[0]?.post.id).toBe('4645748019299849');
    expect(answers.map((a) => a.postId)).toEqual(['4645748019299849']);
  });

  it('makes at most one request a second, newest ask first', async () => {
    const { page, reader, fetches } = setup();
    reader.want('4645748019299849');
    reader.want('4645748019299850');
    reader.want('4645748019299851');
    await page.advance(0);
    expect(fetches).toHaveLength(1);
    await page.advance(999);
    expect(fetches).toHaveLength(1);
    await page.advance(1);
    expect(fetches).toHaveLength(2);
    await page.advance(500);
    expect(fetches).toHaveLength(2);
    await page.advance(2000);
    expect(fetches.map((f) => [f.url.slice(-2), f.at])).toEqual([
      ['51', 0],
      ['50', 1000],
      ['49', 2000],
    ]);
    for (let i = 1; i < fetches.length; i++)
      expect((fetches[i]?.at ?? 0) - (fetches[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('reads each post once: a later ask is worked out again from the cached text, without a request', async () => {
    const { page, reader, fetches, sent } = setup();
    reader.want('4645748019299849');
    await page.advance(0);
    reader.want('4645748019299849');
    await page.advance(5000);
    expect(fetches).toHaveLength(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.longText).toBe(sent[0]?.longText);
  });

  it('never asks for a post that is not in the page', async () => {
    const { page, reader, fetches, inPage } = setup({ inPage: new Set(['4645748019299849']) });
    reader.want('4645748019299850');
    reader.want('4645748019299849');
    await page.advance(3000);
    expect(fetches.map((f) => f.url.slice(-2))).toEqual(['49']);
    // It scrolled in later: asked for then.
    inPage.add('4645748019299850');
    reader.want('4645748019299850');
    await page.advance(1000);
    expect(fetches.map((f) => f.url.slice(-2))).toEqual(['49', '50']);
  });

  it('reads a post drawn ahead of the reader once it is on screen, before posts drawn after it', async () => {
    const { page, reader, fetches, offScreen } = setup();
    offScreen.add('4645748019299850');
    offScreen.add('4645748019299851');
    reader.want('4645748019299849');
    reader.want('4645748019299850');
    reader.want('4645748019299851');
    await page.advance(3000);
    expect(fetches.map((f) => f.url.slice(-2))).toEqual(['49']);
    // Scrolled: 50 is on screen now (no pass needed), 51 still below.
    offScreen.delete('4645748019299850');
    await page.advance(600);
    expect(fetches.map((f) => f.url.slice(-2))).toEqual(['49', '50']);
    offScreen.delete('4645748019299851');
    await page.advance(1000);
    expect(fetches.map((f) => f.url.slice(-2))).toEqual(['49', '50', '51']);
  });

  it('asks nothing while 自动展开长博文 is off, and stops when it is turned off', async () => {
    let on = false;
    const { page, reader, fetches } = setup({ enabled: () => on });
    reader.want('4645748019299849');
    await page.advance(3000);
    expect(fetches).toEqual([]);
    expect(reader.due('4645748019299849')).toBe(false);
    on = true;
    reader.want('4645748019299849');
    reader.want('4645748019299850');
    await page.advance(0);
    expect(fetches).toHaveLength(1);
    on = false;
    reader.clear();
    await page.advance(5000);
    expect(fetches).toHaveLength(1);
    expect(reader.requests).toBe(1);
  });

  it('leaves an answer that is too long unread, by its declared length or as it streams in', async () => {
    const big = answerBody('长'.repeat(10_000));
    const declared = setup({
      maxBytes: 1000,
      body: () => new Response(big, { headers: { 'content-length': String(big.length * 3) } }),
    });
    declared.reader.want('4645748019299849');
    await declared.page.advance(0);
    expect(declared.fetches).toHaveLength(1);
    expect(declared.sent).toEqual([]);
    const streamed = setup({ maxBytes: 1000, body: () => new Response(big) });
    streamed.reader.want('4645748019299849');
    await streamed.page.advance(0);
    expect(streamed.sent).toEqual([]);
    expect(readLongTextAnswer(answerBody('x'.repeat(LONG_TEXT_MAX_CHARS + 1)))).toBeNull();
  });

  it('takes bad answers as nothing to read, without throwing or asking again', async () => {
    const bodies: (string | Response)[] = [
      'not json',
      'null',
      JSON.stringify({ ok: 0, msg: '请先登录' }),
      answerBody(42),
      answerBody('   '),
      new Response('{}', { status: 500 }),
    ];
    const ids = bodies.map((_, i) => `46457480192998${60 + i}`);
    const { page, reader, fetches, sent } = setup({
      inPage: new Set(ids),
      body: (url) => bodies[ids.findIndex((id) => url.endsWith(id))] ?? 'x',
    });
    for (const id of ids) reader.want(id);
    await page.advance(10_000);
    expect(fetches).toHaveLength(bodies.length);
    expect(sent).toEqual([]);
    for (const id of ids) reader.want(id);
    await page.advance(10_000);
    expect(fetches).toHaveLength(bodies.length);
    // A failed request is a no-op too.
    const failing = setup({
      body: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    failing.reader.want('4645748019299849');
    await failing.page.advance(0);
    expect(failing.sent).toEqual([]);
  });

  it('keeps weibo.com’s url_struct, bounded, for the worker to label the whole text’s links', () => {
    const links = [{ short_url: 'http://t.cn/A6abc', long_url: 'https://detail.tmall.com/item.htm?id=1' }];
    expect(readLongTextAnswer(answerBody('看 http://t.cn/A6abc', { url_struct: links }))).toEqual({
      longText: '看 http://t.cn/A6abc',
      urlStruct: links,
    });
    const many = Array.from({ length: 500 }, () => links[0]);
    expect(readLongTextAnswer(answerBody('x', { url_struct: many }))?.urlStruct).toHaveLength(100);
    const huge = [{ short_url: 'x'.repeat(200_000) }];
    expect(readLongTextAnswer(answerBody('x', { url_struct: huge }))).toEqual({ longText: 'x' });
  });
});

describe('the long-text URL', () => {
  it('is the page’s own request, on the page’s own origin only', () => {
    expect(longTextUrl('weibo-mobile', 'https://m.weibo.cn', '4645748019299849')).toBe(
      'https://m.weibo.cn/statuses/extend?id=4645748019299849',
    );
    expect(longTextUrl('weibo-pc', 'https://weibo.com', 'Nz8kLxQ2a')).toBe(
      'https://weibo.com/ajax/statuses/longtext?id=Nz8kLxQ2a',
    );
    expect(longTextUrl('weibo-pc', 'https://www.weibo.com', 'Nz8kLxQ2a')).toBe(
      'https://www.weibo.com/ajax/statuses/longtext?id=Nz8kLxQ2a',
    );
    expect(longTextUrl('weibo-pc', 'https://m.weibo.cn', 'Nz8kLxQ2a')).toBeNull();
    expect(longTextUrl('weibo-mobile', 'https://evil.example', '4645748019299849')).toBeNull();
    expect(longTextUrl('weibo-mobile', 'http://m.weibo.cn', '4645748019299849')).toBeNull();
    expect(longTextUrl('weibo-mobile', 'https://m.weibo.cn', '46457&x=1')).toBeNull();
    expect(longTextUrl('weibo-pc', 'https://weibo.com', '../../x')).toBeNull();
  });

  it('is never asked off its site', async () => {
    const { page, reader, fetches } = setup({ origin: 'https://evil.example' });
    reader.want('4645748019299849');
    await page.advance(2000);
    expect(fetches).toEqual([]);
  });
});
