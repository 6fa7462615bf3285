import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Route } from '@playwright/test';
import { isMobileHost, isPcHost } from '../utils/sites/hosts';

/**
 * Serves the built demo feed *as* https://weibo.com/ and https://m.weibo.cn/ through Playwright request routing:
 * the extension's manifest matches only the real Weibo hosts, so the browser must believe it is on them. Every
 * other http(s) request is aborted, because the machine is offline and nothing should leak out in tests.
 */

export const DEMO_DIR = import.meta.dirname;
export const DEFAULT_DIST = path.join(DEMO_DIR, 'dist');

/** One row of ground truth per post, as written by `demo/build.ts` to `truth.json`. */
export interface TruthRow {
  mblogid: string;
  mid: string;
  kind: string;
  expectedItemIds: string[];
  authorUid: string;
}

export interface DemoTruth {
  pc: TruthRow[];
  mobile: TruthRow[];
  /** The class-name salt the build used (differs per build unless DEMO_HASH_SEED is set). */
  hashSeed?: string;
  /** Logical class name → hashed class name used by this build. */
  classes?: Record<string, string>;
  pageSize?: number;
  pages?: number;
  /** The long guide posts whose product is named only after the fold (demo/long-posts.ts), and that item. */
  longPosts?: { itemId: string; pc: string; mobile: string };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
};

function contentTypeOf(file: string): string {
  return TYPES[path.extname(file)] ?? 'application/octet-stream';
}

/** Newest modification time among the demo sources (and the catalogue generator the posts depend on). */
function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'dist' || entry.name.startsWith('dist.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  walk(DEMO_DIR);
  const generator = path.join(DEMO_DIR, '..', 'utils', 'catalogue', 'generate.ts');
  if (fs.existsSync(generator)) newest = Math.max(newest, fs.statSync(generator).mtimeMs);
  return newest;
}

function isBuilt(distDir: string): boolean {
  const stamp = path.join(distDir, 'truth.json');
  if (!fs.existsSync(stamp)) return false;
  // Only the default dist tracks the sources; a caller-provided dist is taken as is.
  if (path.resolve(distDir) !== DEFAULT_DIST) return true;
  return fs.statSync(stamp).mtimeMs >= newestSourceMtime();
}

let building: Promise<void> | null = null;

/**
 * Builds `demo/dist` when it is missing or older than the demo sources. The build runs in a child process
 * (`tsx demo/build.ts`) so that callers loaded through Playwright's or Vitest's TS loaders need not bundle it.
 */
export async function ensureDemoBuilt(opts: { distDir?: string; force?: boolean } = {}): Promise<void> {
  const distDir = path.resolve(opts.distDir ?? DEFAULT_DIST);
  if (!opts.force && isBuilt(distDir)) return;
  building ??= (async () => {
    const tsx = path.join(DEMO_DIR, '..', 'node_modules', '.bin', 'tsx');
    await promisify(execFile)(tsx, [path.join(DEMO_DIR, 'build.ts'), '--out', distDir], {
      cwd: path.join(DEMO_DIR, '..'),
      maxBuffer: 16 * 1024 * 1024,
    });
  })().finally(() => {
    building = null;
  });
  await building;
}

/** Parsed `truth.json` of the built demo (builds it first if needed when called through `ensureDemoBuilt`). */
export function loadTruth(opts: { distDir?: string } = {}): DemoTruth {
  const file = path.join(opts.distDir ?? DEFAULT_DIST, 'truth.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoTruth;
}

async function fulfilFile(route: Route, file: string, status = 200): Promise<void> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    await route.fulfill({ status: 404, contentType: 'text/plain; charset=utf-8', body: 'not found' });
    return;
  }
  await route.fulfill({
    status,
    contentType: contentTypeOf(file),
    headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
    body: fs.readFileSync(file),
  });
}

async function fulfilJson(route: Route, value: unknown): Promise<void> {
  await route.fulfill({
    status: 200,
    contentType: 'application/json; charset=utf-8',
    headers: { 'cache-control': 'no-store' },
    body: JSON.stringify(value),
  });
}

/** Keeps a request path inside `root` (no `..` escapes). */
function safeJoin(root: string, rel: string): string | null {
  const full = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  return full.startsWith(root + path.sep) ? full : null;
}

const longTexts = new Map<string, Record<string, unknown>>();

/**
 * A post's whole text as the site answers the page's 展开 / 全文 request (`{ ok, data: { longTextContent … } }`), from
 * the map the build wrote; an unknown id gets the sites' empty answer.
 */
async function fulfilLongText(route: Route, file: string, id: string): Promise<void> {
  let map = longTexts.get(file);
  if (!map) {
    map = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    longTexts.set(file, map);
  }
  const data = Object.hasOwn(map, id) ? map[id] : undefined;
  return fulfilJson(route, data ? { ok: 1, http_code: 200, data } : { ok: 0, msg: '' });
}

