// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startFeed } from '@/utils/feed/controller';
import { linkOverlay } from '@/utils/feed/overlay-link';
import { ownLinksOf } from '@/utils/feed/own-link';
import { createPostDirectory } from '@/utils/feed/posts';
import { createFeedSettings, type FeedSettings } from '@/utils/feed/settings-store';
import type { AnalysedPost } from '@/utils/messaging';
import { createOverlay } from '@/utils/overlay';
import { mountOverlayRoot } from '@/utils/overlay/render';
import { postsFromFeedJson } from '@/utils/sites/page-json';
import type { Post } from '@/utils/types';
import { captureShadowRoots } from './closed-roots';
import {
  articleHtml,
  articles,
  catalogueItem,
  fakeSite,
  frames,
  guideResult,
  mountFeed,
  plainResult,
  setPost,
} from './feed.fixture';

const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">';
const A = { uid: '1000000001', mblogid: 'PostAaaa1', name: '美妆博主', text: '种草 ￥uL1c0Yz0Zkk￥' };
const B = { uid: '1000000002', mblogid: 'PostBbbb2', name: '路人', text: '今天天气不错' };
const D = { uid: '1000000004', mblogid: 'PostDddd4', name: '路人乙', text: '下班路上看到晚霞' };
const C = {
  uid: '1000000003',
  mblogid: 'PostCccc3',
  name: HOSTILE_NAME,
  text: '<script>window.__pwned=1</script> 回购',
};

const cream = catalogueItem('600000000001', '修护面霜 50ml', '129.00');
const serum = catalogueItem('600000000002', '精华液 30ml', '89.90');

const answers: Record<string, AnalysedPost> = {
  [A.mblogid]: guideResult(A.mblogid, [cream, serum]),
  [B.mblogid]: plainResult(B.mblogid),
  [D.mblogid]: plainResult(D.mblogid),
  [C.mblogid]: guideResult(C.mblogid, [cream], `${HOSTILE_NAME} 提到 回购`),
};

/** A canned answer as the background sends it: a guide answer names the post's author and each item's own link. */
function asWorker(post: Post): AnalysedPost[] {
  const r = answers[post.id];
  if (!r) return [];
  if (!r.detection.isGuide) return [r];
  return [{ ...r, author: { uid: post.author.uid, name: post.author.name }, links: ownLinksOf(post, r.items) }];
}

const defaults: Partial<FeedSettings> = { overlayEnabled: true, mutedAuthors: [], dismissedPosts: [], lang: 'zh-CN' };
const ctxs: ContentScriptContext[] = [];
let rootOf: ReturnType<typeof captureShadowRoots>['rootOf'];
beforeEach(() => {
  ({ rootOf } = captureShadowRoots());
});

afterEach(() => {
  for (const c of ctxs.splice(0)) c.notifyInvalidated();
});

function start(
  settings: Partial<FeedSettings> = {},
  send?: (posts: Post[]) => Promise<{ results: AnalysedPost[] }>,
  extra: Partial<Parameters<typeof startFeed>[0]> = {},
) {
  const ctx = new ContentScriptContext('feed-test');
  ctxs.push(ctx);
  const asked: string[] = [];
  const sender =
    send ??
    (async (posts: Post[]) => {
      asked.push(...posts.map((p) => p.id));
      return { results: posts.flatMap(asWorker) };
    });
  const store = createFeedSettings({ autoExpandLongPosts: false, ...defaults, ...settings });
  const posts = createPostDirectory();
  const overlay = createOverlay(
    (p) => `chrome-extension://test/${p}`,
    async () => ({ mount: mountOverlayRoot }),
  );
  const feed = startFeed({
    ctx,
    site: fakeSite,
    settings: store,
    posts,
    overlay,
    send: sender,
    sendJson: backgroundReader(asked),
    retryDelayMs: 5,
    ...extra,
  });
  linkOverlay(ctx, overlay, { events: feed.events, posts, settings: store });
  return { ctx, feed, asked, settings: store, posts, overlay };
}

