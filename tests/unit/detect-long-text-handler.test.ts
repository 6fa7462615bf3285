import { beforeAll, describe, expect, it } from 'vitest';
import { generateCatalogue } from '../../utils/catalogue/generate';
import type { LoadedCatalogue } from '../../utils/catalogue/loaded';
import { LONG_TEXT_MAX_CHARS } from '../../utils/feed/long-text';
import { buildCatalogueIndex } from '../../utils/match';
import type { Detection, Post } from '../../utils/types';
import { analyseLongText, handleAnalyseLongText, shouldExpand } from '../../utils/worker/analyse';
import { makePost } from './feed.fixture';

let loaded: LoadedCatalogue;
beforeAll(() => {
  const items = generateCatalogue({ count: 500 });
  loaded = { items, index: buildCatalogueIndex(items) };
});

const deps = () => ({ getCatalogue: async () => loaded, getThreshold: async () => 3 });
const cut = (over: Partial<Post> = {}): Post => ({
  ...makePost({ id: '4645748019299849', site: 'weibo-mobile', text: '今天给姐妹们种草一个回购三次的好物...全文' }),
  truncated: true,
  ...over,
});
const tab = { id: 'ext-id', url: 'https://m.weibo.cn/', tab: { id: 3 } };

describe('which cut posts get their whole text read', () => {
  const detection = (weights: number[]): Detection => ({
    postId: 'x',
    isGuide: false,
    score: 0,
    threshold: 3,
    reasons: weights.map((weight) => ({ code: 'guide-words', weight, detail: '' })),
  });

  it('a cut post whose visible part or author hints at shopping; never a whole, promoted or plain one', () => {
    expect(shouldExpand(cut(), detection([1]))).toBe(true);
    expect(shouldExpand(cut({ author: { uid: '1', name: 'x', tier: 'gold' } }), detection([]))).toBe(true);
    expect(shouldExpand(cut(), detection([]))).toBe(false);
    expect(shouldExpand(cut(), detection([-2]))).toBe(false);
    expect(shouldExpand(cut({ promoted: true }), detection([2]))).toBe(false);
    expect(shouldExpand({ ...cut(), truncated: false }, detection([2]))).toBe(false);
    expect(shouldExpand(makePost(), detection([2]))).toBe(false);
  });
});

describe('analyseLongText background handler', () => {
  it('answers for the whole post: the product named after the fold, and no second ask', async () => {
    const item = loaded.items[3];
    if (!item) throw new Error('catalogue too small');
    const whole = `今天给姐妹们种草一个回购三次的好物<br />就是它：复制 ￥${item.tpwd}￥ 打开淘宝`;
    const { result } = await analyseLongText({ post: cut(), longText: whole }, deps());
    expect(result?.postId).toBe('4645748019299849');
    expect(result?.detection.isGuide).toBe(true);
    expect(result?.items.map((i) => i.item_id)).toContain(item.item_id);
    expect(result?.expand).toBeUndefined();
  });

  it('refuses a bad request before any work', async () => {
    let loads = 0;
    const counting = {
      getCatalogue: async () => {
        loads++;
        return loaded;
      },
      getThreshold: async () => 3,
    };
    const bad: unknown[] = [
      null,
      { post: cut() },
      { post: cut(), longText: '' },
      { post: cut(), longText: 'x'.repeat(LONG_TEXT_MAX_CHARS + 1) },
      { post: { id: 1 }, longText: '全文' },
      { post: cut(), longText: '全文', urlStruct: Array.from({ length: 101 }, () => ({})) },
      { post: cut(), longText: '全文', urlStruct: [{ long_url: 'x'.repeat(200_000) }] },
      { post: cut(), longText: 42 },
    ];
    for (const data of bad) await expect(analyseLongText(data, counting)).rejects.toThrow(/analyseLongText: invalid/);
    expect(loads).toBe(0);
  });

  it('answers only our own content script on a Weibo page', async () => {
    const data = { post: cut(), longText: '种草' };
    const ok = await handleAnalyseLongText(data, tab, 'ext-id', deps());
    expect(ok.result?.postId).toBe('4645748019299849');
    const senders = [
      { ...tab, id: 'other-extension' },
      { id: 'ext-id', url: 'https://m.weibo.cn/' },
      { ...tab, url: 'https://evil.example/' },
      { ...tab, url: 'chrome-extension://ext-id/popup.html' },
    ];
    for (const s of senders)
      await expect(handleAnalyseLongText(data, s, 'ext-id', deps())).rejects.toThrow(/analyseLongText/);
  });
});