async function serveWeibo(route: Route, url: URL, dist: string): Promise<void> {
  const root = path.join(dist, 'weibo');
  const p = url.pathname;
  if (
    p === '/ajax/feed/friendstimeline' ||
    p === '/ajax/feed/unreadfriendstimeline' ||
    p === '/ajax/feed/hottimeline'
  ) {
    const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
    const file = path.join(root, 'ajax', 'feed', `page-${page}.json`);
    if (fs.existsSync(file)) return fulfilFile(route, file);
    return fulfilJson(route, { ok: 1, statuses: [], total_number: 0, max_id: 0, since_id: 0 });
  }
  if (p === '/ajax/statuses/mymblog') {
    const uid = url.searchParams.get('uid') ?? '';
    const file = path.join(root, 'ajax', 'profile', `${uid}.json`);
    if (/^\d+$/.test(uid) && fs.existsSync(file)) return fulfilFile(route, file);
    return fulfilJson(route, { ok: 1, data: { list: [], total: 0, since_id: '' } });
  }
  if (p === '/ajax/statuses/longtext') {
    return fulfilLongText(route, path.join(root, 'ajax', 'longtext.json'), url.searchParams.get('id') ?? '');
  }
  if (p.startsWith('/ajax/')) {
    // Actions (like, repost …) are acknowledged like the real API so a page script never sees a network error.
    return fulfilJson(route, { ok: 1 });
  }
  if (p.startsWith('/assets/')) {
    const file = safeJoin(root, p);
    return file ? fulfilFile(route, file) : route.fulfill({ status: 404 });
  }
  if (p === '/favicon.ico') return route.fulfill({ status: 404 });
  // A single-page app: home, /u/<uid>, /<uid>/<mblogid>, /hot … all load the same document.
  return fulfilFile(route, path.join(root, 'index.html'));
}

async function serveMobile(route: Route, url: URL, dist: string): Promise<void> {
  const root = path.join(dist, 'm');
  const p = url.pathname;
  if (p.startsWith('/assets/')) {
    const file = safeJoin(root, p);
    return file ? fulfilFile(route, file) : route.fulfill({ status: 404 });
  }
  if (p === '/api/container/getIndex') {
    const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
    const file = path.join(root, 'api', 'getIndex', `page-${page}.json`);
    if (fs.existsSync(file)) return fulfilFile(route, file);
    return fulfilJson(route, { ok: 0, msg: '这里还没有内容', data: { cards: [] } });
  }
  if (p === '/statuses/extend') {
    return fulfilLongText(route, path.join(root, 'statuses', 'extend.json'), url.searchParams.get('id') ?? '');
  }
  if (p.startsWith('/api/')) return fulfilJson(route, { ok: 1, data: {} });
  if (p === '/favicon.ico') return route.fulfill({ status: 404 });
  return fulfilFile(route, path.join(root, 'index.html'));
}

async function serveSinaimg(route: Route, url: URL, dist: string): Promise<void> {
  const name = path.posix.basename(url.pathname);
  // Link-type icons keep their real .png names; their bytes are SVG, announced as such.
  if (url.pathname.startsWith('/upload/')) {
    return fulfilFile(route, path.join(dist, 'icons', name.replace(/\.png$/, '.svg')));
  }
  const stem = name.replace(/\.(jpe?g|png|gif|webp)$/i, '');
  for (const dir of ['img', 'avatar']) {
    const file = path.join(dist, dir, `${stem}.svg`);
    if (/^[A-Za-z0-9_-]+$/.test(stem) && fs.existsSync(file)) return fulfilFile(route, file);
  }
  return fulfilFile(route, path.join(dist, 'img', 'placeholder.svg'));
}

/**
 * Routes the demo feed into `context`: weibo.com / www.weibo.com / m.weibo.cn / *.sinaimg.cn come from
 * `demo/dist`; any other http(s) request is aborted. `chrome-extension://` and other schemes are never touched.
 */
export async function routeDemo(context: BrowserContext, opts: { distDir?: string } = {}): Promise<void> {
  const dist = path.resolve(opts.distDir ?? DEFAULT_DIST);
  if (!opts.distDir) await ensureDemoBuilt();
  if (!fs.existsSync(path.join(dist, 'truth.json'))) throw new Error(`demo feed not built at ${dist}`);
  await context.route(
    (url) => url.protocol === 'http:' || url.protocol === 'https:',
    async (route) => {
      const url = new URL(route.request().url());
      if (isPcHost(url.hostname)) return serveWeibo(route, url, dist);
      if (isMobileHost(url.hostname)) return serveMobile(route, url, dist);
      if (url.hostname.endsWith('.sinaimg.cn')) return serveSinaimg(route, url, dist);
      return route.abort('internetdisconnected');
    },
  );
}
