import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readJsonValues } from '../../scripts/analyse/inputs';
import { streamJsonArray } from '../../scripts/analyse/json-array-stream';
import type { Row } from '../../scripts/analyse/row';
import { main, midFromFileName } from '../../scripts/analyse/run';
import { SeenSet } from '../../scripts/analyse/seen-set';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { midToBid } from '../../utils/sites/weibo-id';

// Each case runs the whole command on files; on a loaded machine that can take seconds.
vi.setConfig({ testTimeout: 30_000 });

/** The command's core with stdout and stderr caught in memory. */
async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        add(String(chunk));
        cb();
      },
    });
  const code = await main(argv, {
    stdout: sink((s) => {
      out += s;
    }),
    stderr: sink((s) => {
      err += s;
    }),
  });
  const rows = out.startsWith('Usage') || out.startsWith('\uFEFF') ? [] : out.split('\n').filter(Boolean);
  return { code, out, err, rows: rows.map((l) => JSON.parse(l) as Row) };
}

const item = generateCatalogue()[0]!;

/** A weibo.com post object (`mblogid`, `text_raw`), as `ajax/feed` and `ajax/statuses` answer with. */
function pcPost(bid: string, mid: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    mblogid: bid,
    mid,
    idstr: mid,
    text_raw: text,
    user: { idstr: `1${mid.slice(-9)}`, screen_name: `作者${bid}`, verified_type: -1 },
    ...extra,
  };
}

const guide = pcPost('GuideAbc1', '4700000000000001', `刚入手${item.short_title}，复制￥${item.tpwd}￥打开淘宝`, {
  url_struct: [{ short_url: 'http://t.cn/A6abcdef', long_url: item.item_url, url_title: '网页链接' }],
});
const plain = (n: number) => pcPost(`Plain${n}abc`, `47000000000001${String(n).padStart(2, '0')}`, `今天天气不错 ${n}`);

