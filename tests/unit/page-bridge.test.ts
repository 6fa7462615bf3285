// @vitest-environment happy-dom
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoPosts } from '@/demo/posts';
import { generateCatalogue } from '@/utils/catalogue/generate';
import { installPageBridge, MBLOG_SHAPE, pick } from '@/utils/feed/bridge';
import { FEED_POSTS_BATCH, PAGE_JSON_MAX_CHARS, requestFeedPosts, requestPageJson } from '@/utils/feed/page-json';
import { postFromMblog, postsFromFeedJson, readMblog } from '@/utils/sites/page-json';

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
  it("hands over the scroller's loaded posts in order, a batch at a time, read in the background", () => {
    const root = scroller(Array.from({ length: 45 }, (_, i) => post(i)));
    const a = requestFeedPosts(root, 0);
    expect(a?.total).toBe(45);
    expect(a?.first).toBe('Post00000');
    expect(a?.ids).toHaveLength(FEED_POSTS_BATCH);
    expect(a?.ids[3]).toBe('Post00003');
    // The posts stay text here; the background reads them, each id once, only those asked for.
    const read = postsFromFeedJson(a?.json ?? '', ['Post00003', 'Post00001', 'Post00003', 'Elsewhere1']);
    expect(read.map((p) => [p.id, p.text, p.author.uid])).toEqual([
      ['Post00001', '第1条', '1001'],
      ['Post00003', '第3条', '1001'],
    ]);
    const b = requestFeedPosts(root, FEED_POSTS_BATCH);
    expect(b?.from).toBe(FEED_POSTS_BATCH);
    const rest = Array.from({ length: 45 - FEED_POSTS_BATCH }, (_, i) => post(i + FEED_POSTS_BATCH).mblogid);
    expect(b?.ids).toEqual(rest);
    expect(postsFromFeedJson(b?.json ?? '', rest).map((p) => p.id)).toEqual(rest);
    expect(requestFeedPosts(root, 45)?.ids).toEqual([]);
  });

  it('unwraps list entries that hold the post, and leaves odd or oversized entries without an id', () => {
    const cyclic: Record<string, unknown> = { mblogid: 'Cyclic01' };
    // A cycle through a field the reader uses (one elsewhere is never walked: see the next describe).
    cyclic.text_raw = cyclic;
    const huge = { mblogid: 'HugePost1', text_raw: 'x'.repeat(PAGE_JSON_MAX_CHARS) };
    const root = scroller([{ data: post(1) }, 'text', null, cyclic, huge, post(2)]);
    const a = requestFeedPosts(root, 0);
    expect(a?.ids).toEqual(['Post00001', '', '', '', '', 'Post00002']);
    expect(
      postsFromFeedJson(a?.json ?? '', ['Post00001', 'Post00002', 'Cyclic01', 'HugePost1']).map((p) => p.id),
    ).toEqual(['Post00001', 'Post00002']);
  });

  it('answers nothing where there is no list, and the content side rejects forged answers', () => {
    const root = scroller('not a list');
    expect(requestFeedPosts(root, 0)).toBeUndefined();
    uninstall();
    const forge = (detail: unknown) => (e: Event) =>
      (e.target as Element).dispatchEvent(new CustomEvent('zc:feed-posts', { detail }));
    const forged = [
      '{',
      '{"total":1,"from":0,"ids":[]}',
      '{"total":-1,"from":0,"ids":[]}\n[]',
      '{"total":1,"from":0}\n[]',
      '{"total":1,"from":0,"ids":{}}\n[]',
      42,
      `{"total":1,"from":0,"ids":[]}\n${'x'.repeat(PAGE_JSON_MAX_CHARS * 2)}`,
    ];
    for (const detail of forged) {
      const handler = forge(detail);
      document.addEventListener('zc:want-feed-posts', handler);
      expect(requestFeedPosts(root, 0)).toBeUndefined();
      document.removeEventListener('zc:want-feed-posts', handler);
    }
    // Ids that are not strings, or too long for a post id, name no post.
    const handler = forge(`{"total":3,"from":0,"first":"A1234","ids":[7,"${'x'.repeat(41)}","A1234"]}\n[]`);
    document.addEventListener('zc:want-feed-posts', handler);
    expect(requestFeedPosts(root, 0)).toEqual({
      total: 3,
      from: 0,
      first: 'A1234',
      ids: ['', '', 'A1234'],
      json: '[]',
    });
    document.removeEventListener('zc:want-feed-posts', handler);
  });

  it('reads no posts from page JSON text that is not a list of posts', () => {
    for (const json of ['', '{', 'null', '{"mblogid":"Post00001"}', '"[]"', '[1,"x",null,[]]'])
      expect(postsFromFeedJson(json, ['Post00001'])).toEqual([]);
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

describe('the bridge hands over only the fields the reader uses', () => {
  const catalogue = generateCatalogue();
  const demo = generateDemoPosts({ seed: 20261124, count: 2400, catalogue });
  /** What crosses the bridge: a JSON round trip, whole or cut down. */
  const whole = (p: unknown) => JSON.parse(JSON.stringify(p)) as unknown;
  const cut = (p: unknown) => JSON.parse(JSON.stringify(pick(p, MBLOG_SHAPE))) as unknown;

  it('reads the same 2,400 demo posts from the cut-down JSON as from the whole', () => {
    let guides = 0;
    let reposts = 0;
    for (const p of demo) {
      const a = postFromMblog(whole(p));
      expect(a).not.toBeNull();
      expect(postFromMblog(cut(p))).toEqual(a);
      expect(readMblog(cut(p))).toEqual(readMblog(whole(p)));
      if (a?.links.some((l) => l.product)) guides++;
      if (a?.repost) reposts++;
    }
    // The demo covers what the shape has to keep: links, reposts, pictures, counts, promoted posts.
    expect(guides).toBeGreaterThan(100);
    expect(reposts).toBeGreaterThan(100);
    const bytes = (f: (p: unknown) => unknown) => demo.reduce((n, p) => n + JSON.stringify(f(p)).length, 0);
    expect(bytes((p) => pick(p, MBLOG_SHAPE))).toBeLessThan(bytes((p) => p) * 0.6);
  });

  it('keeps values of unexpected kinds as they are, for the reader to refuse', () => {
    const odd = {
      mblogid: 'OddPost1',
      text_raw: '<img src=x onerror=alert(1)>',
      user: 'not an object',
      url_struct: { long_url: 'https://m.tb.cn/h.x' },
      pic_infos: ['x'],
      retweeted_status: { mblogid: 'Inner1', user: [1, 2], url_struct: [null, 7, { short_url: 'http://t.cn/A' }] },
      extra: { huge: 'x'.repeat(1000) },
    };
    expect(cut(odd)).toEqual(whole({ ...odd, extra: undefined }));
    expect(postFromMblog(cut(odd))).toEqual(postFromMblog(whole(odd)));
  });
});

// Real posts as Weibo served them (../shared/real-weibo, beside the project root; not part of the repository).
const REAL = path.resolve(import.meta.dirname, '../../../shared/real-weibo');
const haveReal = fs.existsSync(path.join(REAL, 'mblogs.json'));
if (!haveReal) console.warn(`[page-bridge.test] ${REAL} is absent: the real-Weibo bridge tests are skipped`);

describe.skipIf(!haveReal)('the bridge on real Weibo JSON (../shared/real-weibo)', () => {
  const whole = (p: unknown) => JSON.parse(JSON.stringify(p)) as unknown;
  const cut = (p: unknown) => JSON.parse(JSON.stringify(pick(p, MBLOG_SHAPE))) as unknown;
  const records = (haveReal ? JSON.parse(fs.readFileSync(path.join(REAL, 'mblogs.json'), 'utf8')) : []) as {
    key: string;
    mblog: Record<string, unknown>;
  }[];

  it('reads every real post (m.weibo.cn and weibo.com) the same from the cut-down JSON as from the whole', () => {
    expect(records.length).toBeGreaterThan(40);
    for (const { key, mblog } of records) {
      expect(readMblog(cut(mblog)), key).toEqual(readMblog(whole(mblog)));
      expect(postFromMblog(cut(mblog)), key).toEqual(postFromMblog(whole(mblog)));
    }
  });

  it("keeps m.weibo.cn's own fields and Weibo's commerce and ad markers", () => {
    const mobile = records.find((r) => typeof r.mblog.bid === 'string' && r.mblog.isLongText === true)?.mblog;
    const kept = cut(mobile) as Record<string, unknown>;
    for (const k of ['bid', 'mid', 'id', 'text', 'isLongText', 'user']) expect(kept, k).toHaveProperty(k);
    const marked = cut({
      mblogid: 'MarkPost1',
      content_auth: 5,
      mblogtype: 1,
      promotion: { recommend: '热推', adtype: 8, monitor_url: ['x'] },
      url_struct: [
        {
          short_url: 'http://t.cn/A6x',
          object_type: 'product',
          url_type_pic: 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_buy_default.png',
          actionlog: { oid: '1022:100120shop_sc_weibo', act_code: 300, uuid: 'x' },
        },
      ],
      pics: [
        {
          pid: 'p1',
          url: 'https://wx1.sinaimg.cn/orj360/p1.jpg',
          large: { url: 'https://wx1.sinaimg.cn/large/p1.jpg', geo: {} },
        },
      ],
      page_info: {
        type: 'webpage',
        page_url: 'https://m.weibo.cn/p/x',
        page_title: '店',
        url_ori: 'http://t.cn/A6y',
        media_info: {},
      },
    });
    expect(marked).toEqual({
      mblogid: 'MarkPost1',
      content_auth: 5,
      mblogtype: 1,
      promotion: { recommend: '热推', adtype: 8 },
      url_struct: [
        {
          short_url: 'http://t.cn/A6x',
          object_type: 'product',
          url_type_pic: 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_buy_default.png',
          actionlog: { oid: '1022:100120shop_sc_weibo' },
        },
      ],
      pics: [{ url: 'https://wx1.sinaimg.cn/orj360/p1.jpg', large: { url: 'https://wx1.sinaimg.cn/large/p1.jpg' } }],
      page_info: { type: 'webpage', page_url: 'https://m.weibo.cn/p/x', page_title: '店', url_ori: 'http://t.cn/A6y' },
    });
  });

  it("hands over a real getIndex list's cards keyed by mid, the id the m.weibo.cn reader uses", () => {
    const answer = JSON.parse(fs.readFileSync(path.join(REAL, 'raw', 'bison__weibo_ak_list_0.json'), 'utf8')) as {
      data: { cards: { card_type: number; mblog?: { mid: string } }[] };
    };
    const cards = answer.data.cards;
    document.body.innerHTML = '<div class="main-wrap"><div class="card m-panel card9"></div></div>';
    const root = document.querySelector('.main-wrap') as Element;
    Object.defineProperty(root, '__vue__', { value: { cards } });
    uninstall = installPageBridge(document);
    const a = requestFeedPosts(root, 0);
    const mids = cards.map((c) => (c.card_type === 9 ? (c.mblog?.mid ?? '') : ''));
    expect(mids.filter(Boolean).length).toBeGreaterThan(5);
    expect(a?.ids).toEqual(mids);
    expect(a?.first).toBe(mids[0]);
    const handed = JSON.parse(a?.json ?? '[]') as { mid: string; text: string }[];
    expect(handed.map((p) => p.mid)).toEqual(mids);
    expect(handed[0]?.text).toContain('surl-text');
  });
});
