/**
 * What one card costs the page apart from React (a tool, not a test): loads the production build on the demo feed,
 * waits for the extension's first single-item card, and then, in the page, puts copies of that card's markup
 * (`cloneNode`, so the same elements, attributes and stylesheet without React) into new hosts in feed articles, one at a
 * time, timing each step with the layout forced in between: build (host, shadow root, shared sheet, cloned card), insert
 * into the article, the style and layout the insertion costs, and taking the host out again. The extension's own path
 * (React render and commit) is what `profile-feed.ts` measures; this is the floor a card drawn without React would
 * start from. Run: `npm run build && npx tsx tests/bench/card-probe.ts` (PROBE_CARDS, default 200). The page's clock is
 * coarsened to 0.1 ms here (no cross-origin isolation), so the means say more than the medians.
 */
import path from 'node:path';
import { launchBrowser } from '../../scripts/browser';
import { closedCards } from '../e2e/closed-cards';
import { mean, median, quantile } from './lib/stats';

const BUILD = path.resolve(process.env.PROBE_BUILD ?? '.output/chrome-mv3');
const CARDS = Number(process.env.PROBE_CARDS ?? 200);
/**
 * `full` (default), or what to leave out of the copy: `text` (every text node emptied), `images`, `sheet`; or `block`,
 * one empty box as tall as the card (what the page pays for an article growing by that much, with no card in it).
 */
const VARIANT = process.env.PROBE_VARIANT ?? 'full';

const context = await launchBrowser({ extension: true, extensionPath: BUILD });
try {
  if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker');
  const page = context.pages()[0] ?? (await context.newPage());
  // tsx compiles with esbuild's keepNames, which wraps the functions handed to the page in a `__name` helper.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.goto('https://weibo.com/');
  // A single-item card (a carousel has more slides than most cards).
  // The roots are closed: the card to copy is reached through DevTools.
  const closed = await closedCards(page);
  let single: { postId: string | null } | undefined;
  for (let i = 0; i < 300 && !single; i++) {
    single = (await closed.hosts()).find((h) => h.root && h.itemIds.length === 1);
    if (!single) await page.waitForTimeout(100);
  }
  const source = closed.host({ postId: single?.postId ?? '' });
  for (let i = 0; i < 100 && (await source.locator('section').count()) === 0; i++) await page.waitForTimeout(100);
  const result = await source.evaluate(
    async (root: ShadowRoot, [cards, variant]: [number, string]) => {
      const original = root.querySelector('section') as HTMLElement;
      let card = original.cloneNode(true) as HTMLElement;
      if (variant === 'block') {
        card = document.createElement('div');
        card.style.height = `${original.getBoundingClientRect().height}px`;
      }
      if (variant === 'text') {
        const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) (n as Text).data = '';
      }
      if (variant === 'images') for (const img of card.querySelectorAll('img')) img.remove();
      const sheets = root.adoptedStyleSheets;
      const articles = [...document.querySelectorAll('article')].filter((a) => !a.querySelector('zhongcao-cards'));
      const steps = { build: [] as number[], insert: [] as number[], layout: [] as number[], remove: [] as number[] };
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      for (let i = 0; i < cards; i++) {
        const article = articles[i % articles.length] as HTMLElement;
        const footer = article.querySelector(':scope > footer') ?? article.lastElementChild;
        void document.body.offsetHeight;
        let t = performance.now();
        const host = document.createElement('zc-probe-host');
        const shadow = host.attachShadow({ mode: 'open' });
        if (variant !== 'sheet') shadow.adoptedStyleSheets = sheets;
        shadow.append(card.cloneNode(true));
        steps.build.push(performance.now() - t);
        t = performance.now();
        article.insertBefore(host, footer);
        steps.insert.push(performance.now() - t);
        t = performance.now();
        void document.body.offsetHeight;
        steps.layout.push(performance.now() - t);
        await frame();
        t = performance.now();
        host.remove();
        steps.remove.push(performance.now() - t);
        t = performance.now();
        void document.body.offsetHeight;
        steps.layout.push(-(performance.now() - t));
        await frame();
      }
      return {
        elements: card.querySelectorAll('*').length + 1,
        attributes: [card, ...card.querySelectorAll('*')].reduce((n, el) => n + el.attributes.length, 0),
        steps,
      };
    },
    [CARDS, VARIANT] as [number, string],
  );
  const layoutIn = result.steps.layout.filter((x) => x >= 0);
  const layoutOut = result.steps.layout.filter((x) => x < 0).map((x) => -x);
  console.log(
    `card (${VARIANT}): ${result.elements} elements, ${result.attributes} attributes; ${CARDS} insertions, one at a time`,
  );
  for (const [name, xs] of [
    ['build (host, shadow root, sheet, cloned card)', result.steps.build],
    ['insert into the article', result.steps.insert],
    ['style + layout after inserting', layoutIn],
    ['take the host out', result.steps.remove],
    ['style + layout after taking it out', layoutOut],
  ] as const) {
    console.log(
      `  ${name.padEnd(48)} mean ${mean(xs).toFixed(3)} ms, median ${median(xs).toFixed(3)} ms, p95 ${quantile(xs, 0.95).toFixed(3)} ms`,
    );
  }
} finally {
  await context.close();
}
