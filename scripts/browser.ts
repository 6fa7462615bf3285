import fs from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from '@playwright/test';
import { ensureDemoBuilt, routeDemo } from '../demo/serve';

/**
 * One way to start Debian's Chromium for E2E tests, the demo and benchmarks: the production build loaded as an
 * unpacked extension, the demo feed routed as weibo.com / m.weibo.cn, every other request refused (offline machine).
 */
export const EXTENSION_PATH = path.resolve(import.meta.dirname, '../.output/chrome-mv3');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-gpu',
];

export interface LaunchOptions {
  extension: boolean;
  /** Another build to load than the production one (the profiling tools' unminified build). */
  extensionPath?: string;
  headless?: boolean;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number } | null;
  locale?: string;
  /** The browser's own UI language (chrome.i18n.getUILanguage()); zh-CN unless given. */
  lang?: string;
  /**
   * The welcome tab a fresh install opens (entrypoints/welcome/): closed by default, so tests and benches start
   * with the one page they drive and that page keeps the focus; `keep` leaves it (the onboarding test, the demo).
   */
  welcome?: 'close' | 'keep';
  /** A profile folder to keep between launches; left out, each launch gets a fresh temporary profile. */
  userDataDir?: string;
}

export async function launchBrowser(opts: LaunchOptions): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  }
  const build = opts.extensionPath ?? EXTENSION_PATH;
  if (opts.extension && !fs.existsSync(path.join(build, 'manifest.json'))) {
    throw new Error(`No extension build at ${build}: run \`npm run build\` first.`);
  }
  await ensureDemoBuilt();
  const base = [...BASE_ARGS, `--lang=${opts.lang ?? 'zh-CN'}`];
  const args = opts.extension
    ? [...base, `--disable-extensions-except=${build}`, `--load-extension=${build}`]
    : [...base, '--disable-extensions'];
  const context = await chromium.launchPersistentContext(opts.userDataDir ?? '', {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args,
    locale: opts.locale ?? 'zh-CN',
    colorScheme: opts.colorScheme ?? 'light',
    viewport: opts.viewport === undefined ? { width: 1280, height: 900 } : opts.viewport,
  });
  await routeDemo(context);
  if (opts.extension && opts.welcome !== 'keep') await closeWelcomePage(context);
  return context;
}

export const isWelcomePage = (page: Page): boolean => /^chrome-extension:\/\/[^/]+\/welcome\.html$/.test(page.url());

/** Waits for the welcome tab of a fresh install and closes it; a build without one costs the timeout. */
async function closeWelcomePage(context: BrowserContext, timeout = 10_000): Promise<void> {
  const page =
    context.pages().find(isWelcomePage) ??
    (await context.waitForEvent('page', { predicate: isWelcomePage, timeout }).catch(() => null));
  await page?.close();
}

export async function getServiceWorker(context: BrowserContext): Promise<Worker> {
  const [existing] = context.serviceWorkers();
  return existing ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
}

export function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}

/**
 * The extension's service worker as the DevTools protocol reports it, on a session of `page`: whether it is stopped,
 * how many times Chrome reported it stopping, and `stopNow()`, which asks Chrome to stop every version not stopped
 * (`ServiceWorker.stopWorker`, as Chrome does after 30 s idle). How long to wait, and for what, is the caller's.
 */
export async function watchExtensionWorker(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const status = new Map<string, string>();
  // Counted as reported: a worker woken by a queued message can be running again before a poll would see it stopped.
  let stoppedReports = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions)
      if (v.scriptURL.startsWith('chrome-extension://')) {
        if (v.runningStatus === 'stopped' && status.get(v.versionId) !== 'stopped') stoppedReports++;
        status.set(v.versionId, v.runningStatus);
      }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    known: () => status.size > 0,
    running: () => [...status.values()].includes('running'),
    stopped: () => status.size > 0 && [...status.values()].every((s) => s === 'stopped'),
    stoppedReports: () => stoppedReports,
    async stopNow(): Promise<void> {
      for (const [versionId, s] of status)
        if (s !== 'stopped') await cdp.send('ServiceWorker.stopWorker', { versionId }).catch(() => undefined);
    },
    detach: () => cdp.detach(),
  };
}