let dir = '';
const at = (name: string) => join(dir, name);
const write = (name: string, value: unknown) => {
  writeFileSync(at(name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return at(name);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'analyse-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run analyse: input shapes', () => {
  it('prints its usage with --help and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: npm run analyse/);
    expect(r.out).toContain('--catalogue');
  });

  it('refuses a call without files or with an unknown option (exit 2)', async () => {
    expect((await run()).code).toBe(2);
    const r = await run('--frobnicate', 'x.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('frobnicate');
  });

  it('reads every answer shape a researcher may have saved, and finds the posts inside', async () => {
    const files = [
      // m.weibo.cn getIndex: posts under cards[].mblog, and in a card_group.
      write('getindex.json', {
        ok: 1,
        data: {
          cards: [
            { card_type: 9, mblog: plain(1) },
            {
              card_type: 11,
              card_group: [
                { card_type: 9, mblog: plain(2) },
                { card_type: 4, desc: '推荐' },
              ],
            },
          ],
        },
      }),
      write('show.json', { ok: 1, data: plain(3) }),
      write('feed.json', { ok: 1, statuses: [plain(4)] }),
      write('feed-data.json', { ok: 1, data: { statuses: [plain(5)], list: [plain(6)] } }),
      write('statuses-show.json', plain(7)),
      write('array.json', [plain(8), plain(9)]),
      write('records.json', [{ key: 'k', api: 'x', mblog: plain(10) }]),
      write('mixed.ndjson', `${JSON.stringify(plain(11))}\n${JSON.stringify({ ok: 1, statuses: [plain(12)] })}\n`),
    ];
    const r = await run(...files);
    expect(r.err).not.toMatch(/no posts|not JSON/);
    expect(r.code).toBe(0);
    expect(r.rows.map((x) => x.post_id)).toEqual(Array.from({ length: 12 }, (_, i) => plain(i + 1).mblogid));
    expect(r.err).toMatch(/8 files read, 0 not; 12 posts, 0 guides, 0 skipped/);
  });

  it('tells NDJSON from JSON by content when the name does not say, even with a first line over 1 MB', async () => {
    const f = write('lines.json', `${JSON.stringify(plain(13))}\n${JSON.stringify(plain(14))}\n`);
    const r = await run(f);
    expect(r.rows.map((x) => x.mid)).toEqual([plain(13).mid, plain(14).mid]);
    const long = { ...plain(15), text_raw: '长'.repeat(600_000) };
    const g = write('long-first-line.json', `${JSON.stringify(long)}\n${JSON.stringify(plain(16))}\n`);
    expect((await run(g)).rows.map((x) => x.mid)).toEqual([plain(15).mid, plain(16).mid]);
  });
});

describe('npm run analyse: what a row says', () => {
  it('finds a guide post, its links, references and catalogue item', async () => {
    const r = await run(write('guide.json', [guide]));
    const row = r.rows[0]!;
    expect(row).toMatchObject({ post_id: 'GuideAbc1', mid: '4700000000000001', is_guide: true, promoted: false });
    expect(row.author).toEqual({ uid: '1000000001', name: '作者GuideAbc1', tier: 'none' });
    expect(row.links).toEqual([{ url: item.item_url, kind: 'item' }]);
    expect(row.references).toEqual(
      expect.arrayContaining([
        { kind: 'tpwd', value: item.tpwd },
        { kind: 'item', value: item.item_id },
      ]),
    );
    expect(row.item_ids).toEqual([item.item_id]);
    expect(row.reasons.map((x) => x.code)).toContain('tpwd');
    expect(row.reasons.every((x) => typeof x.text === 'string' && x.text.length > 0)).toBe(true);
    expect(row.score).toBeGreaterThanOrEqual(3);
    expect(row.truncated).toBe(false);
    expect(row.repost).toBeNull();
    expect(r.err).toMatch(/1 posts, 1 guides/);
  });

  it('takes another guide threshold with --threshold, and refuses one that is not a number', async () => {
    const f = write('guide-threshold.json', [guide]);
    const strict = await run('--threshold', '100', f);
    expect(strict.rows[0]).toMatchObject({ is_guide: false, item_ids: [] });
    expect(strict.rows[0]!.references).toContainEqual({ kind: 'tpwd', value: item.tpwd });
    const bad = await run('--threshold', 'high', f);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--threshold must be a number/);
  });

  it('gives each kind of shopping reference the value that names it', async () => {
    const text =
      '合集：https://s.click.taobao.com/AbCd123 https://m.tb.cn/h.5XyZ9Ab ' +
      'https://uland.taobao.com/coupon/edetail?itemId=612345678901 https://shop123456.taobao.com/ ' +
      'https://detail.tmall.com/item.htm?id=598765432101 ₳Qw3rTy7uIo2₳';
    const r = await run(write('refs.json', [pcPost('RefsAbc12', '4700000000000007', text)]));
    expect(r.rows[0]!.references).toEqual([
      { kind: 'affiliate', value: 'AbCd123' },
      { kind: 'short', value: '5XyZ9Ab' },
      { kind: 'coupon', value: '612345678901' },
      { kind: 'shop', value: 'shop123456.taobao.com' },
      { kind: 'item', value: '598765432101' },
      { kind: 'tpwd', value: 'Qw3rTy7uIo2' },
    ]);
  });

  it('names the quoted post and its author on a repost, without a row for the quoted post', async () => {
    const repost = pcPost('Repost123', '4700000000000002', '转发微博', {
      retweeted_status: { ...guide, user: { idstr: '2000000002', screen_name: '原作者', verified_type: 0 } },
    });
    const r = await run(write('repost.json', [repost]));
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.repost).toEqual({
      post_id: 'GuideAbc1',
      author: { uid: '2000000002', name: '原作者', tier: expect.any(String) },
    });
  });

  it('matches against another catalogue with --catalogue, and stops on one it cannot use (exit 2)', async () => {
    const other = { ...item, item_id: '123456789', item_url: 'https://item.taobao.com/item.htm?id=123456789' };
    const cat = write('items.json', [other]);
    const post = pcPost('OtherCat1', '4700000000000003', `好物 ${other.short_title} ￥${other.tpwd}￥`);
    const r = await run('--catalogue', cat, write('other.json', [post]));
    expect(r.rows[0]!.item_ids).toEqual(['123456789']);
    const bad = await run('--catalogue', write('bad-items.json', [{ item_id: 'x' }]), write('o2.json', [post]));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/catalogue .*bad-items\.json: no usable items/);
    expect((await run('--catalogue', at('missing-items.json'), at('o2.json'))).err).toMatch(/no such file/);
  });

  it('reads a Taobao Union API answer as the catalogue, as the dashboard imports it', async () => {
    const cat = resolve(import.meta.dirname, '../fixtures/catalogue/tbk-material-optional.json');
    const post = pcPost('TbkPost12', '4700000000000008', '好物推荐 https://s.click.taobao.com/Wm7KpQr');
    const r = await run('--catalogue', cat, write('tbk.json', [post]));
    expect(r.err).toMatch(/tbk-material-optional\.json: 2 items \(tbk-api-json\), \d+ rows refused/);
    expect(r.rows[0]).toMatchObject({ is_guide: true, item_ids: ['700000000001'] });
  });

  it('writes each post once across files, and each time with --no-dedupe', async () => {
    const a = write('dup-a.json', [plain(20), plain(21)]);
    const b = write('dup-b.ndjson', `${JSON.stringify(plain(21))}\n${JSON.stringify(plain(22))}\n`);
    const r = await run(a, b);
    expect(r.rows.map((x) => x.post_id)).toEqual(['Plain20abc', 'Plain21abc', 'Plain22abc']);
    expect(r.err).toContain('1 repeats dropped');
    expect((await run('--no-dedupe', a, b)).rows).toHaveLength(4);
  });
});

