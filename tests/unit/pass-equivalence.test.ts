// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startFeed } from '@/utils/feed/controller';
import { createPostDirectory } from '@/utils/feed/posts';
import { createFeedSettings } from '@/utils/feed/settings-store';
import type { AnalysedPost } from '@/utils/messaging';
import { createOverlay } from '@/utils/overlay';
import { seededRandom } from '@/utils/random';
import { postsFromFeedJson } from '@/utils/sites/page-json';
import type { Post } from '@/utils/types';
import {
  articleHtml,
  articles,
  catalogueItem,
  type FixturePost,
  fakeSite,
  guideResult,
  mountFeed,
  plainResult,
  setPost,
} from './feed.fixture';

/**
 * The quick and partial passes are a fast path: for any sequence of what the page does (recycling a node for another
 * post, rewriting a post's text, expanding a long post, loading more posts into its list) and of what the background
 * says (answers arriving, a post's items changing), the feed must place the same hosts, report the same `detect`
 * events and ask about the same posts as when every pass is a full one. Each seed is one random sequence, replayed on
 * two fresh pages with the same fake clock.
 */

const cream = catalogueItem('600000000001', '修护面霜 50ml');
const serum = catalogueItem('600000000002', '精华液 30ml');
const mask = catalogueItem('600000000003', '面膜 5片');

const A: FixturePost = { uid: '1000000001', mblogid: 'PostAaaa1', name: '美妆博主', text: '种草 ￥uL1c0Yz0Zkk￥' };
const B: FixturePost = { uid: '1000000002', mblogid: 'PostBbbb2', name: '路人', text: '今天天气不错' };
const C: FixturePost = { uid: '1000000003', mblogid: 'PostCccc3', name: '护肤博主', text: '回购 面霜' };
const D: FixturePost = { uid: '1000000004', mblogid: 'PostDddd4', name: '路人乙', text: '下班路上看到晚霞' };
/** A cut post: its answer asks for the whole text, which names two items. */
const L: FixturePost = { uid: '1000000005', mblogid: 'PostLong5', name: '长文博主', text: '种草一个好物…展开' };
/** A guide post whose items no catalogue holds: detected, no card. */
const E: FixturePost = { uid: '1000000006', mblogid: 'PostEeee6', name: '测评博主', text: '好物分享（没有商品）' };
/** A guide post whose author a sequence may mute. */
const M: FixturePost = { uid: '1000000007', mblogid: 'PostMute7', name: '被屏蔽', text: '种草 精华' };
const POOL = [A, B, C, D, L, E, M];

/** The background's answers, per post; a sequence may change them (`items` ops) before asking again. */
function initialAnswers(): Record<string, AnalysedPost> {
  return {
    [A.mblogid]: guideResult(A.mblogid, [cream, serum]),
    [B.mblogid]: plainResult(B.mblogid),
    [C.mblogid]: guideResult(C.mblogid, [cream]),
    [D.mblogid]: plainResult(D.mblogid),
    [L.mblogid]: { ...plainResult(L.mblogid), expand: true },
    [E.mblogid]: guideResult(E.mblogid, []),
    [M.mblogid]: guideResult(M.mblogid, [mask]),
  };
}
/** What the long text of the cut post names. */
const LONG_ANSWER = guideResult(L.mblogid, [serum, mask]);

type Op =
  | { kind: 'recycle'; at: number; post: number }
  | { kind: 'text'; at: number }
  | { kind: 'expand'; at: number }
  | { kind: 'answer' }
  | { kind: 'items'; post: number; to: number }
  | { kind: 'append'; post: number }
  | { kind: 'load'; post: number }
  | { kind: 'remove' }
  | { kind: 'dismiss'; post: number }
  | { kind: 'mute' }
  | { kind: 'wait' };

interface Sequence {
  /** The posts drawn at first, by index in POOL. */
  start: number[];
  /** The posts the page has loaded (its list, read ahead), by index in POOL; the others are read from the DOM. */
  loaded: number[];
  ops: Op[];
}

