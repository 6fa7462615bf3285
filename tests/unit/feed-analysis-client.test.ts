// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createAnalysisClient } from '@/utils/feed/analysis-client';
import type { AnalysedPost } from '@/utils/messaging';
import type { Post } from '@/utils/types';
import { makePost, plainResult } from './feed.fixture';

const post = (id: string): Post => makePost({ id });

const ctxs: ContentScriptContext[] = [];
afterEach(() => {
  for (const c of ctxs.splice(0)) c.notifyInvalidated();
});
function ctx() {
  const c = new ContentScriptContext('client-test');
  ctxs.push(c);
  return c;
}

describe('the analysis client', () => {
  it('sends a pass worth of posts in batches and caches answers by post id', async () => {
    const batches: string[][] = [];
    const got: AnalysedPost[] = [];
    const client = createAnalysisClient({
      ctx: ctx(),
      batchSize: 2,
      send: async (posts) => {
        batches.push(posts.map((p) => p.id));
        return { results: posts.map((p) => plainResult(p.id)) };
      },
      onResults: (r) => got.push(...r),
    });
    client.request([post('a'), post('b'), post('c'), post('a')]);
    expect(client.known('a')).toBe(true);
    await vi.waitFor(() => expect(got).toHaveLength(3));
    client.request([post('a'), post('b')]);
    expect(batches).toEqual([['a', 'b'], ['c']]);
    expect(client.get('c')?.postId).toBe('c');
  });

  it('ignores answers about posts it did not ask for (a forged or confused reply)', async () => {
    const got: AnalysedPost[] = [];
    const client = createAnalysisClient({
      ctx: ctx(),
      send: async () => ({ results: [plainResult('other')] }),
      onResults: (r) => got.push(...r),
    });
    client.request([post('a')]);
    await vi.waitFor(() => expect(client.get('a')).toBeNull());
    expect(client.get('other')).toBeUndefined();
    expect(got).toEqual([]);
  });

  it('retries once after a failure, then backs off and lets the posts be asked for again', async () => {
    let calls = 0;
    const retryDue = vi.fn();
    const client = createAnalysisClient({
      ctx: ctx(),
      retryDelayMs: 5,
      backoffMs: 300,
      send: async () => {
        calls++;
        throw new Error('Extension context invalidated.');
      },
      onResults: () => {},
      onRetryDue: retryDue,
    });
    client.request([post('a')]);
    await vi.waitFor(() => expect(calls).toBe(2), { interval: 5 });
    await new Promise((r) => setTimeout(r, 5));
    expect(client.known('a')).toBe(true);
    await vi.waitFor(() => expect(retryDue).toHaveBeenCalled(), { timeout: 2000 });
    expect(client.known('a')).toBe(false);
    expect(calls).toBe(2);
  });

  it('drops answers that arrive after clear (threshold changed) and asks again', async () => {
    let release: (() => void) | undefined;
    const client = createAnalysisClient({
      ctx: ctx(),
      send: (posts) =>
        new Promise((resolve) => {
          release = () => resolve({ results: posts.map((p) => plainResult(p.id)) });
        }),
      onResults: () => {},
    });
    client.request([post('a')]);
    client.clear();
    release?.();
    await new Promise((r) => setTimeout(r, 5));
    expect(client.get('a')).toBeUndefined();
    expect(client.known('a')).toBe(false);
  });

  it('takes an answer about a post’s whole text in place of the one about its cut text', async () => {
    const got: AnalysedPost[] = [];
    const client = createAnalysisClient({
      ctx: ctx(),
      send: async (posts) => ({ results: posts.map((p) => ({ ...plainResult(p.id), expand: true as const })) }),
      onResults: (r) => got.push(...r),
    });
    client.request([post('a')]);
    await vi.waitFor(() => expect(client.get('a')?.expand).toBe(true));
    const whole = { ...plainResult('a'), detection: { ...plainResult('a').detection, isGuide: true, score: 5 } };
    client.replace(whole);
    expect(client.get('a')).toEqual(whole);
    expect(got.at(-1)).toEqual(whole);
    expect(client.known('a')).toBe(true);
  });

  it('asks for a pass when the background could not read posts handed over as page JSON', async () => {
    const retryDue = vi.fn();
    const client = createAnalysisClient({
      ctx: ctx(),
      send: async () => ({ results: [] }),
      sendJson: async ({ ids }) => ({ results: ids.slice(0, 1).map((id) => plainResult(id)) }),
      onResults: () => {},
      onRetryDue: retryDue,
    });
    client.requestJson({ ids: ['a'], json: '[]' });
    await vi.waitFor(() => expect(client.get('a')).not.toBeUndefined());
    expect(retryDue).not.toHaveBeenCalled();
    client.requestJson({ ids: ['b', 'c'], json: '[]' });
    await vi.waitFor(() => expect(retryDue).toHaveBeenCalledTimes(1));
    expect(client.known('c')).toBe(false);
  });
});
