// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { FeedItemRef } from '@/utils/feed/types';
import { VALIDITY_CHECK_MS } from '@/utils/feed/validity';
import {
  findFeedRoot,
  HOST_TAG,
  listMatching,
  splitSelectorList,
  trailingTypeOf,
  watchFeed,
} from '@/utils/feed/watcher';
import { PC_SELECTORS } from '@/utils/sites/weibo-pc';
import { articleHtml, articles, fakeSite, frames, mountFeed, setPost } from './feed.fixture';

const posts = Array.from({ length: 5 }, (_, i) => ({
  uid: `10000000${i}`,
  mblogid: `Pabc${i}XyZ`,
  name: `博主${i}`,
  text: `第${i}条微博`,
}));

const PC_ITEM = PC_SELECTORS.item.join(', ');

function start() {
  const ctx = new ContentScriptContext('feed-test');
  const seen: string[][] = [];
  const watcher = watchFeed(ctx, fakeSite, (items: FeedItemRef[]) => seen.push(items.map((i) => i.id)));
  return { ctx, watcher, seen };
}

let ctxs: ContentScriptContext[] = [];
afterEach(() => {
  for (const c of ctxs) c.notifyInvalidated();
  ctxs = [];
});

describe('the feed watcher', () => {
  it('lists every post on screen by its permalink id in the first pass', async () => {
    mountFeed(posts);
    const { ctx, seen } = start();
    ctxs.push(ctx);
    await frames();
    expect(seen).toEqual([posts.map((p) => p.mblogid)]);
  });

  it('coalesces a burst of feed mutations into one pass', async () => {
    const wrapper = mountFeed(posts);
    const { ctx, watcher } = start();
    ctxs.push(ctx);
    await frames();
    const before = watcher.passes;
    for (let i = 0; i < 50; i++) wrapper.appendChild(document.createElement('div'));
    await frames(3);
    expect(watcher.passes - before).toBe(1);
  });

  it('leaves no invalidation listener behind per pass (a scrolling feed asks for one every frame)', async () => {
    const wrapper = mountFeed(posts);
    const { ctx, watcher } = start();
    ctxs.push(ctx);
    await frames();
    const added = vi.spyOn(ctx.signal, 'addEventListener');
    const before = watcher.passes;
    for (let i = 0; i < 20; i++) {
      watcher.schedule();
      wrapper.appendChild(document.createElement('div'));
      await frames();
    }
    expect(watcher.passes - before).toBeGreaterThanOrEqual(20);
    expect(added).not.toHaveBeenCalled();
  });

  it('runs no pass once the context is invalidated, even one already scheduled', async () => {
    mountFeed(posts);
    const { ctx, watcher } = start();
    await frames();
    const before = watcher.passes;
    watcher.schedule();
    ctx.notifyInvalidated();
    await frames(3);
    await new Promise((r) => setTimeout(r, 150));
    expect(watcher.passes).toBe(before);
  });

  it('asks whether the extension is still there at most once a second, and stops within a second of it going', async () => {
    const wrapper = mountFeed(posts);
    const { ctx, watcher } = start();
    ctxs.push(ctx);
    await frames();
    let gone = false;
    const asked = vi.spyOn(ctx, 'isInvalid', 'get').mockImplementation(() => gone);
    const t0 = performance.now();
    let passes = watcher.passes;
    while (performance.now() - t0 < 400) {
      wrapper.appendChild(document.createElement('div'));
      await frames();
    }
    expect(watcher.passes - passes).toBeGreaterThan(5);
    expect(asked.mock.calls.length).toBeLessThanOrEqual(1);
    // The extension is updated or removed: WXT notices only when asked.
    gone = true;
    const t1 = performance.now();
    while (performance.now() - t1 < VALIDITY_CHECK_MS + 300) {
      wrapper.appendChild(document.createElement('div'));
      await frames();
    }
    passes = watcher.passes;
    for (let i = 0; i < 5; i++) {
      wrapper.appendChild(document.createElement('div'));
      await frames();
    }
    expect(watcher.passes).toBe(passes);
    expect(watcher.observed).toBeNull();
  });

  it('ignores timestamp rewrites and its own card hosts', async () => {
    mountFeed(posts);
    const { ctx, watcher } = start();
    ctxs.push(ctx);
    await frames();
    const before = watcher.passes;
    for (const a of document.querySelectorAll('a[class*="_time_"]')) {
      a.textContent = '4分钟前';
      (a.firstChild as Text).data = '5分钟前';
      a.setAttribute('title', '2026-11-24 10:01');
    }
    const host = document.createElement(HOST_TAG);
    articles()[0]?.querySelector('footer')?.before(host);
    host.setAttribute('data-item-ids', '1 2');
    host.appendChild(document.createElement('span'));
    await frames(3);
    expect(watcher.passes).toBe(before);
  });

  it('passes again when a recycled article is patched to show another post', async () => {
    mountFeed(posts);
    const { ctx, seen } = start();
    ctxs.push(ctx);
    await frames();
    const first = articles()[0];
    if (!first) throw new Error('fixture');
    setPost(first, { uid: '2000000001', mblogid: 'Recycled01', name: '新博主', text: '另一条' });
    await frames(3);
    expect(seen.at(-1)?.[0]).toBe('Recycled01');
  });

  it('re-reads only the patched article on a patch inside it, and lists afresh on a change outside the articles', async () => {
    const wrapper = mountFeed(posts);
    const ctx = new ContentScriptContext('feed-test');
    ctxs.push(ctx);
    const passes: { ids: string[]; touched: Element[] | null }[] = [];
    const reads: Element[] = [];
    const site = {
      ...fakeSite,
      postIdOf(item: Element) {
        reads.push(item);
        return fakeSite.postIdOf(item);
      },
    };
    watchFeed(ctx, site, (items, _s, touched) =>
      passes.push({ ids: items.map((i) => i.id), touched: touched ? [...touched] : null }),
    );
    await frames();
    expect(passes.at(-1)?.touched).toBeNull();
    const third = articles()[2];
    if (!third) throw new Error('fixture');
    reads.length = 0;
    setPost(third, { uid: '2000000003', mblogid: 'Recycled03', name: '新博主', text: '另一条' });
    await frames(3);
    // One pass: the recycled article only, read once; the others keep their ids without being read again.
    expect(passes.at(-1)?.touched).toEqual([third]);
    expect(reads).toEqual([third]);
    expect(passes.at(-1)?.ids).toEqual(['Pabc0XyZ', 'Pabc1XyZ', 'Recycled03', 'Pabc3XyZ', 'Pabc4XyZ']);
    // A new slot outside every listed article: a full pass finds its post.
    const slot = document.createElement('div');
    slot.className = 'vue-recycle-scroller__item-view';
    slot.innerHTML = articleHtml({ uid: '2000000009', mblogid: 'NewSlot09', name: '又一位', text: '新的' });
    wrapper.appendChild(slot);
    await frames(3);
    expect(passes.at(-1)?.touched).toBeNull();
    expect(passes.at(-1)?.ids.at(-1)).toBe('NewSlot09');
  });

  it('lets the quick check take a partial pass, and leaves full passes and a failing or refusing check to onPass', async () => {
    mountFeed(posts);
    const ctx = new ContentScriptContext('feed-test');
    ctxs.push(ctx);
    const full: (Element[] | null)[] = [];
    const asked: { ids: string[]; touched: Element[] }[] = [];
    let answer: boolean | 'throw' = true;
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const watcher = watchFeed(
      ctx,
      fakeSite,
      (_items, _s, touched) => full.push(touched ? [...touched] : null),
      (patched, touched) => {
        asked.push({ ids: patched.map((p) => p.id), touched: [...touched] });
        if (answer === 'throw') throw new Error('quick check failed');
        return answer;
      },
    );
    await frames();
    // The first listing is a full pass: never offered to the check.
    expect(full).toEqual([null]);
    expect(asked).toEqual([]);
    const third = articles()[2];
    if (!third) throw new Error('fixture');
    setPost(third, { uid: '2000000003', mblogid: 'Recycled03', name: '新博主', text: '另一条' });
    await frames(3);
    // Offered the recycled article with the post it shows now, and taken: onPass does not run, the pass still counts.
    expect(asked).toEqual([{ ids: ['Recycled03'], touched: [third] }]);
    expect(full).toHaveLength(1);
    expect(watcher.passes).toBe(2);
    answer = false;
    setPost(third, { uid: '2000000004', mblogid: 'Recycled04', name: '又一位', text: '再一条' });
    await frames(3);
    expect(full.at(-1)).toEqual([third]);
    answer = 'throw';
    setPost(third, { uid: '2000000005', mblogid: 'Recycled05', name: '第三位', text: '第三条' });
    await frames(3);
    expect(full).toEqual([null, [third], [third]]);
    expect(debug).toHaveBeenCalledWith('[zhongcao] feed pass failed', expect.any(Error));
    debug.mockRestore();
  });

  it('keeps a patch that replaced a block inside an article partial, and runs no pass for text-only patches', async () => {
    mountFeed(posts);
    const ctx = new ContentScriptContext('feed-test');
    ctxs.push(ctx);
    const passes: (Element[] | null)[] = [];
    watchFeed(ctx, fakeSite, (_items, _s, touched) => passes.push(touched ? [...touched] : null));
    await frames();
    const second = articles()[1];
    if (!second) throw new Error('fixture');
    const box = document.createElement('div');
    box.append(document.createElement('img'));
    second.querySelector('footer')?.before(box);
    await frames(3);
    // One patch: the picture taken out of its box, then the box out of the article. The first record's target is no
    // longer in the page by the time it is read; the second, on the article, stands for both.
    const before = passes.length;
    box.firstElementChild?.remove();
    box.remove();
    await frames(3);
    expect(passes.slice(before)).toEqual([[second]]);
    // The text of a post patched in place (counts, "3分钟前"): no pass at all.
    const text = second.querySelector('[class*="_wbtext_"]')?.firstChild as Text;
    text.data = '改过的文字';
    await frames(3);
    expect(passes.length).toBe(before + 1);
  });

  it('checks an article again when the page takes a card host out of it, but not for its own host moves', async () => {
    mountFeed(posts);
    const { ctx, watcher } = start();
    ctxs.push(ctx);
    await frames();
    const first = articles()[0];
    if (!first) throw new Error('fixture');
    const host = document.createElement(HOST_TAG);
    first.querySelector('footer')?.before(host);
    await frames(3);
    const before = watcher.passes;
    host.remove();
    await frames(3);
    expect(watcher.passes).toBe(before + 1);
  });

  it('watches the body until the feed container appears, then only the container', async () => {
    document.body.innerHTML = '<div id="app"></div>';
    const { ctx, watcher, seen } = start();
    ctxs.push(ctx);
    await frames();
    expect(watcher.observed).toBe(document.body);
    const app = document.getElementById('app') as HTMLElement;
    const feed = document.createElement('div');
    feed.innerHTML = '<div class="vue-recycle-scroller"><div class="vue-recycle-scroller__item-wrapper"></div></div>';
    app.appendChild(feed);
    const wrapper = feed.querySelector('.vue-recycle-scroller__item-wrapper') as HTMLElement;
    const tmp = mountFeedInto(wrapper);
    await frames(3);
    expect(watcher.observed).toBe(document.querySelector('.vue-recycle-scroller'));
    expect(seen.at(-1)).toEqual(tmp);
    // Mutations outside the container no longer cost passes.
    const passes = watcher.passes;
    document.body.appendChild(document.createElement('aside'));
    await frames(3);
    expect(watcher.passes).toBe(passes);
  });

  it('stops observing when the extension context is invalidated', async () => {
    const wrapper = mountFeed(posts);
    const { ctx, watcher } = start();
    await frames();
    const before = watcher.passes;
    ctx.notifyInvalidated();
    wrapper.appendChild(document.createElement('div'));
    await frames(3);
    expect(watcher.passes).toBe(before);
    expect(watcher.observed).toBeNull();
  });
});