function randomOps(seed: number): Sequence {
  const r = seededRandom(seed);
  const int = (n: number) => Math.floor(r() * n);
  const start = Array.from({ length: 2 + int(3) }, () => int(POOL.length));
  const loaded = POOL.map((_, i) => i).filter(() => r() < 0.5);
  const ops: Op[] = [];
  for (let i = 0, n = 8 + int(12); i < n; i++) {
    const x = r();
    if (x < 0.35) ops.push({ kind: 'recycle', at: int(6), post: int(POOL.length) });
    else if (x < 0.45) ops.push({ kind: 'text', at: int(6) });
    else if (x < 0.52) ops.push({ kind: 'expand', at: int(6) });
    else if (x < 0.7) ops.push({ kind: 'answer' });
    else if (x < 0.76) ops.push({ kind: 'items', post: int(POOL.length), to: int(4) });
    else if (x < 0.79) ops.push({ kind: 'append', post: int(POOL.length) });
    else if (x < 0.82) ops.push({ kind: 'load', post: int(POOL.length) });
    else if (x < 0.86) ops.push({ kind: 'remove' });
    else if (x < 0.9) ops.push({ kind: 'dismiss', post: int(POOL.length) });
    else if (x < 0.93) ops.push({ kind: 'mute' });
    else ops.push({ kind: 'wait' });
  }
  return { start, loaded, ops };
}

/** The hosts in the page: for each feed item in order, its post and the hosts in it (post and item ids). */
function hosts(): string[] {
  const out = articles().map((a) => {
    const inside = [...a.querySelectorAll('zhongcao-cards')].map(
      (h) => `${h.getAttribute('data-post-id')}[${h.getAttribute('data-item-ids')}]`,
    );
    return `${fakeSite.postIdOf(a)}: ${inside.join(' ')}`;
  });
  const stray =
    document.querySelectorAll('zhongcao-cards').length -
    articles().reduce((n, a) => n + a.querySelectorAll('zhongcao-cards').length, 0);
  if (stray) out.push(`${stray} hosts outside the feed items`);
  return out;
}

const ctxs: ContentScriptContext[] = [];
afterEach(() => {
  for (const c of ctxs.splice(0)) c.notifyInvalidated();
  vi.useRealTimers();
});

interface Run {
  /** After each step: the hosts, and the `detect` events logged and the posts asked about during it. */
  steps: { hosts: string[]; detect: string[]; asked: string[] }[];
  quick: number;
  partial: number;
}