/** One JavaScript world of a page, as the DevTools protocol reports it (`Runtime.executionContextCreated`). */
export interface PageWorld {
  id: number;
  origin: string;
  name: string;
  /** `default` for the page's own world, `isolated` for a content script's. */
  type: string;
}

/**
 * Starts recording a page's worlds on `cdp` (a session on that page): the returned list fills with every world
 * that exists now and every one created later, e.g. the content script's isolated world after a navigation.
 */
export async function recordWorlds(cdp: CDPSession): Promise<PageWorld[]> {
  const worlds: PageWorld[] = [];
  cdp.on('Runtime.executionContextCreated', (e) =>
    worlds.push({
      id: e.context.id,
      origin: e.context.origin,
      name: e.context.name,
      type: (e.context.auxData as { type?: string })?.type ?? '',
    }),
  );
  await cdp.send('Runtime.enable');
  return worlds;
}

/** A page or worker of the extension's origin, where its IndexedDB database can be read. */
type ExtensionRealm = Pick<Worker, 'evaluate'>;

/** Rows whose `field` holds exactly `value`; left out, every row. */
export type RowMatch = { field: string; value: string | number } | null;

/**
 * One read of one store of the extension's database (`zhongcao`) in `realm`, done there: only the rows (or the count)
 * asked for cross back. A store it does not have yet is empty.
 */
function readInRealm<T>(realm: ExtensionRealm, store: string, op: 'getAll' | 'count', match: RowMatch): Promise<T> {
  // No named inner functions here: tsx (benches) would wrap them in a `__name` helper the page does not have.
  return realm.evaluate(
    ({ name, op, match }) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open('zhongcao');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const rows: unknown[] = [];
          let n = 0;
          if (!idb.objectStoreNames.contains(name)) {
            idb.close();
            return resolve((op === 'count' ? n : rows) as T);
          }
          const objects = idb.transaction(name).objectStore(name);
          if (!match) {
            const req: IDBRequest = op === 'count' ? objects.count() : objects.getAll();
            req.onsuccess = () => {
              idb.close();
              resolve(req.result as T);
            };
            req.onerror = () => reject(req.error);
            return;
          }
          // No index on arbitrary fields: walk the store, keep (or just count) the matching rows.
          const cursor = objects.openCursor();
          cursor.onerror = () => reject(cursor.error);
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) {
              idb.close();
              return resolve((op === 'count' ? n : rows) as T);
            }
            if ((c.value as Record<string, unknown>)[match.field] === match.value) {
              n++;
              if (op === 'getAll') rows.push(c.value);
            }
            c.continue();
          };
        };
      }),
    { name: store, op, match },
  );
}

/**
 * Rows of one store of the extension's database (all, or those `match` picks), read with the raw IndexedDB API in
 * `realm`: an extension page or the service worker (tests and benches read the store without Dexie).
 */
export function readStore<T>(realm: ExtensionRealm, store: string, match: RowMatch = null): Promise<T[]> {
  return readInRealm<T[]>(realm, store, 'getAll', match);
}

/** How many rows one store of the extension's database holds (all, or those `match` picks; see `readStore`). */
export function countStore(realm: ExtensionRealm, store: string, match: RowMatch = null): Promise<number> {
  return readInRealm<number>(realm, store, 'count', match);
}

/**
 * Waits until the feed content script runs in `page`: its isolated world sets a global the page's own world cannot
 * see (`CONTENT_READY_GLOBAL` in utils/page-labels.ts), read here through the DevTools protocol.
 */
export async function waitForContentScript(page: import('@playwright/test').Page, timeoutMs = 15_000): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds = await recordWorlds(cdp);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const w of worlds.filter((x) => x.type === 'isolated')) {
        const r = await cdp
          .send('Runtime.evaluate', { expression: 'globalThis.__zhongcaoReady === true', contextId: w.id })
          .catch(() => null);
        if (r?.result.value === true) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the feed content script did not start');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
