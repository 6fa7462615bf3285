// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type FeedSettings, startFeed } from '@/utils/feed/controller';
import type { AnalysedPost } from '@/utils/messaging';
import type { Post } from '@/utils/types';
import {
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
  [C.mblogid]: guideResult(C.mblogid, [cream], `${HOSTILE_NAME} 提到 回购`),
};

const defaults: FeedSettings = { overlayEnabled: true, mutedAuthors: [], dismissedPosts: [], lang: 'zh-CN' };
const ctxs: ContentScriptContext[] = [];
afterEach(() => {
  for (const c of ctxs.splice(0)) c.notifyInvalidated();
});

function start(settings: Partial<FeedSettings> = {}, send?: (posts: Post[]) => Promise<{ results: AnalysedPost[] }>) {
  const ctx = new ContentScriptContext('feed-test');
  ctxs.push(ctx);
  const asked: string[] = [];
  const sender =
    send ??
    (async (posts: Post[]) => {
      asked.push(...posts.map((p) => p.id));
      return { results: posts.flatMap((p) => (answers[p.id] ? [answers[p.id] as AnalysedPost] : [])) };
    });
  const feed = startFeed({
    ctx,
    site: fakeSite,
    settings: { ...defaults, ...settings },
    send: sender,
    imageUrlOf: (p) => `chrome-extension://test/${p}`,
    retryDelayMs: 5,
  });
  return { ctx, feed, asked };
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
    start();
    await vi.waitFor(() => expect(document.querySelector('zhongcao-cards')?.shadowRoot?.textContent).toContain('¥129'));
    expect(placement()).toEqual([
      [A.mblogid, [`${A.mblogid}:600000000001 600000000002`]],
      [B.mblogid, []],
    ]);
    const shadow = document.querySelector('zhongcao-cards')?.shadowRoot as ShadowRoot;
    expect(shadow.textContent).toContain('修护面霜 50ml');
    expect(shadow.textContent).toContain('¥89.9');
    expect(shadow.querySelector('img')?.getAttribute('src')).toBe(
      'chrome-extension://test/catalogue/img/600000000001.svg',
    );
  });

  it('shows hostile page text as text and never as markup', async () => {
    mountFeed([C]);
    start();
    await vi.waitFor(() =>
      expect(document.querySelector('zhongcao-cards')?.shadowRoot?.textContent).toContain(HOSTILE_NAME),
    );
    const shadow = document.querySelector('zhongcao-cards')?.shadowRoot as ShadowRoot;
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
    const { feed } = start({ mutedAuthors: [C.uid] });
    await vi.waitFor(() => expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(1));
    expect(document.querySelector('zhongcao-cards')?.getAttribute('data-post-id')).toBe(A.mblogid);

    feed.updateSettings({ dismissedPosts: [A.mblogid] });
    await settle();
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(0);

    feed.updateSettings({ dismissedPosts: [], mutedAuthors: [] });
    await vi.waitFor(() => expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(2));

    feed.updateSettings({ overlayEnabled: false });
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
