/**
 * Builds the demo feed into demo/dist (or `--out <dir>`): the weibo.com-like PC page with its paged feed JSON,
 * the m.weibo.cn-like page, generated pictures and icons, and truth.json (ground-truth labels for tests).
 * Class-name hashes change every build unless DEMO_HASH_SEED is set.
 */

import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { generateCatalogue } from '../utils/catalogue/generate';
import type { CatalogueItem } from '../utils/catalogue/schema';
import { LONG_POST_AT, longPostItem, makeLongPost } from './long-posts';
import { toMobileCard, wholeHtml } from './mobile-json';
import {
  createRng,
  type DemoPost,
  type DemoUser,
  generateDemoPosts,
  type ICONS,
  type PicTheme,
  picturePool,
  toMblog,
} from './posts';
import { type ClassMap, hashClasses } from './src/classes';

export const PC_SEED = 20261124;
export const MOBILE_SEED = 20261125;
export const PC_COUNT = 2400;
export const MOBILE_COUNT = 40;
export const PAGE_SIZE = 20;

const SRC = path.join(import.meta.dirname, 'src');

export interface BuildOptions {
  outDir?: string;
  /** Salt for hashed class names; random when absent (each build differs, like Weibo releases). */
  hashSeed?: string;
  catalogue?: CatalogueItem[];
  log?: (msg: string) => void;
}

function contentHash(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex').slice(0, 8);
}

function seedNumber(s: string): number {
  return Number.parseInt(createHash('sha1').update(s).digest('hex').slice(0, 8), 16);
}

/** JSON safe to inline in a <script> element, whatever the post text holds. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeHtml(s: string): string {
  return escapeXml(s);
}

const THEME_COLOURS: Record<PicTheme, [string, string]> = {
  美妆: ['#ffd1dc', '#ff8fab'],
  服饰: ['#d7e3fc', '#8eaef3'],
  数码: ['#cfd8dc', '#607d8b'],
  家居: ['#f1e3d3', '#c9a27e'],
  食品: ['#ffe5b4', '#ffb347'],
  母婴: ['#fff1c1', '#ffd166'],
  运动: ['#c8f7dc', '#3ecf8e'],
  个护: ['#e0f4ff', '#7ec8e3'],
  箱包: ['#eadbc8', '#a47551'],
  宠物: ['#fde2e4', '#e29578'],
  猫: ['#fbe7c6', '#e0a96d'],
  美食: ['#ffd8be', '#f08a5d'],
  天空: ['#bde0fe', '#5fa8d3'],
  城市: ['#d3d3e7', '#7d7da8'],
  咖啡: ['#e6ccb2', '#7f5539'],
  旅行: ['#caf0f8', '#48cae4'],
  花: ['#ffe5ec', '#fb6f92'],
  书: ['#edede9', '#a3a380'],
  新闻: ['#e9ecef', '#adb5bd'],
  海报: ['#ffedd8', '#ff8200'],
};

/** One character drawn large on each picture (no colour-emoji font on the test machine). */
const THEME_GLYPH: Record<PicTheme, string> = {
  美妆: '妆',
  服饰: '衣',
  数码: '数',
  家居: '家',
  食品: '食',
  母婴: '婴',
  运动: '动',
  个护: '护',
  箱包: '包',
  宠物: '宠',
  猫: '喵',
  美食: '味',
  天空: '云',
  城市: '城',
  咖啡: '啡',
  旅行: '旅',
  花: '花',
  书: '书',
  新闻: '闻',
  海报: '购',
};

const FONT = `'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif`;