function mountFeedInto(wrapper: HTMLElement): string[] {
  const two = posts.slice(0, 2);
  wrapper.innerHTML = two.map(articleHtml).join('');
  return two.map((p) => p.mblogid);
}

describe('finding the feed container', () => {
  it('tries the adapter alternatives in order, not in document order', () => {
    mountFeed(posts);
    document.body.insertAdjacentHTML('afterbegin', '<main id="side"></main>');
    const site = { ...fakeSite, feedRootSelector: 'main, [class*="recycle-scroller"]:not([data-x="a,b"])' };
    expect(splitSelectorList(site.feedRootSelector)).toEqual([
      'main',
      '[class*="recycle-scroller"]:not([data-x="a,b"])',
    ]);
    // The empty <main> comes first in the document; the scroller holding the posts wins.
    expect(findFeedRoot(site)?.className).toContain('vue-recycle-scroller');
  });
});

describe('listing the feed items', () => {
  it('reads the one element type a selector list ends in, and gives up on anything it cannot read safely', () => {
    expect(trailingTypeOf(PC_ITEM)).toBe('article');
    expect(trailingTypeOf('div.card9, .wb-item div.card')).toBe('div');
    expect(trailingTypeOf('.card.m-panel.card9, .wb-item .card, div.card9')).toBeNull(); // m.weibo.cn: no type
    expect(trailingTypeOf('article, section')).toBeNull();
    expect(trailingTypeOf('article:is(.a, .b)')).toBeNull();
    expect(trailingTypeOf('article[title="a b"]')).toBeNull();
    expect(trailingTypeOf('div > ARTICLE.x')).toBe('article');
  });

  it('lists what querySelectorAll lists, in document order, with or without a type to go by', () => {
    document.body.innerHTML = `
      <div class="vue-recycle-scroller__item-view"><article id="a1"><article id="nested"></article></article></div>
      <article id="loose"></article>
      <article class="Feed_wrap_x" id="hashed"></article>
      <section class="wbpro-scroller-item"><article id="a2"></article><div class="card9" id="c1"></div></section>
      <div class="wb-item"><div class="card" id="c2"></div></div>`;
    const mobile = '.card.m-panel.card9, .wb-item .card, div.card9';
    for (const sel of [PC_ITEM, mobile, 'article', 'div.card9, .wb-item div.card']) {
      const expected = [...document.querySelectorAll(sel)].map((e) => e.id);
      expect([...listMatching(document, sel)].map((e) => e.id)).toEqual(expected);
      const scope = document.querySelector('section') as Element;
      expect([...listMatching(scope, sel)].map((e) => e.id)).toEqual([...scope.querySelectorAll(sel)].map((e) => e.id));
    }
    expect([...listMatching(document, PC_ITEM)].map((e) => e.id)).toEqual(['a1', 'nested', 'hashed', 'a2']);
  });
});