function placement() {
  return articles().map((a) => [
    fakeSite.postIdOf(a),
    [...a.querySelectorAll('zhongcao-cards')].map(
      (h) => `${h.getAttribute('data-post-id')}:${h.getAttribute('data-item-ids')}`,
    ),
  ]);
}

async function settle() {
  await frames(2);
  await new Promise((r) => setTimeout(r, 20));
  await frames(2);
}

describe('the feed from page to cards', () => {
  it('shows cards with image, title and price only on guide posts', async () => {
    mountFeed([A, B]);
    const { feed } = start();
    const seen: string[] = [];
    feed.events.on('seen', ({ posts }) => seen.push(...posts.map((p) => `${p.postId} by ${p.author?.uid}`)));
    await vi.waitFor(() => expect(rootOf(document.querySelector('zhongcao-cards'))?.textContent).toContain('¥129'));
    expect(placement()).toEqual([
      [A.mblogid, [`${A.mblogid}:600000000001 600000000002`]],
      [B.mblogid, []],
    ]);
    const shadow = rootOf(document.querySelector('zhongcao-cards')) as ShadowRoot;
    expect(shadow.textContent).toContain('修护面霜 50ml');
    expect(shadow.textContent).toContain('¥89.9');
    expect(shadow.querySelector('img')?.getAttribute('src')).toBe(
      'chrome-extension://test/catalogue/img/600000000001.svg',
    );
    // The feed said it saw each post once, with the author it read from the page.
    expect(seen).toEqual([`${A.mblogid} by ${A.uid}`, `${B.mblogid} by ${B.uid}`]);
  });

  it('shows hostile page text as text and never as markup', async () => {
    mountFeed([C]);
    start();
    await vi.waitFor(() =>
      expect(rootOf(document.querySelector('zhongcao-cards'))?.textContent).toContain(HOSTILE_NAME),
    );
    const shadow = rootOf(document.querySelector('zhongcao-cards')) as ShadowRoot;
    expect(shadow.textContent).toContain(`@${HOSTILE_NAME}`);
    expect(shadow.querySelectorAll('img')).toHaveLength(1); // the product image only
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(shadow.querySelector('script')).toBeNull();
  });

  it('asks the background once per post, even when a recycled node shows it again', async () => {
    mountFeed([A, B]);
    const { asked } = start();
    await vi.waitFor(() => expect(document.querySelector('zhongcao-cards')).not.toBeNull());
    const [first, second] = articles();
    if (!first || !second) throw new Error('fixture');
    setPost(first, B);
    setPost(second, A);
    await settle();
    setPost(first, A);
    setPost(second, B);
    await settle();
    expect(asked.sort()).toEqual([A.mblogid, B.mblogid]);
    expect(placement()).toEqual([
      [A.mblogid, [`${A.mblogid}:600000000001 600000000002`]],
      [B.mblogid, []],
    ]);
  });

  it("a host reused for another post shows that post's cards only", async () => {
    mountFeed([A, B]);
    start();
    const shadow = () => rootOf(document.querySelector('zhongcao-cards'));
    await vi.waitFor(() => expect(shadow()?.textContent).toContain('精华液'));
    const root = shadow();
    // Recycle A's node for C (one product: the cream); A's host and shadow root move over to C.
    const [first] = articles();
    if (!first) throw new Error('fixture');
    setPost(first, C);
    await vi.waitFor(() =>
      expect(document.querySelector('zhongcao-cards')?.getAttribute('data-post-id')).toBe(C.mblogid),
    );
    await vi.waitFor(() => expect(shadow()?.querySelectorAll('[data-zc-item]')).toHaveLength(1));
    expect(shadow()).toBe(root);
    expect(shadow()?.textContent).not.toContain('精华液');
  });

  it('tells when a host is placed or taken out, and not on passes that change no host', async () => {
    mountFeed([A, B]);
    const changes: number[] = [];
    const { feed } = start();
    feed.events.on('hosts', () => changes.push(feed.watcher.passes));
    await vi.waitFor(() => expect(document.querySelector('zhongcao-cards')).not.toBeNull());
    expect(changes).toHaveLength(1);
    // Patches that leave every host where it is (B's text rewritten) say nothing.
    const [first, second] = articles();
    if (!first || !second) throw new Error('fixture');
    setPost(second, { ...B, text: '今天天气不错，出门散步' });
    await settle();
    expect(changes).toHaveLength(1);
    // A's node now shows B: A's host goes.
    setPost(first, B);
    await settle();
    expect(changes).toHaveLength(2);
    expect(document.querySelector('zhongcao-cards')).toBeNull();
  });

  it('runs a pass for an answer only when it gives a post a card or takes one away, and keeps only guide answers', async () => {
    mountFeed([B]);
    const held: (() => void)[] = [];
    const answerOf: Record<string, AnalysedPost> = { ...answers };
    const { feed, overlay, posts } = start({}, async (batch) => {
      await new Promise<void>((r) => held.push(r));
      return { results: batch.map((p) => answerOf[p.id] as AnalysedPost) };
    });
    const state = () => overlay.store.getState();
    const release = async () => {
      await vi.waitFor(() => expect(held.length).toBeGreaterThan(0));
      await settle();
      const before = feed.watcher.passes;
      for (const r of held.splice(0)) r();
      await settle();
      return feed.watcher.passes - before;
    };
    // B is no guide post: its answer changes nothing a pass would do, and is not kept for the cards.
    expect(await release()).toBe(0);
    expect(posts.isGuide(B.mblogid)).toBe(false);
    expect(state().byPostId[B.mblogid]).toBeUndefined();
    // A's answer places a card at once, with A's author for the order and the card's via line.
    const [first] = articles();
    if (!first) throw new Error('fixture');
    setPost(first, A);
    expect(await release()).toBeGreaterThan(0);
    expect(document.querySelector('zhongcao-cards')?.getAttribute('data-post-id')).toBe(A.mblogid);
    expect(state().meta[A.mblogid]?.authorId).toBe(A.uid);
    expect(state().meta[B.mblogid]).toBeUndefined();
    // Re-analysed as no guide post: the answer takes the card away and its entry goes.
    answerOf[A.mblogid] = plainResult(A.mblogid);
    feed.reanalyse();
    await release();
    expect(document.querySelector('zhongcao-cards')).toBeNull();
    expect(state().byPostId[A.mblogid]).toBeUndefined();
  });

  it('retries once when the service worker is not there, then shows the cards', async () => {
    mountFeed([A]);
    let calls = 0;
    start({}, async (posts) => {
      calls++;
      if (calls === 1) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { results: posts.map((p) => answers[p.id] as AnalysedPost) };
    });
    await vi.waitFor(() => expect(document.querySelector('zhongcao-cards')).not.toBeNull());
    expect(calls).toBe(2);
  });

  it('respects muted authors, dismissed posts and the global switch, live', async () => {
    mountFeed([A, C]);
    const { settings } = start({ mutedAuthors: [C.uid] });
    await vi.waitFor(() => expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(1));
    expect(document.querySelector('zhongcao-cards')?.getAttribute('data-post-id')).toBe(A.mblogid);

    settings.set({ dismissedPosts: [A.mblogid] });
    await settle();
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(0);

    settings.set({ dismissedPosts: [], mutedAuthors: [] });
    await vi.waitFor(() => expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(2));

    settings.set({ overlayEnabled: false });
    await settle();
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(0);
  });

  it('removes its cards and stops when the extension context goes away', async () => {
    const wrapper = mountFeed([A]);
    const { ctx, feed } = start();
    await vi.waitFor(() => expect(document.querySelector('zhongcao-cards')).not.toBeNull());
    ctx.notifyInvalidated();
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(0);
    const passes = feed.watcher.passes;
    wrapper.insertAdjacentHTML('beforeend', '<div></div>');
    await settle();
    expect(feed.watcher.passes).toBe(passes);
  });
});

