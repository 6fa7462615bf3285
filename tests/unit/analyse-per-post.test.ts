import { beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '@/utils/catalogue/generate';
import type { LoadedCatalogue } from '@/utils/catalogue/loaded';
import { displayName } from '@/utils/display-name';
import { buildCatalogueIndex } from '@/utils/match';
import { clampPost, clampPosts } from '@/utils/post-clamp';
import { PostSchema } from '@/utils/post-schema';
import type { Post } from '@/utils/types';
import { analyseBatch } from '@/utils/worker/analyse';
import { TabBudget } from '@/utils/worker/tab-budget';
import { makePost } from './feed.fixture';

/**
 * Issue 27, finding 2 (one oversized field cost a whole batch its cards), bounded work per tab, and finding 9 (names
 * shown as names). Each failed on the code before.
 */

let loaded: LoadedCatalogue;
beforeAll(() => {
  const items = generateCatalogue({ count: 300 });
  loaded = { items, index: buildCatalogueIndex(items) };
});
const deps = () => ({ getCatalogue: async () => loaded, getThreshold: async () => 3 });

function guidePost(id: string, n: number, over: Partial<Post> = {}): Post {
  const item = loaded.items[n % loaded.items.length];
  if (!item) throw new Error('catalogue too small');
  return makePost({
    id,
    text: `种草 好物推荐 ${item.short_url}`,
    author: { uid: '1', name: 'x', tier: 'gold' },
    ...over,
  });
}

/** The hostile post of the acceptance test: 60 KB of text, a 6 KB `data:` picture, a 300-character icon name. */
function hostile(id: string): Post {
  return guidePost(id, 0, {
    text: `${'taobao '}${'a.'.repeat(30_000)}`,
    images: [`data:image/png;base64,${'A'.repeat(6_000)}`],
    links: [{ url: 'https://m.tb.cn/h.AbCdEf', text: '网页链接', icon: 'i'.repeat(300), inRepost: false }],
  });
}

describe('one bad post never costs the others their cards (issue 27, finding 2)', () => {
  it('a 6 KB data: picture in one post of 24: the 23 others are answered, it alone is refused by index', async () => {
    const posts = Array.from({ length: 24 }, (_, i) => guidePost(`NxQ1a2b${i}`, i));
    posts[5] = { ...posts[5], images: [`data:image/png;base64,${'A'.repeat(6_000)}`] } as Post;
    const answer = await analyseBatch({ posts }, deps());
    expect(answer.results.map((r) => r.postId)).toEqual(posts.filter((_, i) => i !== 5).map((p) => p.id));
    expect(answer.refused).toEqual([{ index: 5, postId: 'NxQ1a2b5', reason: expect.stringMatching(/^images/) }]);
  });

  it('clampPost cuts every field to the schema: the hostile post passes it and gets its answer', async () => {
    const clamped = clampPost(hostile('NxQ1a2b3C'));
    expect(clamped).not.toBeNull();
    expect(PostSchema.safeParse(clamped).success).toBe(true);
    expect(clamped?.truncated).toBe(true);
    expect(clamped?.images).toEqual([]);
    expect(clamped?.links[0]?.icon).toHaveLength(200);
    const answer = await analyseBatch({ posts: [clamped] }, deps());
    expect(answer.results.map((r) => r.postId)).toEqual(['NxQ1a2b3C']);
  });

  it('a post with a 100-character id cannot be keyed: it is not sent, the rest are', () => {
    const posts = [guidePost('x'.repeat(100), 0), guidePost('NxQ1a2b3C', 1)];
    expect(clampPosts(posts).map((p) => p.id)).toEqual(['NxQ1a2b3C']);
  });
});

describe('per-tab budgets: one tab cannot stall the others (issue 27, finding 6)', () => {
  const busy = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // Work the worker cannot interrupt: one post's analysis.
    }
  };

  it("a tab with 60 slow posts queued: another tab's request is answered within a few slices", async () => {
    const budget = new TabBudget({ sliceMs: 8, windowMs: 1000, shareMs: 300 });
    const flood = budget.run('tab:1', async (checkpoint) => {
      for (let i = 0; i < 60; i++) {
        busy(4);
        await checkpoint();
      }
    });
    await new Promise((r) => setTimeout(r, 0));
    const t0 = performance.now();
    await budget.run('tab:2', async (checkpoint) => {
      busy(1);
      await checkpoint();
    });
    const waited = performance.now() - t0;
    expect(waited).toBeLessThan(60);
    await flood;
  });

  it('a tab that used its share of the window waits for the next one; its requests run in order', async () => {
    let now = 0;
    const slept: number[] = [];
    const budget = new TabBudget({
      sliceMs: 8,
      windowMs: 1000,
      shareMs: 300,
      clock: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });
    const order: number[] = [];
    const job = (n: number) =>
      budget.run('tab:1', async (checkpoint) => {
        for (let i = 0; i < 10; i++) {
          now += 20;
          await checkpoint();
        }
        order.push(n);
      });
    await Promise.all([job(1), job(2)]);
    expect(order).toEqual([1, 2]);
    expect(slept.some((ms) => ms >= 500)).toBe(true);
  });
});

describe('names shown as names (issue 27, finding 9)', () => {
  it('strips bidi controls and zero-width characters from an author name', () => {
    expect(displayName('\u202Eevil\u200B name\u2066\uFEFF')).toBe('evil name');
  });

  it("the worker's answer names the author without an unterminated U+202E", async () => {
    const p = guidePost('NxQ1a2b3C', 0, { author: { uid: '1', name: '\u202E好物\u200D分享', tier: 'gold' } });
    const { results } = await analyseBatch({ posts: [p] }, deps());
    expect(results[0]?.author?.name).toBe('好物分享');
  });
});