async function play({ start, loaded, ops }: Sequence, passes: 'partial' | 'full'): Promise<Run> {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'Date'],
  });
  const wrapper = mountFeed(start.map((i) => POOL[i] as FixturePost));
  const answers = initialAnswers();
  const held: (() => void)[] = [];
  const ctx = new ContentScriptContext('equivalence');
  ctxs.push(ctx);
  const settings = createFeedSettings({ autoExpandLongPosts: true, mutedAuthors: [] });
  const posts = createPostDirectory();
  // No renderer: only the hosts are compared.
  const overlay = createOverlay(
    (p) => p,
    () => new Promise(() => {}),
  );
  const answerFor = (post: Post): AnalysedPost => {
    const r = answers[post.id] ?? plainResult(post.id);
    return r.detection.isGuide ? { ...r, author: { uid: post.author.uid, name: post.author.name } } : r;
  };
  // The page's list of loaded posts, as the page bridge hands it over: each entry's id, then the entries as JSON text.
  const list = loaded.map((i) => {
    const p = POOL[i] as FixturePost;
    return { mblogid: p.mblogid, user: { idstr: p.uid, screen_name: p.name }, text_raw: p.text };
  });
  const feedPosts = (_root: Element, from: number) => {
    const entries = list.slice(from, from + 2);
    const ids = entries.map((e) => e.mblogid);
    return { total: list.length, from, first: list[0]?.mblogid ?? '', ids, json: JSON.stringify(entries) };
  };
  const feed = startFeed({
    ctx,
    site: { ...fakeSite, id: 'weibo-pc' },
    settings,
    posts,
    overlay,
    passes,
    origin: 'https://weibo.com',
    send: (batch) => {
      asked.push(...batch.map((p) => `${p.id} from the page`));
      return new Promise((resolve) => held.push(() => resolve({ results: batch.map(answerFor) })));
    },
    feedPosts,
    sendJson: ({ ids, json }) => {
      asked.push(...ids.map((id) => `${id} read ahead`));
      return new Promise((resolve) =>
        held.push(() => resolve({ results: postsFromFeedJson(json, ids).map(answerFor) })),
      );
    },
    fetchLongText: async () =>
      new Response(JSON.stringify({ ok: 1, data: { longTextContent: '种草一个好物 ￥uL1c0Yz0Zkk￥ 精华 面膜' } })),
    sendLongText: async ({ post }) => ({
      result:
        post.id === L.mblogid ? { ...LONG_ANSWER, author: { uid: post.author.uid, name: post.author.name } } : null,
    }),
  });
  let detect: string[] = [];
  let asked: string[] = [];
  feed.events.on('analysed', ({ answers: rs }) => {
    for (const r of rs) {
      if (r.detection.isGuide)
        detect.push(`${r.postId} by ${posts.author(r.postId)?.uid ?? '?'} (${r.detection.score})`);
    }
  });
  const steps: Run['steps'] = [];
  const step = async (ms = 150) => {
    await vi.advanceTimersByTimeAsync(ms);
    steps.push({ hosts: hosts(), detect: detect.sort(), asked: asked.sort() });
    detect = [];
    asked = [];
  };
  await step();
  for (const op of ops) {
    const items = articles();
    const item = 'at' in op ? items[op.at % Math.max(1, items.length)] : undefined;
    switch (op.kind) {
      case 'recycle':
        if (item) setPost(item, POOL[op.post] as FixturePost);
        break;
      case 'text':
        if (item) (item.querySelector('[class*="_wbtext_"]') as HTMLElement).textContent += ' 补充';
        break;
      case 'expand':
        // The reader pressed 展开: the page draws the whole text in place.
        if (item)
          (item.querySelector('[class*="_wbtext_"]') as HTMLElement).textContent = '种草一个好物 ￥uL1c0Yz0Zkk￥';
        break;
      case 'answer':
        for (const release of held.splice(0)) release();
        break;
      case 'items': {
        const id = (POOL[op.post] as FixturePost).mblogid;
        answers[id] = [plainResult(id), guideResult(id, [mask]), guideResult(id, [serum, cream]), guideResult(id, [])][
          op.to
        ] as AnalysedPost;
        // The detector's threshold changed: every answer is asked again.
        feed.reanalyse();
        break;
      }
      case 'load': {
        // The page fetched more posts into its list (not drawn yet).
        const p = POOL[op.post] as FixturePost;
        list.push({ mblogid: p.mblogid, user: { idstr: p.uid, screen_name: p.name }, text_raw: p.text });
        break;
      }
      case 'append':
        wrapper.insertAdjacentHTML('beforeend', articleHtml(POOL[op.post] as FixturePost));
        break;
      case 'remove':
        wrapper.lastElementChild?.remove();
        break;
      case 'dismiss':
        settings.set({ dismissedPosts: [...settings.get().dismissedPosts, (POOL[op.post] as FixturePost).mblogid] });
        break;
      case 'mute': {
        const muted = settings.get().mutedAuthors;
        settings.set({ mutedAuthors: muted.length ? [] : [M.uid] });
        break;
      }
      case 'wait':
        await step(1100);
        continue;
    }
    await step();
  }
  for (const release of held.splice(0)) release();
  await step(1100);
  const run = { steps, quick: feed.watcher.quickPasses, partial: feed.watcher.passes };
  ctx.notifyInvalidated();
  vi.useRealTimers();
  return run;
}

describe('the quick and partial passes agree with full passes', () => {
  it('places the same hosts, logs the same detect events and asks the same over 200 random sequences', async () => {
    let quick = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const sequence = randomOps(seed);
      const fast = await play(sequence, 'partial');
      const slow = await play(sequence, 'full');
      const name = (i: number) => POOL[i]?.mblogid;
      const { start, loaded, ops } = sequence;
      const story = `seed ${seed}: drawn ${start.map(name).join(',')}; loaded ${loaded.map(name).join(',')}; ${ops.map((o) => JSON.stringify(o)).join(' ')}`;
      expect(fast.steps, story).toEqual(slow.steps);
      expect(slow.quick, story).toBe(0);
      quick += fast.quick;
    }
    // The fast path was taken, or this test would prove nothing about it.
    expect(quick).toBeGreaterThan(200);
  }, 240_000);
});
