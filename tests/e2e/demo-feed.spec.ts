import type { BrowserContext, Page } from '@playwright/test';
import { loadTruth } from '../../demo/serve';
import { expect, test } from './fixtures';

/**
 * The demo feed must behave like weibo.com where it matters to a content script: recycled nodes, rewritten
 * timestamps, infinite loading, in-place patching, working buttons, and hostile text that stays text.
 */

async function openFeed(
  context: BrowserContext,
  url = 'https://weibo.com/',
): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const page = context.pages()[0] ?? (await context.newPage());
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, dialogs, errors };
}

interface Seen {
  id: string;
  text: string;
  name: string;
  nameTitle: string;
  /** Elements that only exist if page text was parsed as HTML. */
  injected: number;
}

/**
 * Scrolls the feed inside the page (round trips are slow on a loaded machine), a bit more than a viewport per
 * step, recording every post that gets rendered, until `want` distinct posts were seen or `maxSteps` ran out.
 */
async function sweep(page: Page, want: number, maxSteps = 800): Promise<Seen[]> {
  return page.evaluate(
    async ([want, maxSteps]) => {
      const seen = new Map<string, Seen>();
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (let step = 0; step < maxSteps && seen.size < want; step++) {
        for (const view of document.querySelectorAll('.vue-recycle-scroller__item-view')) {
          if ((view as HTMLElement).style.transform.includes('-9999')) continue;
          const a = view.querySelector('article');
          const link = a?.querySelector('a[class*="_time_"]') as HTMLAnchorElement | null;
          const id = link?.href.split('/').pop() ?? '';
          if (!a || !id || seen.has(id)) continue;
          const name = a.querySelector('header a[usercard] span[title]');
          seen.set(id, {
            id,
            text: (a.querySelector('[class*="_wbtext_"]')?.textContent ?? '').slice(0, 400),
            name: name?.textContent ?? '',
            nameTitle: name?.getAttribute('title') ?? '',
            injected: a.querySelectorAll(
              'script, iframe, style, svg, [onerror], [onload], img:not(.woo-avatar-img):not(.icon-link):not(.woo-picture-img)',
            ).length,
          });
        }
        const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
        window.scrollBy(0, window.innerHeight + 200);
        await frame();
        // At the end of what is loaded: give the next page's fetch a moment.
        if (atBottom) await new Promise((r) => setTimeout(r, 50));
      }
      return [...seen.values()];
      interface Seen {
        id: string;
        text: string;
        name: string;
        nameTitle: string;
        injected: number;
      }
    },
    [want, maxSteps] as const,
  );
}