describe('npm run analyse: long posts', () => {
  const cut = pcPost('LongPost1', '4700000000000004', '开头一段，后面还有……', { isLongText: true });
  const otherCut = pcPost('LongPost2', '4700000000000005', '另一篇长文的开头', { isLongText: true });

  it('gives a cut post its whole text from a long-text answer named after its mid, wherever the answer is listed', async () => {
    const list = write('long-list.json', { ok: 1, data: { cards: [{ mblog: cut }, { mblog: otherCut }] } });
    const extend = write('weibo_detail_4700000000000004', {
      ok: 1,
      data: { ok: 1, longTextContent: `开头一段，后面还有<br />${item.short_title} ￥${item.tpwd}￥` },
    });
    const r = await run(list, extend);
    expect(r.code).toBe(0);
    const [whole, stillCut] = r.rows;
    expect(whole).toMatchObject({ post_id: 'LongPost1', truncated: false, is_guide: true, item_ids: [item.item_id] });
    expect(whole!.text).toContain(`\n${item.short_title}`);
    expect(stillCut).toMatchObject({ post_id: 'LongPost2', truncated: true });
    expect(r.err).toMatch(/2 files read, 0 not; 2 posts, 1 guides.* 1 of 1 long texts used/);
  });

  it('expands the t.cn links of a weibo.com longtext answer named by the post id', async () => {
    const mid = '4700000000000006';
    const pc = pcPost(midToBid(mid)!, mid, '长文开头……', { isLongText: true });
    const answer = {
      ok: 1,
      data: {
        longTextContent: `长文开头，全文里才说：${item.short_title} http://t.cn/A6zzzzzz`,
        url_struct: [{ short_url: 'http://t.cn/A6zzzzzz', long_url: item.item_url, url_title: '网页链接' }],
      },
    };
    const r = await run(
      write('pc-long.json', { ok: 1, data: { list: [pc] } }),
      write(`longtext_${pc.mblogid}.json`, answer),
    );
    expect(r.rows[0]).toMatchObject({ truncated: false, is_guide: true, item_ids: [item.item_id] });
    expect(r.rows[0]!.links).toEqual([{ url: item.item_url, kind: 'item' }]);
    expect(r.rows[0]!.text).toContain('网页链接');
  });

  it('uses the whole text a statuses/show answer carries beside its post', async () => {
    const show = { ok: 1, data: { ...cut, longText: { longTextContent: '开头一段，后面还有全文' } } };
    const r = await run(write('show-long.json', show));
    expect(r.rows[0]).toMatchObject({ text: '开头一段，后面还有全文', truncated: false });
  });

  it('says so when a long-text answer names no post', async () => {
    const r = await run(write('extend.json', { ok: 1, data: { longTextContent: '全文' } }), at('long-list.json'));
    expect(r.err).toMatch(/extend\.json: a long-text answer whose file name does not end in its post's mid/);
    expect(r.code).toBe(0);
  });

  it('takes the mid from the end of a file name only', () => {
    expect(midFromFileName('raw/bison__weibo_detail_4645748019299849')).toBe('4645748019299849');
    expect(midFromFileName('longtext-4645748019299849.json')).toBe('4645748019299849');
    expect(midFromFileName('longtext_Kjc77D1jz.json')).toBe('4645748019299849');
    expect(midFromFileName('weibo_ak_list_0.json')).toBeNull();
    expect(midFromFileName('my_statuses.json')).toBeNull();
  });
});

describe('npm run analyse: files it cannot read', () => {
  it('names each unreadable file with its reason and goes on with the others (exit 0)', async () => {
    mkdirSync(at('a-directory'), { recursive: true });
    const r = await run(
      write('broken.json', '{"ok": 1, "data": {'),
      write('empty.json', ''),
      write('text.json', 'hello'),
      write('no-posts.json', { ok: 1, data: { cards: [] } }),
      at('a-directory'),
      at('missing.json'),
      write('good.json', [plain(30)]),
    );
    expect(r.code).toBe(0);
    expect(r.rows.map((x) => x.post_id)).toEqual(['Plain30abc']);
    expect(r.err).toMatch(/broken\.json: not JSON/);
    expect(r.err).toMatch(/empty\.json: empty file/);
    expect(r.err).toMatch(/text\.json: not JSON/);
    expect(r.err).toMatch(/no-posts\.json: no posts found/);
    expect(r.err).toMatch(/a-directory: is a directory/);
    expect(r.err).toMatch(/missing\.json: no such file/);
    expect(r.err).toMatch(/1 files read, 6 not; 1 posts/);
  });

  it('exits 1 when no file could be read', async () => {
    const r = await run(at('missing.json'), at('broken.json'));
    expect(r.code).toBe(1);
    expect(r.rows).toEqual([]);
  });

  it('skips a broken NDJSON line or post and counts it, keeping the rest', async () => {
    const f = write(
      'some-bad.ndjson',
      [
        JSON.stringify(plain(31)),
        '{"mblogid": "Trunc',
        JSON.stringify({ mblogid: 'Bad0000000000000000000', text_raw: 'x' }),
        'null',
        JSON.stringify(plain(32)),
      ].join('\n'),
    );
    const r = await run(f);
    expect(r.code).toBe(0);
    expect(r.rows.map((x) => x.post_id)).toEqual(['Plain31abc', 'Plain32abc']);
    expect(r.err).toMatch(/some-bad\.ndjson: 1 lines not JSON \(first at line 2\), skipped/);
    expect(r.err).toMatch(/skipped Bad0+: not a post the reader understands/);
    expect(r.err).toMatch(/2 posts, 0 guides, 2 skipped/);
  });

  it('never crashes on odd shapes', async () => {
    const odd = [
      null,
      1,
      'x',
      [],
      {},
      { mblog: null },
      { data: { cards: [{ mblog: { mblogid: 'Odd1', text_raw: 5 } }] } },
    ];
    const r = await run(write('odd.json', odd), write('deep.json', JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`)));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/odd\.json: no posts found/);
  });
});

describe('npm run analyse when its reader goes away', () => {
  it('stops reading once stdout is closed (`| head`), and still exits 0', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify(plain(i % 100))
        .replace(/Plain\d+abc/, `P${String(i).padStart(8, '0')}`)
        .replace(/"47000000000001\d\d"/g, `"${4800000000000000 + i}"`),
    );
    const f = write('many.ndjson', `${lines.join('\n')}\n`);
    let err = '';
    let writes = 0;
    const code = await main([f], {
      stdout: new Writable({
        write(_chunk, _enc, cb) {
          writes++;
          const e = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
          cb(e);
        },
      }),
      stderr: new Writable({
        write(chunk, _enc, cb) {
          err += String(chunk);
          cb();
        },
      }),
    });
    expect(code).toBe(0);
    expect(writes).toBe(1);
    const posts = Number(/; (\d+) posts/.exec(err)?.[1]);
    expect(posts).toBeGreaterThan(0);
    expect(posts).toBeLessThan(3000);
    expect(err).not.toMatch(/EPIPE/);
  });
});

describe('npm run analyse --csv', () => {
  it('writes one CSV row per post with quoting and spreadsheet formulas defused', async () => {
    const tricky = pcPost('Csv1abcde', '4700000000000040', '第一行, 有逗号\n"引号"', {
      user: { idstr: '3000000003', screen_name: '=HYPERLINK("http://x")', verified_type: -1 },
    });
    const r = await run('--csv', write('csv.json', [tricky, guide]));
    expect(r.out.startsWith('\uFEFF')).toBe(true);
    const lines = r.out.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'post_id,mid,author_uid,author_name,author_tier,text,links,is_guide,score,reasons,references,item_ids,promoted,' +
        'truncated,repost_post_id,repost_author_uid,repost_author_name,repost_author_tier',
    );
    expect(lines[1]).toBe(
      'Csv1abcde,4700000000000040,3000000003,"\'=HYPERLINK(""http://x"")",none,"第一行, 有逗号\n""引号""",,false,0,,,,false,false,,,,',
    );
    expect(lines[2]).toContain(`tpwd:${item.tpwd}`);
    expect(lines[2]).toContain(`item ${item.item_url}`);
    expect(lines[2]).toMatch(/,true,\d+(\.\d+)?,/);
    expect(lines[3]).toBe('');
  });

  it('flattens a repost into its own columns', async () => {
    const repost = pcPost('CsvRepost', '4700000000000041', '转发', {
      retweeted_status: { ...guide, user: { idstr: '2000000002', screen_name: '原作者', verified_type: -1 } },
    });
    const r = await run('--csv', write('csv-repost.json', [repost]));
    const [head, row] = r.out.slice(1).split('\r\n');
    const cells = row!.split(',');
    const col = (name: string) => cells[head!.split(',').indexOf(name)];
    expect(col('repost_post_id')).toBe('GuideAbc1');
    expect(col('repost_author_uid')).toBe('2000000002');
    expect(col('repost_author_name')).toBe('原作者');
    expect(col('repost_author_tier')).toBe('none');
  });
});

describe('streaming', () => {
  it('streams a large top-level array element by element, across chunk boundaries', async () => {
    const posts = Array.from({ length: 300 }, (_, i) =>
      pcPost(`Stream${i}`, String(4700000000100000 + i), `第${i}条 ] } [ { , "引号" \\ 反斜杠 ${'字'.repeat(200)}`),
    );
    const f = write('big-array.json', JSON.stringify(posts));
    const seen: unknown[] = [];
    const r = await readJsonValues(f, (v) => void seen.push(v), 1024);
    expect(r).toMatchObject({ ok: true, mode: 'json-array-stream', values: 300, bad: 0 });
    expect(seen).toEqual(posts);
  });

  it('skips a broken or oversized element and says when the array never closes', async () => {
    const f = write('odd-array.json', ` [1, {"a": "}"}, nope, "${'x'.repeat(100)}", [2, [3]]`);
    const got: unknown[] = [];
    const r = await streamJsonArray(f, (v) => void got.push(v), 50);
    expect(got).toEqual([1, { a: '}' }, [2, [3]]]);
    expect(r).toMatchObject({ values: 3, bad: 2, error: 'the file ends before its array closes' });
  });

  it('refuses a large JSON object, saying how to make NDJSON of it', async () => {
    const f = write('big-object.json', { ok: 1, data: { cards: [{ mblog: plain(40) }, { mblog: plain(41) }] } });
    const r = await readJsonValues(f, () => {}, 64);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/NDJSON.*jq -c/);
  });

  it('dedupes exactly, and within its bound once the bound is passed', () => {
    const s = new SeenSet(1000);
    for (let i = 0; i < 1000; i++) expect(s.seen(`${4700000000000000 + i}`)).toBe(false);
    for (let i = 0; i < 1000; i++) expect(s.seen(`${4700000000000000 + i}`)).toBe(true);
    // A new generation starts: the last full generation is still remembered, older ones are forgotten.
    for (let i = 1000; i < 3001; i++) s.seen(`${4700000000000000 + i}`);
    expect(s.seen(`${4700000000000000 + 2500}`)).toBe(true);
    expect(s.seen(`${4700000000000000 + 5}`)).toBe(false);
    expect(s.bytes).toBeLessThan(64 * 1024);
  });
});

// Real Weibo data beside the project root (../shared/real-weibo); read in place, never copied in.
const REAL = resolve(import.meta.dirname, '../../../shared/real-weibo');
const hasReal = existsSync(join(REAL, 'mblogs.json'));
if (!hasReal) console.warn(`analyse-cli: ${REAL} is absent, the real-data tests are skipped`);

describe.skipIf(!hasReal)('npm run analyse on real Weibo data (../shared/real-weibo)', () => {
  it('reads all 46 posts of mblogs.json and the quoted author of every repost', async () => {
    const r = await run(join(REAL, 'mblogs.json'));
    expect(r.code).toBe(0);
    expect(r.rows).toHaveLength(46);
    expect(r.err).toMatch(/1 files read, 0 not; 46 posts, 0 guides, 0 skipped/);
    const reposts = r.rows.filter((x) => x.repost);
    expect(reposts).toHaveLength(6);
    for (const x of reposts) {
      expect(x.repost!.post_id).toMatch(/^[A-Za-z0-9]{9}$/);
      expect(x.repost!.author?.uid).toMatch(/^\d+$/);
    }
    const ad = r.rows.find((x) => x.post_id === 'JyTzYa84k');
    expect(ad).toMatchObject({ promoted: true, is_guide: false });
    expect(r.rows.find((x) => x.post_id === 'K3fnuEfZK')?.repost?.author?.tier).toBe('gold');
    for (const x of r.rows) {
      expect(x.mid).toMatch(/^\d{16}$/);
      expect(x.author.uid).toMatch(/^\d+$/);
    }
    // A celebrity's tier alone never explains a post.
    expect(r.rows.filter((x) => x.reasons.length > 0 && x.reasons.every((y) => y.code === 'author-tier'))).toEqual([]);
  });

  it('names the 淘口令 core and short-link token of every real share text posted on m.weibo.cn', async () => {
    const samples = (
      JSON.parse(readFileSync(join(REAL, 'shopping-samples.json'), 'utf8')) as {
        tpwd: { text: string; expect: { core?: string; token?: string } }[];
      }
    ).tpwd;
    const html = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const lines = samples.map((x, i) => {
      const mid = String(4900000000000000 + i);
      const mblog = { bid: midToBid(mid), mid, text: html(x.text), user: { id: 100 + i, screen_name: `u${i}` } };
      return JSON.stringify({ card_type: 9, mblog });
    });
    const r = await run(write('share-texts.ndjson', `${lines.join('\n')}\n`));
    expect(r.rows).toHaveLength(samples.length);
    samples.forEach((x, i) => {
      const refs = r.rows[i]!.references;
      if (x.expect.core) expect(refs, x.text).toContainEqual({ kind: 'tpwd', value: x.expect.core });
      if (x.expect.token) expect(refs, x.text).toContainEqual({ kind: 'short', value: x.expect.token });
    });
  });

  it('reads the raw m.weibo.cn answers once each, with whole text where the extend answer is there', async () => {
    const raw = join(REAL, 'raw');
    const r = await run(...readdirSync(raw).map((f) => join(raw, f)));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /5 files read, 0 not; 22 posts, 0 guides, 0 skipped, 10 repeats dropped, 2 of 2 long texts used/,
    );
    const byId = new Map(r.rows.map((x) => [x.post_id, x]));
    expect(byId.size).toBe(22);
    for (const id of ['Kjc77D1jz', 'Kkzwhj69V']) {
      expect(byId.get(id)?.truncated, id).toBe(false);
      expect(byId.get(id)?.text, id).not.toMatch(/<[a-z]|全文$/);
    }
    expect(byId.get('Kjc77D1jz')?.text).toContain('Ambience Synesthesia');
    for (const id of ['KjOcXC8QD', 'KjxuDiFJX', 'KjvJl6r9R', 'KjnFx7Z6W', 'KgV9HcUPR']) {
      expect(byId.get(id)?.truncated, id).toBe(true);
    }
    // The quoted post KnovekeJb appears only inside a repost: it is named there, not written as a row.
    expect(byId.has('KnovekeJb')).toBe(false);
    expect(byId.get('KnowibLCw')?.repost?.post_id).toBe('KnovekeJb');
  });
});