/** The page's own list of loaded posts (weibo.com's scroller `items`), most of them not drawn yet. */
function pageList(posts: { mblogid: string; uid: string; name: string; text: string }[]) {
  const list: unknown[] = posts.map((p) => ({
    mblogid: p.mblogid,
    user: { idstr: p.uid, screen_name: p.name },
    text_raw: p.text,
  }));
  const asks: number[] = [];
  // As the page bridge answers (utils/feed/bridge.ts): each entry's id, then the entries as JSON text.
  const feedPosts = (_root: Element, from: number) => {
    asks.push(from);
    const first = (list[0] as { mblogid?: string } | undefined)?.mblogid ?? '';
    const entries = list.slice(from, from + 2);
    const ids = entries.map((e) => {
      const id = (e as { mblogid?: unknown } | null)?.mblogid;
      return typeof id === 'string' ? id : '';
    });
    return { total: list.length, from, first, ids, json: JSON.stringify(entries) };
  };
  return { list, asks, feedPosts };
}

/**
 * The background's side of `analyseFeedJson`: the page's JSON read with the real reader, the fixture's answers, and a
 * guide post sent back with its answer.
 */
function backgroundReader(asked: string[]) {
  return async ({ ids, json }: { ids: string[]; json: string }) => {
    const posts = postsFromFeedJson(json, ids);
    asked.push(...posts.map((p) => p.id));
    return { results: posts.flatMap(asWorker) };
  };
}