test.describe('demo feed served as weibo.com', () => {
  test('an item-view node is recycled for another post, patched in place, keeping foreign children', async ({
    plainContext,
  }) => {
    const { page, errors } = await openFeed(plainContext);
    await expect(page.locator('.vue-recycle-scroller__item-view article').first()).toBeVisible();
    const before = await page.evaluate(() => {
      const view = document.querySelector('.vue-recycle-scroller__item-view') as HTMLElement & { __zcTag?: string };
      const article = view.querySelector('article') as HTMLElement & { __zcTag?: string };
      view.__zcTag = 'tagged';
      article.__zcTag = 'tagged';
      // What an extension does: a child the page did not create.
      article.append(document.createElement('zhongcao-cards'));
      return (article.querySelector('a[class*="_time_"]') as HTMLAnchorElement).href;
    });
    // Scroll until the tagged view is live again, showing something else (it may sit parked for a while).
    await page.evaluate(async (first) => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      for (let i = 0; i < 80; i++) {
        window.scrollBy(0, 400);
        await frame();
        const view = [...document.querySelectorAll('.vue-recycle-scroller__item-view')].find(
          (v) => (v as HTMLElement & { __zcTag?: string }).__zcTag === 'tagged',
        ) as HTMLElement | undefined;
        const href = (view?.querySelector('a[class*="_time_"]') as HTMLAnchorElement | null)?.href;
        if (i >= 6 && view && !view.style.transform.includes('-9999') && href !== first) return;
      }
    }, before);
    const after = await page.evaluate(() => {
      const view = [...document.querySelectorAll('.vue-recycle-scroller__item-view')].find(
        (v) => (v as HTMLElement & { __zcTag?: string }).__zcTag === 'tagged',
      );
      const article = view?.querySelector('article') as
        | (HTMLElement & { __zcTag?: string; __vue__?: { data: { mblogid: string } } })
        | null;
      const box = view?.getBoundingClientRect();
      return {
        found: Boolean(view),
        sameArticle: article?.__zcTag === 'tagged',
        href: (article?.querySelector('a[class*="_time_"]') as HTMLAnchorElement | null)?.href,
        vueId: article?.__vue__?.data.mblogid,
        foreignKept: Boolean(article?.querySelector(':scope > zhongcao-cards')),
        onScreen: box ? box.bottom > -600 && box.top < window.innerHeight + 600 : false,
        views: document.querySelectorAll('.vue-recycle-scroller__item-view').length,
      };
    });
    expect(after.found).toBe(true);
    expect(after.sameArticle).toBe(true);
    expect(after.href).toMatch(/^https:\/\/weibo\.com\/\d+\/[0-9A-Za-z]{9}$/);
    expect(after.href).not.toBe(before);
    expect(after.vueId).toBe(after.href?.split('/').pop());
    expect(after.foreignKept).toBe(true);
    expect(after.onScreen).toBe(true);
    // Virtualised: a handful of views, not one per post.
    expect(after.views).toBeLessThan(20);
    expect(errors).toEqual([]);
  });

  test('an injected element that grows an item pushes the following items down (measured heights)', async ({
    plainContext,
  }) => {
    const { page } = await openFeed(plainContext);
    await expect(page.locator('.vue-recycle-scroller__item-view article').nth(1)).toBeVisible();
    const offsetOfSecond = () =>
      page.evaluate(() => {
        const views = [...document.querySelectorAll<HTMLElement>('.vue-recycle-scroller__item-view')].filter(
          (v) => !v.style.transform.includes('-9999'),
        );
        const ys = views.map((v) => Number(/translateY\((-?[\d.]+)px\)/.exec(v.style.transform)?.[1] ?? 'NaN'));
        return ys.sort((a, b) => a - b)[1] ?? Number.NaN;
      });
    const before = await offsetOfSecond();
    await page.evaluate(() => {
      const first = [...document.querySelectorAll<HTMLElement>('.vue-recycle-scroller__item-view')]
        .filter((v) => !v.style.transform.includes('-9999'))
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
      const card = document.createElement('zhongcao-cards');
      card.style.display = 'block';
      card.style.height = '180px';
      first?.querySelector('article')?.append(card);
    });
    await expect.poll(offsetOfSecond).toBeCloseTo(before + 180, 0);
  });

  test('home → profile → back is a single-page route change reusing the same views', async ({ plainContext }) => {
    const { page, errors } = await openFeed(plainContext);
    const live = '.vue-recycle-scroller__item-view:not([style*="-9999"])';
    await expect(page.locator(`${live} article`).first()).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { __noReload?: boolean }).__noReload = true;
    });
    const name = page.locator(`${live} article header a[usercard] span[title]`).first();
    const uid =
      (await page.locator(`${live} article header a[usercard]:has(span[title])`).first().getAttribute('usercard')) ??
      '';
    await name.click();
    await expect(page).toHaveURL(`https://weibo.com/u/${uid}`);
    await expect(page.locator('.wb-profile')).toBeVisible();
    await expect
      .poll(() =>
        page.$$eval(`${live} article header a[usercard]:has(span[title])`, (as) => [
          ...new Set(as.map((a) => a.getAttribute('usercard'))),
        ]),
      )
      .toEqual([uid]);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await page.goBack();
    await expect(page).toHaveURL('https://weibo.com/');
    const firstId = loadTruth().pc[0]?.mblogid ?? '';
    await expect(page.locator(`${live} article a[class*="_time_"][href$="/${firstId}"]`)).toHaveCount(1);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(errors).toEqual([]);
  });

  test('relative timestamps are rewritten every few seconds', async ({ plainContext }) => {
    const { page } = await openFeed(plainContext);
    const time = page.locator('article a[class*="_time_"]').first();
    await expect(time).toHaveText(/^(刚刚|\d+分钟前)$/);
    await expect(time).toHaveAttribute('title', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const rewrites = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let n = 0;
          const obs = new MutationObserver((records) => {
            for (const r of records)
              if (
                (r.target as Element).closest?.('a[class*="_time_"]') ||
                r.target.parentElement?.closest('a[class*="_time_"]')
              )
                n++;
          });
          obs.observe(document.querySelector('.vue-recycle-scroller') as Element, {
            subtree: true,
            childList: true,
            characterData: true,
          });
          setTimeout(() => {
            obs.disconnect();
            resolve(n);
          }, 4000);
        }),
    );
    expect(rewrites).toBeGreaterThan(0);
  });

  test('infinite loading fetches page after page: more than 300 posts', async ({ plainContext }) => {
    const { page, errors } = await openFeed(plainContext);
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/ajax/feed/friendstimeline')) requests.push(r.url());
    });
    const seen = new Set((await sweep(page, 320)).map((x) => x.id));
    expect(seen.size).toBeGreaterThan(300);
    expect(requests.length).toBeGreaterThanOrEqual(14);
    // The posts arrive in the order truth.json lists them.
    const truth = loadTruth()
      .pc.slice(0, 300)
      .map((r) => r.mblogid);
    expect(truth.every((id) => seen.has(id))).toBe(true);
    expect(errors).toEqual([]);
  });

  test('展开 expands a long post in place', async ({ plainContext }) => {
    const { page } = await openFeed(plainContext);
    // Views parked off-screen (translateY(-9999px)) keep stale posts, as in vue-virtual-scroller: skip them.
    const live = '.vue-recycle-scroller__item-view:not([style*="-9999"])';
    let handle = page.locator(`${live} article:has(.expand)`).first();
    for (let i = 0; i < 60 && !(await handle.count()); i++) {
      await page.evaluate(() => window.scrollBy(0, 700));
      await page.waitForTimeout(50);
      handle = page.locator(`${live} article:has(.expand)`).first();
    }
    const id = (await handle.locator('a[class*="_time_"]').getAttribute('href'))?.split('/').pop() ?? '';
    const article = page.locator(`${live} article:has(a[class*="_time_"][href$="/${id}"])`);
    const text = article.locator('[class*="_wbtext_"]').first();
    const short = (await text.textContent()) ?? '';
    expect(short).toMatch(/\.\.\.展开$/);
    await article.locator('.expand').click();
    await expect(article.locator('.expand')).toHaveCount(0);
    const full = (await text.textContent()) ?? '';
    expect(full.length).toBeGreaterThan(short.length);
    const mblog = await article.evaluate(
      (a) => (a as HTMLElement & { __vue__?: { data: { text_raw: string } } }).__vue__?.data.text_raw ?? '',
    );
    expect(full.replace(/\s/g, '').length).toBeGreaterThan(140);
    expect(mblog.length).toBeGreaterThan(140);
  });

  test('赞, 转发 and 评论 work and update their counts', async ({ plainContext }) => {
    const { page } = await openFeed(plainContext);
    await expect(page.locator('article').first()).toBeVisible();
    // A post whose counts are plain numbers (abbreviated ones like 1.2万 do not show +1).
    const live = '.vue-recycle-scroller__item-view:not([style*="-9999"])';
    const id = await page.$$eval(`${live} article`, (as) => {
      const plain = (el: Element | null) => /^(\d{1,4}|赞|转发|评论)$/.test(el?.textContent?.trim() ?? '');
      const a = as.find((x) => [...x.querySelectorAll('footer [class*="_num_"]')].every(plain));
      return (a?.querySelector('a[class*="_time_"]') as HTMLAnchorElement | null)?.href.split('/').pop() ?? '';
    });
    expect(id).not.toBe('');
    const article = page.locator(`${live} article:has(a[class*="_time_"][href$="/${id}"])`);
    const count = async (sel: string) => {
      const s = (await article.locator(sel).textContent())?.trim() ?? '';
      return /^\d+$/.test(s) ? Number(s) : 0;
    };

    const likes = await count('.woo-like-count');
    await article.locator('button.woo-like-main').click();
    await expect.poll(() => count('.woo-like-count')).toBe(likes + 1);
    await expect(article.locator('button.woo-like-main')).toHaveClass(/woo-like-liked/);
    await article.locator('button.woo-like-main').click();
    await expect.poll(() => count('.woo-like-count')).toBe(likes);

    const reposts = await count('i.woo-font--retweet + [class*="_num_"]');
    await article.locator('i.woo-font--retweet[title="转发"]').click();
    await expect.poll(() => count('i.woo-font--retweet + [class*="_num_"]')).toBe(reposts + 1);

    const comments = await count('i.woo-font--comment + [class*="_num_"]');
    await article.locator('i.woo-font--comment[title="评论"]').click();
    await article.locator('textarea').fill('已种草，谢谢分享');
    await article.getByRole('button', { name: '评论', exact: true }).click();
    await expect.poll(() => count('i.woo-font--comment + [class*="_num_"]')).toBe(comments + 1);
    await expect(article).toContainText('已种草，谢谢分享');
  });

  test('hostile posts and names show their markup as text and run nothing', async ({ plainContext }) => {
    const { page, dialogs, errors } = await openFeed(plainContext);
    const truth = loadTruth().pc;
    const hostile = new Set(
      truth
        .filter((r) => r.kind === 'hostile')
        .slice(0, 4)
        .map((r) => r.mblogid),
    );
    const seen = await sweep(page, 240);
    const checked = new Set<string>();
    let sawMarkupText = false;
    let sawHostileName = false;
    for (const f of seen) {
      expect(f.injected, f.id).toBe(0);
      if (/<[a-z]/i.test(f.name)) {
        sawHostileName = true;
        expect(f.nameTitle).toBe(f.name);
      }
      if (hostile.has(f.id)) {
        checked.add(f.id);
        if (/<(script|img|svg|a |style|iframe)/.test(f.text)) sawMarkupText = true;
      }
    }
    expect(checked.size).toBe(hostile.size);
    expect(sawMarkupText).toBe(true);
    expect(sawHostileName).toBe(true);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('serves JSON like the real API and refuses every other host', async ({ plainContext }) => {
    const { page } = await openFeed(plainContext);
    const res = await page.evaluate(async () => {
      const r = await fetch('/ajax/feed/friendstimeline?page=2');
      const body = (await r.json()) as { ok: number; statuses: { mblogid: string; label?: unknown }[] };
      let external = 'loaded';
      try {
        await fetch('https://example.com/');
      } catch {
        external = 'blocked';
      }
      return {
        type: r.headers.get('content-type'),
        ok: body.ok,
        n: body.statuses.length,
        label: body.statuses.some((s) => 'label' in s),
        external,
      };
    });
    expect(res).toEqual({ type: 'application/json; charset=utf-8', ok: 1, n: 20, label: false, external: 'blocked' });
    const iconOk = await page.evaluate(async () => {
      const img = new Image();
      img.src = 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_taobao_default.png';
      await img.decode();
      return img.naturalWidth;
    });
    expect(iconOk).toBeGreaterThan(0);
  });

  test('the m.weibo.cn page renders mobile cards with the mobile markup', async ({ plainContext }) => {
    const { page, dialogs, errors } = await openFeed(plainContext, 'https://m.weibo.cn/');
    const cards = page.locator('.card.m-panel.card9');
    const total = loadTruth().mobile.length;
    // The feed root's list holds the loaded getIndex cards; they are drawn as the reader scrolls toward them.
    const loaded = () =>
      page.evaluate(() => {
        const vm = (document.querySelector('.main-wrap') as Element & { __vue__?: { cards: { card_type: number }[] } })
          .__vue__;
        return vm?.cards.filter((c) => c.card_type === 9).length ?? 0;
      });
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeLessThan(await loaded());
    for (let i = 0; i < 60 && (await cards.count()) < total; i++) {
      await page.mouse.wheel(0, 1200);
      await page.waitForTimeout(100);
    }
    await expect(cards).toHaveCount(total);
    expect(await loaded()).toBe(total);
    await expect(page.locator('.m-loading')).toHaveText('没有更多内容了');
    await expect(cards.first().locator('header.weibo-top .m-text-box h3.m-text-cut')).not.toBeEmpty();
    await expect(cards.first().locator('.m-text-box h4 .time')).toHaveText(/^(刚刚|\d+分钟前)$/);
    await expect(page.locator('article.weibo-main > .weibo-og > .weibo-text').first()).not.toBeEmpty();
    await expect(page.locator('a[href*="sinaurl"] .surl-text').first()).toHaveText(/\S/);
    await expect(page.locator('span.url-icon img[src*="timeline_card_small_"]').first()).toBeAttached();
    await expect(page.locator('.weibo-rp').first()).toBeAttached();
    await expect(page.locator('a[href^="/detail/"]').first()).toBeAttached();
    await expect(page.locator('footer.f-footer-ctrl .m-diy-btn h4').first()).toHaveText(/\S/);
    const firstMid = loadTruth().mobile[0]?.mid;
    await expect(page.locator(`a[href="/detail/${firstMid}"]`)).toHaveCount(1);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
