import { beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../../utils/catalogue/generate';
import type { LoadedCatalogue } from '../../utils/catalogue/loaded';
import { buildCatalogueIndex } from '../../utils/match';
import type { Post } from '../../utils/types';
import { analyseBatch, analyseFeedJson } from '../../utils/worker/analyse';
import { makePost } from './feed.fixture';

let loaded: LoadedCatalogue;
beforeAll(() => {
  const items = generateCatalogue({ count: 500 });
  loaded = { items, index: buildCatalogueIndex(items) };
});

const post = (id: string, text: string, over: Partial<Post> = {}): Post =>
  makePost({ id, text, author: { uid: '1', name: 'x', tier: 'gold' }, ...over });

describe('analysePosts background handler', () => {
  const deps = () => ({ getCatalogue: async () => loaded, getThreshold: async () => 3 });

  it('returns each post with its detection and the matched catalogue items in display order', async () => {
    const [a, b] = [loaded.items[0], loaded.items[1]];
    if (!a || !b) throw new Error('catalogue too small');
    const { results } = await analyseBatch(
      { posts: [post('AAAAAAAA1', `种草 ￥${b.tpwd}￥ 还有 ${a.short_url}`), post('BBBBBBBB2', '今天天气真好')] },
      deps(),
    );
    expect(results.map((r) => r.postId)).toEqual(['AAAAAAAA1', 'BBBBBBBB2']);
    expect(results[0]?.items.map((i) => i.item_id)).toEqual([b.item_id, a.item_id]);
    expect(results[0]?.detection.isGuide).toBe(true);
    expect(results[1]?.detection.isGuide).toBe(false);
    expect(results[1]?.items).toEqual([]);
  });

  it('uses the threshold setting', async () => {
    const a = loaded.items[2];
    if (!a) throw new Error('catalogue too small');
    const p = { posts: [post('CCCCCCCC3', `${a.short_title}`, { author: { uid: '1', name: 'x', tier: 'none' } })] };
    const strict = await analyseBatch(p, { ...deps(), getThreshold: async () => 3 });
    const loose = await analyseBatch(p, { ...deps(), getThreshold: async () => 1 });
    expect(strict.results[0]?.detection.isGuide).toBe(false);
    expect(loose.results[0]?.detection.isGuide).toBe(true);
  });

  it('rejects a malformed envelope, and refuses malformed posts one by one, doing nothing else', async () => {
    let loads = 0;
    const counting = {
      getCatalogue: async () => {
        loads++;
        return loaded;
      },
      getThreshold: async () => 3,
    };
    expect(await analyseBatch({ posts: [{ id: 1 }] }, counting)).toEqual({
      results: [],
      refused: [{ index: 0, reason: expect.any(String) }],
    });
    await expect(analyseBatch(null, counting)).rejects.toThrow(/analysePosts: invalid request/);
    expect((await analyseBatch({ posts: [post('D', 'x'.repeat(20_001))] }, counting)).refused).toEqual([
      { index: 0, postId: 'D', reason: expect.stringMatching(/^text/) },
    ]);
    const tooMany = Array.from({ length: 101 }, (_, i) => post(`E${i}`, 'x'));
    await expect(analyseBatch({ posts: tooMany }, counting)).rejects.toThrow(/posts/);
    expect(loads).toBe(0);
  });
});

describe('analyseFeedJson background handler (posts read ahead, as the page JSON text)', () => {
  const deps = () => ({ getCatalogue: async () => loaded, getThreshold: async () => 3 });
  const mblog = (mblogid: string, text: string) => ({
    mblogid,
    text_raw: text,
    user: { idstr: '2001', screen_name: '<b>博主</b>', verified_type: 0 },
  });

  it('reads the asked-for posts from the JSON text; a guide answer names the author and each item’s own link', async () => {
    const a = loaded.items[0];
    if (!a) throw new Error('catalogue too small');
    const json = JSON.stringify([
      mblog('GuideAaa1', `种草 ￥${a.tpwd}￥ 回购第三次 戳 ${a.short_url}`),
      null,
      mblog('PlainBbb2', '今天天气真好'),
      mblog('NotAsked3', `种草 ￥${a.tpwd}￥`),
    ]);
    const { results } = await analyseFeedJson({ ids: ['GuideAaa1', 'PlainBbb2', 'Missing44'], json }, deps());
    expect(results.map((r) => [r.postId, r.detection.isGuide, r.items.map((i) => i.item_id)])).toEqual([
      ['GuideAaa1', true, [a.item_id]],
      ['PlainBbb2', false, []],
    ]);
    expect(results[0]).toMatchObject({ author: { uid: '2001', name: '<b>博主</b>' }, links: [a.short_url] });
    expect(results[1]?.author).toBeUndefined();
    expect(results[1]?.links).toBeUndefined();
    // The detector's references as kinds and ids, in text order, for the post's exposure event.
    expect(results[0]?.references).toEqual([
      { kind: 'tpwd', value: a.tpwd },
      { kind: 'short', value: a.short_url.split('/h.')[1] },
    ]);
    expect(results[1]?.references).toBeUndefined();
    // Nothing of the post itself goes back to the page.
    expect(Object.keys(results[0] ?? {}).sort()).toEqual([
      'author',
      'detection',
      'items',
      'links',
      'matches',
      'postId',
      'references',
    ]);
  });

  it('answers nothing for text that is not a list of posts, and rejects a malformed request clearly', async () => {
    for (const json of ['', '{', '{"mblogid":"GuideAaa1"}', '[1,2,3]'])
      expect(await analyseFeedJson({ ids: ['GuideAaa1'], json }, deps())).toEqual({ results: [] });
    await expect(analyseFeedJson({ ids: [], json: '[]' }, deps())).rejects.toThrow(/analyseFeedJson: invalid request/);
    await expect(analyseFeedJson({ ids: ['x'.repeat(41)], json: '[]' }, deps())).rejects.toThrow(/ids/);
    await expect(analyseFeedJson({ ids: ['A'], json: 'x'.repeat(800_001) }, deps())).rejects.toThrow(/json/);
    await expect(analyseFeedJson({ ids: ['A'], json: [] }, deps())).rejects.toThrow(/json/);
    await expect(analyseFeedJson(null, deps())).rejects.toThrow(/invalid request/);
  });
});