describe('reading the feed ahead of the DOM', () => {
  const site = { ...fakeSite, readsAhead: true };
  const extract = vi.spyOn(site, 'extract');
  afterEach(() => extract.mockClear());

  it('asks for loaded posts before they are drawn; their cards go in with the post, with no DOM reading', async () => {
    const wrapper = mountFeed([B]);
    const page = pageList([B, A, C]);
    const detected: string[] = [];
    const { asked, feed, posts, overlay } = start({}, undefined, { site, feedPosts: page.feedPosts });
    feed.events.on('analysed', ({ answers: rs }) => detected.push(...rs.map((r) => r.postId)));
    // Two per answer: the second pass picks up the rest of the list.
    await vi.waitFor(() => expect(asked.sort()).toEqual([A.mblogid, B.mblogid, C.mblogid].sort()));
    expect(page.asks.slice(0, 2)).toEqual([0, 2]);
    await settle();
    expect(extract).not.toHaveBeenCalled();
    // Only the post in the page counts as detected; A and C were analysed but not reached.
    expect(detected).toEqual([B.mblogid]);

    // A scrolls in: the card is in place by the time the page's own mutation callback runs.
    const sent = asked.length;
    const seenInCallback: (string | null)[] = [];
    wrapper.insertAdjacentHTML(
      'beforeend',
      '<div class="vue-recycle-scroller__item-view"><div class="wbpro-scroller-item"></div></div>',
    );
    const slot = wrapper.lastElementChild?.firstElementChild as HTMLElement;
    const probe = new MutationObserver(() => {
      seenInCallback.push(slot.querySelector('zhongcao-cards')?.getAttribute('data-post-id') ?? null);
    });
    probe.observe(wrapper, { childList: true, subtree: true });
    slot.innerHTML = articleHtml(A);
    await Promise.resolve();
    await settle();
    probe.disconnect();
    expect(seenInCallback[0]).toBe(A.mblogid);
    expect(asked.length).toBe(sent);
    expect(extract).not.toHaveBeenCalled();
    expect(detected).toEqual([B.mblogid, A.mblogid]);
    // The background read A and named its author with the answer: the card and the event log know it.
    expect(posts.author(A.mblogid)?.uid).toBe(A.uid);
    expect(overlay.store.getState().meta[A.mblogid]?.authorName).toBe(A.name);
  });

  it('redraws a recycled article for posts already answered: no DOM reading, no second ask, cards in and out', async () => {
    mountFeed([B]);
    const page = pageList([B, D, A]);
    const detected: string[] = [];
    const { asked, feed } = start({}, undefined, { site, feedPosts: page.feedPosts });
    feed.events.on('analysed', ({ answers: rs }) => detected.push(...rs.map((r) => r.postId)));
    await vi.waitFor(() => expect(asked.sort()).toEqual([A.mblogid, B.mblogid, D.mblogid].sort()));
    await settle();
    const [first] = articles();
    if (!first) throw new Error('fixture');
    // B's article redrawn for D, an ordinary post answered ahead: reached (reported once), nothing placed.
    const passes = feed.watcher.passes;
    setPost(first, D);
    await settle();
    expect(feed.watcher.passes).toBeGreaterThan(passes);
    expect(detected).toEqual([B.mblogid, D.mblogid]);
    expect(placement()).toEqual([[D.mblogid, []]]);
    // Then for A, a guide post answered ahead: its card goes in; and back to D: the card goes again.
    setPost(first, A);
    await vi.waitFor(() => expect(placement()).toEqual([[A.mblogid, [`${A.mblogid}:600000000001 600000000002`]]]));
    setPost(first, D);
    await settle();
    expect(placement()).toEqual([[D.mblogid, []]]);
    setPost(first, B);
    await settle();
    expect(placement()).toEqual([[B.mblogid, []]]);
    expect(detected).toEqual([B.mblogid, D.mblogid, A.mblogid]);
    expect(asked).toHaveLength(3);
    expect(extract).not.toHaveBeenCalled();
  });

  it('reads a post from the DOM when it is drawn if the background could not read it from the page', async () => {
    const wrapper = mountFeed([B]);
    const asks: number[] = [];
    // The header names A, but its entry is no post (a forged or garbled answer).
    const feedPosts = (_root: Element, from: number) => {
      asks.push(from);
      const ids = [B.mblogid, A.mblogid].slice(from);
      const json = JSON.stringify([{ mblogid: B.mblogid, user: { idstr: B.uid }, text_raw: B.text }, null].slice(from));
      return { total: 2, from, first: B.mblogid, ids, json };
    };
    const { asked } = start({}, undefined, { site, feedPosts });
    await vi.waitFor(() => expect(asked).toEqual([B.mblogid]));
    await settle();
    expect(extract).not.toHaveBeenCalled();
    const slot = document.createElement('div');
    slot.className = 'vue-recycle-scroller__item-view';
    wrapper.append(slot);
    slot.innerHTML = articleHtml(A);
    await vi.waitFor(() => expect(slot.querySelector('zhongcao-cards')?.getAttribute('data-post-id')).toBe(A.mblogid));
    expect(extract).toHaveBeenCalled();
    expect(asked).toEqual([B.mblogid, A.mblogid]);
  });

  it('starts over when the page swaps its list, and skips entries that are not posts', async () => {
    mountFeed([B]);
    const page = pageList([B, A]);
    page.list.splice(1, 0, { mblogid: 42 }, null, '<img src=x onerror=alert(1)>');
    const { asked, feed } = start({}, undefined, { site, feedPosts: page.feedPosts });
    await vi.waitFor(() => expect(asked.sort()).toEqual([A.mblogid, B.mblogid].sort()));
    page.list.splice(0, page.list.length, { mblogid: C.mblogid, user: { idstr: C.uid }, text: C.text });
    // Nothing new is drawn, so the next ask is the periodic one.
    await new Promise((r) => setTimeout(r, 300));
    feed.watcher.schedule();
    await vi.waitFor(() => expect(asked).toContain(C.mblogid));
    expect(page.asks).toContain(0);
  });

  it('asks every 250 ms while the reader nears the end of what was read ahead, and seldom before', async () => {
    const many = Array.from({ length: 16 }, (_, i) => ({
      uid: `30000000${i}`,
      mblogid: `Ahead${String(i).padStart(2, '0')}x`,
      name: `博主${i}`,
      text: `第${i}条`,
    }));
    mountFeed(many.slice(0, 1));
    const page = pageList(many);
    start({}, undefined, { site, feedPosts: page.feedPosts });
    // Two posts per answer: eight asks read the whole list.
    await vi.waitFor(() => expect(page.asks.at(-1)).toBe(14));
    await settle();
    // The drawn post is the list's first, 16 from the end: the page patching it for 600 ms costs no ask.
    const [first] = articles();
    if (!first) throw new Error('fixture');
    const asks = page.asks.length;
    for (let t = 0; t < 6; t++) {
      first.querySelector('footer')?.setAttribute('href', `#${t}`);
      first.querySelector('footer')?.appendChild(document.createTextNode(' '));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(page.asks.length).toBe(asks);
    // Recycled for the list's 12th post, four from the end: now a patch asks once the last ask is 250 ms old.
    const twelfth = many[11];
    if (!twelfth) throw new Error('fixture');
    setPost(first, twelfth);
    for (let t = 0; t < 6; t++) {
      first.querySelector('footer')?.appendChild(document.createTextNode(' '));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(page.asks.length).toBeGreaterThanOrEqual(asks + 2);
  });

  it('reads nothing ahead with the overlay off', async () => {
    mountFeed([B]);
    const page = pageList([B, A]);
    const { asked } = start({ overlayEnabled: false }, undefined, { site, feedPosts: page.feedPosts });
    await settle();
    expect(page.asks).toEqual([]);
    expect(asked).toEqual([]);
  });
});

describe('a cut post whose long text names the product', () => {
  const site = { ...fakeSite, id: 'weibo-pc' as const };
  const cut = { ...B, text: '种草一个好物…展开' };
  const setup = (settings: Partial<FeedSettings>) => {
    const fetches: string[] = [];
    const longTexts: string[] = [];
    mountFeed([cut]);
    const started = start(
      settings,
      async (posts) => ({ results: posts.map((p) => ({ ...plainResult(p.id), expand: true as const })) }),
      {
        site,
        origin: 'https://weibo.com',
        fetchLongText: async (url) => {
          fetches.push(url);
          return new Response(JSON.stringify({ ok: 1, data: { longTextContent: '种草一个好物 ￥uL1c0Yz0Zkk￥' } }));
        },
        sendLongText: async ({ post, longText }) => {
          longTexts.push(`${post.id}: ${longText}`);
          return { result: guideResult(post.id, [cream]) };
        },
      },
    );
    return { ...started, fetches, longTexts };
  };

  it('reads its whole text from the page’s origin, and the card then shows the product', async () => {
    const { fetches, longTexts } = setup({ autoExpandLongPosts: true });
    await vi.waitFor(() => expect(placement()).toEqual([[B.mblogid, [`${B.mblogid}:600000000001`]]]));
    expect(fetches).toEqual([`https://weibo.com/ajax/statuses/longtext?id=${B.mblogid}`]);
    expect(longTexts).toEqual([`${B.mblogid}: 种草一个好物 ￥uL1c0Yz0Zkk￥`]);
  });

  it('asks nothing and shows no card while 自动展开长博文 is off', async () => {
    const { fetches, settings } = setup({ autoExpandLongPosts: false });
    await settle();
    await new Promise((r) => setTimeout(r, 50));
    expect(fetches).toEqual([]);
    expect(placement()).toEqual([[B.mblogid, []]]);
    // Turned on: the post in the page is read then.
    settings.set({ autoExpandLongPosts: true });
    await vi.waitFor(() => expect(fetches).toHaveLength(1));
    await vi.waitFor(() => expect(placement()).toEqual([[B.mblogid, [`${B.mblogid}:600000000001`]]]));
  });
});