function pictureSvg(theme: PicTheme, index: number): string {
  const [a, b] = THEME_COLOURS[theme];
  const r = 60 + ((index * 37) % 80);
  const cx = 120 + ((index * 53) % 360);
  const cy = 140 + ((index * 71) % 220);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs>
<rect width="600" height="600" fill="url(#g)"/>
<circle cx="${cx}" cy="${cy}" r="${r}" fill="#fff" fill-opacity="0.35"/>
<rect x="${380 - (index % 4) * 40}" y="${330 + (index % 3) * 30}" width="160" height="160" rx="24" fill="#fff" fill-opacity="0.25"/>
<circle cx="300" cy="270" r="110" fill="#fff" fill-opacity="0.55"/>
<text x="300" y="318" font-size="130" text-anchor="middle" fill="${b}" font-family="${FONT}" font-weight="bold">${THEME_GLYPH[theme]}</text>
<text x="300" y="470" font-size="44" text-anchor="middle" fill="#fff" font-family="${FONT}" font-weight="bold">${escapeXml(theme)} · ${index + 1}</text>
</svg>`;
}

const AVATAR_COLOURS = [
  '#ff8200',
  '#f76560',
  '#4e7bff',
  '#22b573',
  '#9b6bff',
  '#ffb800',
  '#00a2d4',
  '#ff5fa2',
  '#6c7a89',
];

function avatarSvg(user: DemoUser): string {
  const colour = AVATAR_COLOURS[user.id % AVATAR_COLOURS.length] as string;
  const first = [...user.screen_name.replace(/[\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g, '')][0] ?? '微';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="180" viewBox="0 0 180 180">
<rect width="180" height="180" fill="${colour}"/>
<circle cx="140" cy="40" r="50" fill="#fff" fill-opacity="0.15"/>
<text x="90" y="118" font-size="84" text-anchor="middle" fill="#fff" font-family="${FONT}">${escapeXml(first)}</text>
</svg>`;
}

/** Link-type icons, served under their real .png names (the route labels them SVG). */
const ICON_SVGS: Record<keyof typeof ICONS, string> = {
  web: `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32"><circle cx="16" cy="16" r="13" fill="none" stroke="#eb7350" stroke-width="3"/><path d="M11 21l10-10M13 11h8v8" fill="none" stroke="#eb7350" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`,
  taobao: `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32"><rect x="2" y="2" width="28" height="28" rx="8" fill="#ff5000"/><text x="16" y="22" font-size="17" text-anchor="middle" fill="#fff" font-family="${FONT}" font-weight="bold">淘</text></svg>`,
  buy: `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32"><path d="M4 8h4l3 14h14l3-10H10" fill="none" stroke="#ff8200" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/><circle cx="13" cy="26" r="2.5" fill="#ff8200"/><circle cx="23" cy="26" r="2.5" fill="#ff8200"/></svg>`,
};

