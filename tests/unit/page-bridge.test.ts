// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { installPageBridge } from '@/utils/feed/bridge';
import { FEED_POSTS_BATCH, PAGE_JSON_MAX_CHARS, requestFeedPosts, requestPageJson } from '@/utils/feed/page-json';

// Both halves of the page bridge in one document: the MAIN-world listener and the content script's requests.
let uninstall: () => void = () => {};
afterEach(() => uninstall());

function scroller(items: unknown): Element {
  document.body.innerHTML = '<div class="vue-recycle-scroller"><article></article></div>';
  const el = document.querySelector('.vue-recycle-scroller') as Element;
  Object.defineProperty(el, '__vue__', { value: { $props: { items } } });
  uninstall = installPageBridge(document);
  return el;
}

const post = (i: number) => ({
  mblogid: `Post${String(i).padStart(5, '0')}`,
  text_raw: `第${i}条`,
  user: { idstr: '1001' },
});

describe('the page bridge', () => {
  it("hands over the scroller's loaded posts in order, a batch at a time", () => {
    const root = scroller(Array.from({ length: 45 }, (_, i) => post(i)));
    const a = requestFeedPosts(root, 0);
    expect(a?.total).toBe(45);
    expect(a?.first).toBe('Post00000');
    expect(a?.posts).toHaveLength(FEED_POSTS_BATCH);
    expect((a?.posts[3] as { mblogid?: string } | undefined)?.mblogid).toBe('Post00003');
    const b = requestFeedPosts(root, FEED_POSTS_BATCH);
    expect(b?.from).toBe(FEED_POSTS_BATCH);
    expect(b?.posts.map((p) => (p as { mblogid: string }).mblogid)).toEqual(
      Array.from({ length: 45 - FEED_POSTS_BATCH }, (_, i) => post(i + FEED_POSTS_BATCH).mblogid),
    );
    expect(requestFeedPosts(root, 45)?.posts).toEqual([]);
  });

  it('unwraps list entries that hold the post, and leaves odd or oversized entries as null', () => {
    const cyclic: Record<string, unknown> = { mblogid: 'Cyclic01' };
    cyclic.self = cyclic;
    const huge = { mblogid: 'HugePost1', text_raw: 'x'.repeat(PAGE_JSON_MAX_CHARS) };
    const root = scroller([{ data: post(1) }, 'text', null, cyclic, huge, post(2)]);
    const a = requestFeedPosts(root, 0);
    expect(a?.posts.map((p) => (p as { mblogid?: string } | null)?.mblogid ?? null)).toEqual([
      'Post00001',
      null,
      null,
      null,
      null,
      'Post00002',
    ]);
  });

  it('answers nothing where there is no list, and the content side rejects forged answers', () => {
    const root = scroller('not a list');
    expect(requestFeedPosts(root, 0)).toBeUndefined();
    uninstall();
    const forge = (detail: unknown) => (e: Event) =>
      (e.target as Element).dispatchEvent(new CustomEvent('zc:feed-posts', { detail }));
    for (const detail of ['{', '{"total":-1,"from":0,"posts":[]}', '{"total":1,"from":0}', 42]) {
      const handler = forge(detail);
      document.addEventListener('zc:want-feed-posts', handler);
      expect(requestFeedPosts(root, 0)).toBeUndefined();
      document.removeEventListener('zc:want-feed-posts', handler);
    }
  });

  it("still hands one post's JSON to its feed item", () => {
    document.body.innerHTML = '<div><article><p>x</p></article></div>';
    const article = document.querySelector('article') as Element;
    Object.defineProperty(article, '__vue__', { value: { data: post(7) } });
    uninstall = installPageBridge(document);
    expect((requestPageJson(article.querySelector('p') as Element, 'Post00007') as { text_raw: string }).text_raw).toBe(
      '第7条',
    );
    expect(requestPageJson(article, 'OtherPost')).toBeUndefined();
  });
});
