import { type BrowserContext, test as base, type Page, type Worker } from '@playwright/test';
import { extensionIdOf, getServiceWorker, launchBrowser } from '../../scripts/browser';

export {
  countStore,
  EXTENSION_PATH,
  getServiceWorker,
  launchBrowser,
  readStore,
  recordWorlds,
  waitForContentScript,
} from '../../scripts/browser';

type Fixtures = {
  /** Chromium with the production build loaded and the demo feed routed as weibo.com. */
  context: BrowserContext;
  page: Page;
  serviceWorker: Worker;
  extensionId: string;
  /** The same browser without the extension (for demo-feed tests and baselines). */
  plainContext: BrowserContext;
  /** Uncaught errors thrown on `page`, for assertions. */
  pageErrors: string[];
};

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  context: async ({}, use) => {
    const context = await launchBrowser({ extension: true });
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    await use(await getServiceWorker(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(extensionIdOf(serviceWorker));
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await use(errors);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  plainContext: async ({}, use) => {
    const context = await launchBrowser({ extension: false });
    await use(context);
    await context.close();
  },
});

export const expect = test.expect;