async function bundle(entry: string, classes: ClassMap, defines: Record<string, unknown>): Promise<string> {
  const result = await esbuild({
    entryPoints: [path.join(SRC, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    charset: 'utf8',
    minify: true,
    legalComments: 'none',
    define: Object.fromEntries(
      Object.entries({ __DEMO_CLASSES__: classes, ...defines }).map(([k, v]) => [k, JSON.stringify(v)]),
    ),
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced nothing for ${entry}`);
  return out.text;
}

/** Replaces `hashed--<key>` placeholder classes in a stylesheet with this build's hashed class names. */
function hashCss(css: string, classes: ClassMap): string {
  return css.replace(/hashed--(\w+)/g, (m, key: string) => {
    const hashed = (classes as Record<string, string>)[key];
    if (!hashed) throw new Error(`unknown class placeholder ${m} in stylesheet`);
    return hashed;
  });
}

function write(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

function usersOf(posts: DemoPost[]): DemoUser[] {
  const byId = new Map<number, DemoUser>();
  for (const p of posts) {
    byId.set(p.user.id, p.user);
    if (p.retweeted_status) byId.set(p.retweeted_status.user.id, p.retweeted_status.user);
  }
  return [...byId.values()];
}

function truthOf(posts: DemoPost[]) {
  return posts.map((p) => ({
    mblogid: p.mblogid,
    mid: p.mid,
    kind: p.label.kind,
    expectedItemIds: p.label.expectedItemIds,
    authorUid: p.user.idstr,
  }));
}

/** Deletes temp dirs left by builds whose process died (e.g. a test run killed mid-build). */
function removeAbandoned(outDir: string): void {
  const dir = path.dirname(outDir);
  const prefix = `${path.basename(outDir)}.`;
  for (const name of fs.readdirSync(dir)) {
    const m = name.startsWith(prefix) ? /^(?:tmp|old)-(\d+)$/.exec(name.slice(prefix.length)) : null;
    if (!m) continue;
    let alive = true;
    try {
      process.kill(Number(m[1]), 0);
    } catch (err) {
      alive = (err as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

export async function buildDemo(opts: BuildOptions = {}): Promise<{ outDir: string; posts: number; pages: number }> {
  const log = opts.log ?? (() => {});
  const outDir = path.resolve(opts.outDir ?? path.join(import.meta.dirname, 'dist'));
  const hashSeed = opts.hashSeed ?? process.env.DEMO_HASH_SEED ?? randomBytes(6).toString('hex');
  const started = Date.now();
  const catalogue = opts.catalogue ?? generateCatalogue();
  const classes = hashClasses(createRng(seedNumber(hashSeed)).next);

  const pcPosts = generateDemoPosts({ seed: PC_SEED, count: PC_COUNT, catalogue });
  const mobilePosts = generateDemoPosts({ seed: MOBILE_SEED, count: MOBILE_COUNT, catalogue });
  const pages = Math.ceil(pcPosts.length / PAGE_SIZE);

  // One long guide post per site, its product named only in the whole text the page fetches for 展开 / 全文.
  const longItem = longPostItem(catalogue);
  const pcLong = makeLongPost(pcPosts[LONG_POST_AT.pc] as DemoPost, longItem);
  const mobileLong = makeLongPost(mobilePosts[LONG_POST_AT.mobile] as DemoPost, longItem);
  pcPosts[LONG_POST_AT.pc] = pcLong.post;
  mobilePosts[LONG_POST_AT.mobile] = mobileLong.post;
  // The long-text answers the router serves: weibo.com's raw text (with url_struct), m.weibo.cn's HTML. The demo's
  // other long posts keep their whole text in the feed JSON too; their answer is that same text.
  const pcLongTexts: Record<string, { longTextContent: string; url_struct?: unknown[] }> = {};
  for (const p of pcPosts) {
    if (p.isLongText) pcLongTexts[p.mblogid] = { longTextContent: p.text_raw, url_struct: p.url_struct ?? [] };
  }
  pcLongTexts[pcLong.post.mblogid] = { longTextContent: pcLong.wholeRaw, url_struct: pcLong.wholeUrls };
  const mobileLongTexts: Record<string, { longTextContent: string }> = {};
  for (const p of mobilePosts) if (p.isLongText) mobileLongTexts[p.mid] = { longTextContent: wholeHtml(p) };
  mobileLongTexts[mobileLong.post.mid] = {
    longTextContent: wholeHtml({ ...mobileLong.post, text_raw: mobileLong.wholeRaw, url_struct: mobileLong.wholeUrls }),
  };

  // Build into a sibling temp dir and swap it in, so a half-written dist is never served.
  const tmp = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });

  // PC page
  const feedJs = await bundle('feed.ts', classes, { __DEMO_PAGES__: pages });
  const feedCss = hashCss(fs.readFileSync(path.join(SRC, 'feed.css'), 'utf8'), classes);
  const jsName = `assets/index.${contentHash(feedJs)}.js`;
  const cssName = `assets/index.${contentHash(feedCss)}.css`;
  write(path.join(tmp, 'weibo', jsName), feedJs);
  write(path.join(tmp, 'weibo', cssName), feedCss);
  for (let p = 1; p <= pages; p++) {
    const statuses = pcPosts.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE).map(toMblog);
    const last = statuses[statuses.length - 1];
    write(
      path.join(tmp, 'weibo', 'ajax', 'feed', `page-${p}.json`),
      JSON.stringify({
        ok: 1,
        statuses,
        since_id: 0,
        max_id: p < pages && last ? Number(last.mid) - 1 : 0,
        total_number: pcPosts.length,
        page: p,
        pages,
      }),
    );
  }
  // Profile timelines (/u/<uid> is a client-side route that fetches /ajax/statuses/mymblog?uid=…).
  const byAuthor = new Map<string, DemoPost[]>();
  for (const p of pcPosts) byAuthor.set(p.user.idstr, [...(byAuthor.get(p.user.idstr) ?? []), p]);
  for (const [uid, list] of byAuthor) {
    write(
      path.join(tmp, 'weibo', 'ajax', 'profile', `${uid}.json`),
      JSON.stringify({ ok: 1, data: { list: list.slice(0, 60).map(toMblog), total: list.length, since_id: '' } }),
    );
  }
  write(path.join(tmp, 'weibo', 'ajax', 'longtext.json'), JSON.stringify(pcLongTexts));
  const firstPage = { ok: 1, statuses: pcPosts.slice(0, PAGE_SIZE).map(toMblog), page: 1, pages };
  write(
    path.join(tmp, 'weibo', 'index.html'),
    `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>微博</title>
<link rel="stylesheet" href="/${cssName}">
</head>
<body>
<div id="app"></div>
<script id="__INITIAL_FEED__" type="application/json">${inlineJson(firstPage)}</script>
<script src="/${jsName}"></script>
</body>
</html>
`,
  );

  // m.weibo.cn page: getIndex pages of cards, the first inline, the rest fetched as the reader scrolls.
  const mobilePages = Math.ceil(mobilePosts.length / PAGE_SIZE);
  const mobilePage = (p: number) => ({
    ok: 1,
    data: {
      cardlistInfo: { containerid: '102803', page: p < mobilePages ? p + 1 : null, total: mobilePosts.length },
      cards: mobilePosts.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE).map(toMobileCard),
    },
  });
  for (let p = 1; p <= mobilePages; p++) {
    write(path.join(tmp, 'm', 'api', 'getIndex', `page-${p}.json`), JSON.stringify(mobilePage(p)));
  }
  write(path.join(tmp, 'm', 'statuses', 'extend.json'), JSON.stringify(mobileLongTexts));
  const mobileJs = await bundle('mobile.ts', classes, {});
  const mobileCss = fs.readFileSync(path.join(SRC, 'mobile.css'), 'utf8');
  const mJsName = `assets/js/app.${contentHash(mobileJs)}.js`;
  const mCssName = `assets/css/app.${contentHash(mobileCss)}.css`;
  write(path.join(tmp, 'm', mJsName), mobileJs);
  write(path.join(tmp, 'm', mCssName), mobileCss);
  write(
    path.join(tmp, 'm', 'index.html'),
    `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">
<title>${escapeHtml('微博')}</title>
<link rel="stylesheet" href="/${mCssName}">
</head>
<body>
<div id="app"></div>
<script id="__MOBILE_FEED__" type="application/json">${inlineJson(mobilePage(1))}</script>
<script src="/${mJsName}"></script>
</body>
</html>
`,
  );

  // Pictures, avatars and link icons
  for (const [pid, { theme, index }] of picturePool())
    write(path.join(tmp, 'img', `${pid}.svg`), pictureSvg(theme, index));
  write(path.join(tmp, 'img', 'placeholder.svg'), pictureSvg('新闻', 0));
  for (const user of usersOf([...pcPosts, ...mobilePosts])) {
    write(path.join(tmp, 'avatar', `avatar-${user.idstr}.svg`), avatarSvg(user));
  }
  for (const [kind, svg] of Object.entries(ICON_SVGS)) {
    write(path.join(tmp, 'icons', `timeline_card_small_${kind}_default.svg`), svg);
  }

  // truth.json last: its presence marks a complete build.
  write(
    path.join(tmp, 'truth.json'),
    JSON.stringify({
      pc: truthOf(pcPosts),
      mobile: truthOf(mobilePosts),
      hashSeed,
      classes,
      pageSize: PAGE_SIZE,
      pages,
      longPosts: {
        itemId: longItem.item_id,
        pc: pcLong.post.mblogid,
        mobile: mobileLong.post.mid,
      },
    }),
  );

  // Swap: move the old dist aside and the new one in, so readers see a missing dist only for an instant.
  const old = `${outDir}.old-${process.pid}`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
  try {
    fs.renameSync(tmp, outDir);
  } catch (err) {
    // Another process swapped in its build first; theirs is equally complete.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(outDir, 'truth.json'))) throw err;
  }
  fs.rmSync(old, { recursive: true, force: true });
  removeAbandoned(outDir);
  log(
    `demo feed: ${pcPosts.length} PC posts in ${pages} pages, ${mobilePosts.length} mobile posts → ${outDir} (${Date.now() - started} ms, hash seed ${hashSeed})`,
  );
  return { outDir, posts: pcPosts.length, pages };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const outIdx = process.argv.indexOf('--out');
  const outDir = outIdx > 0 ? process.argv[outIdx + 1] : undefined;
  buildDemo({ ...(outDir ? { outDir } : {}), log: console.log }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
