/**
 * Writes the labelled detection corpus to tests/fixtures/corpus/: feed pages in real weibo.com V7 markup (several
 * hash sets, none like the demo's), m.weibo.cn cards, optional page JSON, and labels.json. Seeded: the same run
 * always writes the same files. Run: `npx tsx scripts/gen-corpus.ts` (the output is committed).
 *
 * Labels are written from what the post *is* (the case being generated), never from running the detector.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateCatalogue } from '../utils/catalogue/generate';
import type { CatalogueItem } from '../utils/catalogue/schema';
import { seededRandom } from '../utils/random';
import type { VerifiedTier } from '../utils/types';

const OUT = resolve(import.meta.dirname, '../tests/fixtures/corpus');
const SEED = 0x5eed2026;

const rand = seededRandom(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B62 = (n: number) => Array.from({ length: n }, () => pick([...ALNUM])).join('');
function mixed(n: number): string {
  // A password-like string: letters and digits both present.
  for (;;) {
    const s = B62(n);
    if (/[0-9]/.test(s) && /[A-Za-z]/.test(s)) return s;
  }
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// ---------------------------------------------------------------- post model

/** Inline pieces of a post's text: plain text, a link (rendered as Weibo renders it), an emoji image. */
type Piece =
  | { t: 'text'; s: string }
  | { t: 'link'; href: string; label: string; icon?: 'taobao' | 'buy' | 'web' | 'video' }
  | { t: 'emoji'; alt: string };

interface CaseSpec {
  category: string;
  isGuide: boolean;
  /** Explicit references' item ids, in text order (what exact-item accuracy is measured on). */
  items: string[];
  /** Item a text-only mention names, if any. */
  textItem?: string;
  tier: VerifiedTier;
  name: string;
  body: Piece[];
  repost?: { name: string; tier: VerifiedTier; body: Piece[] };
  promoted?: boolean;
  json?: Record<string, unknown>;
  /** Hostile markup variants. */
  missing?: 'text' | 'header' | 'footer' | 'permalink';
  followers?: number;
}

const text = (s: string): Piece => ({ t: 'text', s });
const emoji = (): Piece => ({ t: 'emoji', alt: pick(['[心]', '[哈哈]', '[good]', '[爱你]', '[打call]', '[赞]']) });

// ---------------------------------------------------------------- vocabulary

const NAMES = [
  '美妆达人小鹿',
  '穿搭博主阿May',
  '好物研究所',
  '数码控老王',
  '居家小能手',
  '吃货日记本',
  '新手妈妈Lily',
  '跑步的阿杰',
  '护肤实验室',
  '省钱小分队',
  '种草机本机',
  '铲屎官大橘',
  '宿舍好物君',
  '通勤穿搭Vivi',
  '精致猪猪女孩',
  '测评师Tony',
  '小众宝藏君',
  '柠檬不酸',
  '一只小鹿鹿',
  '今天也要加油鸭',
  '北漂打工人',
  '猫猫狗狗研究社',
  '露营爱好者',
  '健身房常客',
];
const CASUAL_NAMES = [
  '路人甲',
  '喝奶茶的猫',
  'momo',
  '用户7382910',
  '早睡早起',
  '一颗柠檬',
  '小明同学',
  '周末去哪儿',
  '风吹麦浪',
  '不吃香菜',
];

const GUIDE_OPEN = [
  '姐妹们！今天必须给你们种草',
  '挖到宝了！',
  '真心安利这个',
  '年度好物分享：',
  '回购无数次的',
  '被问爆了的同款来啦',
  '平价替代yyds！',
  '闭眼入不踩雷：',
  '空瓶记录，第三瓶了',
  '这个价格真的可以冲',
  '今日拔草清单：',
  '双十一囤货攻略：',
  '学生党必入好物',
  '用了一个月来交作业，',
  '宝藏单品分享～',
];
const GUIDE_CLOSE = [
  '链接放这里了',
  '券后到手价超划算',
  '冲就完事了',
  '性价比绝了，无限回购',
  '同款链接👇',
  '手慢无，快冲',
  '真的好用到哭',
  '已经回购第三次',
  '入手不亏',
  '闭眼冲',
  '买它！',
  '码住慢慢看',
];
const SHARE_WRAP: ((p: string) => string)[] = [
  (p) => `复制这条信息${p}后打开👉手机淘宝👈`,
  (p) => `${p} 复制打开淘宝`,
  (p) => `【淘宝】复制${p}打开淘宝App`,
  (p) => `長按複製${p}打開👉淘♂寳♀👈`,
  (p) => `去淘♂寳♀搜 ${p}`,
  (p) => `復制此段${p}去τao宝`,
];
const DAILY = [
  '今天天气真好，出去走走',
  '加班到十点，累瘫',
  '周末去看了场电影，剧情一般般',
  '终于把房间收拾干净了',
  '早起跑了五公里，打卡',
  '猫主子又把杯子推下去了',
  '这家火锅店排队两小时',
  '新的一周，加油',
  '地铁上看到一只超可爱的狗狗',
  '今年的年终总结写完了',
  '下雨天适合睡觉',
  '又是想辞职的一天',
  '读完了一本书，推荐给大家《置身事内》',
  '楼下咖啡店的拿铁还不错',
  '明天要早起赶飞机',
  '和朋友吃了顿烧烤，开心',
  '球赛太精彩了！',
];
const CASUAL_BRAND = [
  (b: string) => `今天用了${b}好开心`,
  (b: string) => `${b}的广告拍得挺好看`,
  (b: string) => `路过${b}的门店，人好多`,
  (b: string) => `听说${b}要出新品了？`,
  (b: string) => `朋友送了我${b}的东西，谢谢宝贝`,
  (b: string) => `${b}的发布会你们看了吗`,
  (b: string) => `梦到自己在${b}上班哈哈哈`,
];
const NON_SHOP_URLS = [
  'https://www.bilibili.com/video/BV1xx411c7mD',
  'https://www.zhihu.com/question/123456789',
  'https://weibo.com/1669879400/OxYz12AbC',
  'https://www.jd.com/item/100012043978.html',
  'https://news.sina.com.cn/c/2024-11-20/doc-abc.shtml',
  'https://mp.weixin.qq.com/s/AbCdEfGhIjK',
  'https://www.xiaohongshu.com/explore/64a1b2c3',
  'https://item.taobao.com.example.org/item.htm?id=550088268984',
  'https://www.taobao.com/',
  'https://www.tmall.com/',
];

// ---------------------------------------------------------------- link forms

function itemUrlForms(it: CatalogueItem): string[] {
  const id = it.item_id;
  return [
    `https://item.taobao.com/item.htm?id=${id}`,
    `https://detail.tmall.com/item.htm?id=${id}&spm=a220m.1000858.1000725.1`,
    `https://detail.m.tmall.com/item.htm?id=${id}`,
    `https://h5.m.taobao.com/awp/core/detail.htm?id=${id}&ft=t`,
    `https://chaoshi.detail.tmall.com/item.htm?id=${id}`,
    `https://detail.tmall.hk/hk/item.htm?id=${id}`,
    `https://a.m.taobao.com/i${id}.htm`,
    `https://item.taobao.com/item.htm?spm=a1z10.1-c.w4004-1.2&id=${id}&ali_refid=a3_430583`,
  ];
}
const token = (it: CatalogueItem) => it.short_url.split('/h.')[1] ?? '';
const code = (it: CatalogueItem) => it.click_url.split('/').pop() ?? '';
const sina = (url: string) => `//weibo.cn/sinaurl?u=${encodeURIComponent(url)}`;
const sinaToast = (url: string) => `https://weibo.cn/sinaurl?toasturl=${encodeURIComponent(url)}`;
const wrapLink = (url: string, icon: 'taobao' | 'buy' | 'web' = 'taobao'): Piece => ({
  t: 'link',
  href: rand() < 0.8 ? sina(url) : sinaToast(url),
  label: '网页链接',
  icon,
});
const tcn = () => `http://t.cn/A6${B62(6)}`;

const DELIMS: [string, string][] = [
  ['￥', '￥'],
  ['€', '€'],
  ['₤', '₤'],
  ['¤', '¤'],
  ['$', '$'],
  ['¥', '¥'],
  ['₳', '₳'],
  ['₴', '₴'],
  ['¢', '¢'],
  ['£', '£'],
  ['₰', '₰'],
  ['€', '₤'],
  ['👉', '👉'],
  ['🔑', '🔑'],
  ['啊', '啊'],
  ['嗷', '嗷'],
];
function tpwdText(core: string, style: 'any' | 'ios' | 'fullwidth' | 'zw' = 'any', it?: CatalogueItem): string {
  if (style === 'ios' && it) return `${int(10, 99)}￥${core}￥ https://m.tb.cn/h.${token(it)} ${it.short_title}`;
  if (style === 'fullwidth')
    return `￥${[...core].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')}￥`;
  if (style === 'zw') return `￥${core.slice(0, 4)}\u200b${core.slice(4, 8)}\u200d${core.slice(8)}￥`;
  const [l, r] = pick(DELIMS);
  return `${l}${core}${r}`;
}

/** How people name a product in prose. */
function mention(it: CatalogueItem): string {
  const rest = it.short_title.startsWith(it.brand) ? it.short_title.slice(it.brand.length) : it.short_title;
  const r = rand();
  if (r < 0.55) return it.short_title;
  if (r < 0.8) return `${it.brand}的${rest}`;
  return `${it.brand}家这款${rest}`;
}

// ---------------------------------------------------------------- case builders

let pool: CatalogueItem[] = [];
let cursor = 0;
function nextItem(): CatalogueItem {
  // Walk the catalogue with a large stride so cases spread over every category and brand.
  cursor = (cursor + 97) % pool.length;
  return pool[cursor] as CatalogueItem;
}
const guideTier = (): VerifiedTier => pick(['gold', 'gold', 'orange', 'yellow', 'none', 'none', 'blue']);
const anyTier = (): VerifiedTier => pick(['none', 'none', 'none', 'yellow', 'blue', 'orange', 'gold']);

function guide(category: string, refs: (it: CatalogueItem) => Piece[], over: Partial<CaseSpec> = {}): CaseSpec {
  const it = nextItem();
  return {
    category,
    isGuide: true,
    items: [it.item_id],
    tier: guideTier(),
    name: pick(NAMES),
    body: [
      text(`${pick(GUIDE_OPEN)}${rand() < 0.5 ? it.short_title : ''}`),
      emoji(),
      text(' '),
      ...refs(it),
      text(` ${pick(GUIDE_CLOSE)}`),
    ],
    ...over,
  };
}

function buildCases(items: CatalogueItem[]): CaseSpec[] {
  pool = items;
  const cases: CaseSpec[] = [];
  const add = (n: number, f: (i: number) => CaseSpec) => {
    for (let i = 0; i < n; i++) cases.push(f(i));
  };

  // Item pages, every URL form, behind Weibo's sinaurl wrapper with the taobao/buy icon.
  add(40, (i) =>
    guide('item-url', (it) => [wrapLink(itemUrlForms(it)[i % 8] as string, i % 3 === 0 ? 'buy' : 'taobao')]),
  );
  // Item URL pasted as plain text (no scheme, sometimes).
  add(8, (i) =>
    guide('item-url-text', (it) => [
      text(i % 2 ? `item.taobao.com/item.htm?id=${it.item_id}` : `https://detail.tmall.com/item.htm?id=${it.item_id}`),
    ]),
  );
  // Share short links, wrapped or as text, m.tb.cn and e.tb.cn.
  add(22, (i) =>
    guide('short-link', (it) => {
      const host = i % 4 === 3 ? 'e.tb.cn' : 'm.tb.cn';
      const url = `https://${host}/h.${token(it)}${i % 2 ? `?sm=${B62(6).toLowerCase()}` : `?tk=${B62(8)}`}`;
      return i % 3 === 0 ? [text(url)] : [wrapLink(url, 'taobao')];
    }),
  );
  add(15, (i) =>
    guide('affiliate-link', (it) => [
      i % 2 ? wrapLink(`https://s.click.taobao.com/${code(it)}`, 'buy') : text(`领券 s.click.taobao.com/${code(it)}`),
    ]),
  );
  add(10, () =>
    guide('coupon-link', (it) => [
      text('先领券再下单 '),
      wrapLink(
        `https://uland.taobao.com/coupon/edetail?e=${B62(24)}&itemId=${it.item_id}&pid=mm_${int(10000, 99999)}_${int(1000, 9999)}_${int(100000, 999999)}`,
        'taobao',
      ),
    ]),
  );
  // 淘口令 in every delimiter style, the iOS long form, full-width, zero-width salted, obfuscated share text.
  add(32, () => guide('tpwd', (it) => [text(pick(SHARE_WRAP)(tpwdText(it.tpwd)))]));
  add(8, () => guide('tpwd-ios', (it) => [text(tpwdText(it.tpwd, 'ios', it))]));
  add(6, (i) =>
    guide('tpwd-normalise', (it) => [text(`复制 ${tpwdText(it.tpwd, i % 2 ? 'fullwidth' : 'zw')} 打开淘宝`)]),
  );
  // Product named in prose, no link: guide vocabulary and/or an influencer author.
  add(34, () => {
    const it = nextItem();
    return {
      category: 'name-only',
      isGuide: true,
      items: [],
      textItem: it.item_id,
      tier: guideTier(),
      name: pick(NAMES),
      body: [text(`${pick(GUIDE_OPEN)}${mention(it)}，${pick(GUIDE_CLOSE)}`)],
    };
  });
  // Reposts of guide posts (the reposter adds nothing or a short comment).
  add(20, (i) => {
    const it = nextItem();
    const ref: Piece[] =
      i % 3 === 0 ? [text(pick(SHARE_WRAP)(tpwdText(it.tpwd)))] : [wrapLink(itemUrlForms(it)[i % 8] as string)];
    return {
      category: 'repost-of-guide',
      isGuide: true,
      items: [it.item_id],
      tier: anyTier(),
      name: pick(CASUAL_NAMES),
      body: [text(pick(['转发微博', '马住', '求链接的看这里', '//@朋友:好看', '已买']))],
      repost: {
        name: pick(NAMES),
        tier: pick(['gold', 'orange', 'yellow']),
        body: [text(`${pick(GUIDE_OPEN)} `), ...ref, text(` ${pick(GUIDE_CLOSE)}`)],
      },
    };
  });
  // The DOM shows only a t.cn link; the page JSON expands it (object_type product).
  add(16, (i) => {
    const it = nextItem();
    const short = tcn();
    const long = i % 2 ? it.short_url : (itemUrlForms(it)[i % 8] as string);
    return {
      category: 'json-expanded',
      isGuide: true,
      items: [it.item_id],
      tier: guideTier(),
      name: pick(NAMES),
      followers: int(20_000, 5_000_000),
      body: [text(`${pick(GUIDE_OPEN)} `), { t: 'link', href: short, label: short }, text(` ${pick(GUIDE_CLOSE)}`)],
      json: {
        url_struct: [
          {
            short_url: short,
            long_url: long,
            url_title: it.short_title,
            url_type_pic: 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_taobao_default.png',
            object_type: 'product',
          },
        ],
      },
    };
  });
  // Several products in one post.
  add(12, (i) => {
    const its = Array.from({ length: 2 + (i % 3) }, () => nextItem());
    const body: Piece[] = [text(`${pick(GUIDE_OPEN)}\n`)];
    its.forEach((it, k) => {
      body.push(text(`${k + 1}. ${it.short_title} `));
      const f = (i + k) % 4;
      if (f === 0) body.push(wrapLink(itemUrlForms(it)[k % 8] as string));
      else if (f === 1) body.push(text(pick(SHARE_WRAP)(`￥${it.tpwd}￥`)));
      else if (f === 2) body.push(text(`https://m.tb.cn/h.${token(it)}`));
      else body.push(wrapLink(`https://s.click.taobao.com/${code(it)}`, 'buy'));
      body.push(text('\n'));
    });
    body.push(text(pick(GUIDE_CLOSE)));
    return {
      category: 'multi-item',
      isGuide: true,
      items: its.map((x) => x.item_id),
      tier: guideTier(),
      name: pick(NAMES),
      body,
    };
  });

  // ---- negatives that look close
  add(26, () => {
    const it = nextItem();
    return {
      category: 'casual-brand',
      isGuide: false,
      items: [],
      tier: anyTier(),
      name: pick(CASUAL_NAMES),
      body: [text(pick(CASUAL_BRAND)(it.brand)), emoji()],
    };
  });
  add(8, () => {
    const it = nextItem();
    const line = pick([
      `今天穿了${it.short_title}出门，冻死了`,
      `${it.short_title}到了，还没拆`,
      `室友买了${it.short_title}`,
    ]);
    return {
      category: 'casual-product',
      isGuide: false,
      items: [],
      tier: 'none',
      name: pick(CASUAL_NAMES),
      body: [text(line)],
    };
  });
  add(22, (i) => {
    const url = NON_SHOP_URLS[i % NON_SHOP_URLS.length] as string;
    return {
      category: 'non-shop-link',
      isGuide: false,
      items: [],
      tier: anyTier(),
      name: pick([...NAMES, ...CASUAL_NAMES]),
      body: [
        text(`${pick(['推荐一个视频', '好文分享', '这个回答说得太好了', '分享链接', '种草这篇文章'])} `),
        i % 2 ? wrapLink(url, 'web') : { t: 'link', href: tcn(), label: '网页链接', icon: 'web' },
      ],
    };
  });
  add(22, (i) => {
    // Shop links whose items are not in the catalogue, shop home pages, unknown 淘口令.
    const unknownId = String(900000000000 + int(0, 99999999));
    const forms: Piece[] = [
      wrapLink(`https://item.taobao.com/item.htm?id=${unknownId}`),
      wrapLink(`https://detail.tmall.com/item.htm?id=${unknownId}`),
      text(`https://m.tb.cn/h.${mixed(9)}?sm=abc`),
      text(pick(SHARE_WRAP)(`￥${mixed(11)}￥`)),
      wrapLink(`https://shop${int(10000, 999999)}.taobao.com/`),
      wrapLink(`https://s.click.taobao.com/${mixed(7)}`, 'buy'),
    ];
    return {
      category: 'unknown-item',
      isGuide: false,
      items: [],
      tier: guideTier(),
      name: pick(NAMES),
      body: [text(`${pick(GUIDE_OPEN)} `), forms[i % forms.length] as Piece, text(` ${pick(GUIDE_CLOSE)}`)],
    };
  });
  add(16, (i) => {
    const it = nextItem();
    return {
      category: 'ad',
      isGuide: false,
      items: [],
      tier: 'blue',
      name: `${it.brand}官方旗舰店`,
      promoted: true,
      body: [
        text(`${pick(['新品上市！', '限时特惠', '品牌日福利'])}${it.short_title} `),
        i % 2 ? wrapLink(it.item_url) : text(`￥${it.tpwd}￥`),
      ],
    };
  });
  add(28, () => ({
    category: 'daily',
    isGuide: false,
    items: [],
    tier: anyTier(),
    name: pick([...NAMES, ...CASUAL_NAMES]),
    body: [text(pick(DAILY)), emoji()],
  }));
  add(10, () => ({
    category: 'guide-words-no-product',
    isGuide: false,
    items: [],
    tier: guideTier(),
    name: pick(NAMES),
    body: [
      text(
        pick([
          '种草一家宝藏咖啡店，就在学校后门',
          '安利一部电视剧，好看到回购……不对是二刷',
          '今日份拔草：网红餐厅一般般',
          '好物分享：我家猫最爱的纸箱',
          '这本书强推，闭眼入',
        ]),
      ),
    ],
  }));

  // ---- hostile input
  add(6, (i) => {
    const it = nextItem();
    const evil = pick([
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '"><svg onload=alert(1)>',
      "'); DROP TABLE posts;--",
    ]);
    const positive = i % 2 === 0;
    return {
      category: 'hostile-html',
      isGuide: positive,
      items: positive ? [it.item_id] : [],
      tier: positive ? 'gold' : 'none',
      name: `${evil}${pick(NAMES)}`,
      body: positive ? [text(`${evil} 种草 `), text(`￥${it.tpwd}￥`)] : [text(`${evil} 哈哈`)],
    };
  });
  add(4, (i) => {
    const it = nextItem();
    const positive = i < 3;
    const filler = '今天的日记很长很长。'.repeat(6200);
    return {
      category: 'huge-post',
      isGuide: positive,
      items: positive ? [it.item_id] : [],
      tier: 'orange',
      name: pick(NAMES),
      body: positive ? [text(`种草！￥${it.tpwd}￥ `), text(filler)] : [text(filler)],
    };
  });
  add(4, () => ({
    category: 'zero-width',
    isGuide: false,
    items: [],
    tier: 'none',
    name: `零\u200b宽\u200d字\ufeff符`,
    body: [text(`种\u200b草\u200b${'\u200b'.repeat(200)}没有商品`)],
  }));
  add(8, (i) => {
    const bad = [
      'https://item.taobao.com/item.htm?id=%E0%A4%A',
      'http://[::1',
      'https://detail.tmall.com/item.htm?id=12ab34',
      '%%%%',
      'https://m.tb.cn/h.',
      'javascript:alert(1)',
      'https://s.click.taobao.com/',
      '//weibo.cn/sinaurl?u=%ZZ%ZZ',
    ][i] as string;
    return {
      category: 'malformed-url',
      isGuide: false,
      items: [],
      tier: anyTier(),
      name: pick(CASUAL_NAMES),
      body: [text('看看这个 '), { t: 'link', href: bad, label: '网页链接', icon: 'taobao' }],
    };
  });
  add(6, (i) => {
    const it = nextItem();
    const missing = (['text', 'header', 'footer', 'permalink', 'footer', 'header'] as const)[i] ?? 'text';
    // Without a body or a permalink there is nothing to show a card on; without header/footer the post still works.
    const positive = missing === 'header' || missing === 'footer';
    return {
      category: `missing-${missing}`,
      isGuide: positive,
      items: positive ? [it.item_id] : [],
      tier: 'none',
      name: pick(NAMES),
      missing,
      body: [text('好物推荐 '), wrapLink(it.item_url)],
    };
  });
  return cases;
}

// ---------------------------------------------------------------- V7 markup

interface HashSet {
  wrap: string;
  body: string;
  name: string;
  time: string;
  text: string;
  retweet: string;
  reText: string;
  num: string;
  item: string;
  /** How the article sits in the page. */
  shell: 'scroller' | 'wbpro' | 'bare';
}
const HASHES: HashSet[] = [
  {
    wrap: 'Feed_wrap_3v9LH',
    body: 'Feed_body_3R0rO',
    name: 'head_name_24eEB',
    time: 'head-info_time_6sFQg',
    text: '_wbtext_1h76l_19',
    retweet: 'Feed_retweet_JqZJb',
    reText: 'detail_reText_30vF1',
    num: 'toolbar_num_JXZul',
    item: 'toolbar_item_1ky_D',
    shell: 'scroller',
  },
  {
    wrap: 'Feed_wrap_8kQ1z',
    body: 'Feed_body_Xy77p',
    name: 'head_name_pq3Rt',
    time: 'head-info_time_R2d9c',
    text: 'detail_wbtext_4CRf9',
    retweet: 'Feed_retweet_kk21A',
    reText: 'detail_reText_Mm0n1',
    num: 'toolbar_num_a8Bc2',
    item: 'toolbar_item_Zq1w2',
    shell: 'wbpro',
  },
  {
    wrap: 'Feed_wrap_Zz0aa',
    body: 'Feed_body_0o9iU',
    name: 'head_name_LLm4n',
    time: '_time_7uJ3k_21',
    text: '_wbtext_q0p9r_44',
    retweet: '_retweet_b7c6d_3',
    reText: '_reText_w1e2r_8',
    num: '_num_t5y6u_12',
    item: '_item_i9o8p_5',
    shell: 'bare',
  },
  {
    wrap: 'Feed_wrap_Qm5Tx',
    body: 'Feed_body_h4J2k',
    name: 'head_name_nB7vC',
    time: 'head-info_time_Ww81e',
    text: 'detail_wbtext_Yt6Rr',
    retweet: 'Feed_retweet_Ae3Sd',
    reText: 'detail_reText_Fg5Hj',
    num: 'toolbar_num_Kl9Zx',
    item: 'toolbar_item_Cv2Bn',
    shell: 'scroller',
  },
];

const ICONS = {
  taobao: 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_taobao_default.png',
  buy: 'https://h5.sinaimg.cn/upload/2016/11/23/433/timeline_card_small_buy_default.png',
  web: 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_web_default.png',
  video: 'https://h5.sinaimg.cn/upload/2015/09/25/3/timeline_card_small_video_default.png',
};

function renderPieces(pieces: Piece[]): string {
  return pieces
    .map((p) => {
      if (p.t === 'text') return esc(p.s).replace(/\n/g, '<br>');
      if (p.t === 'emoji')
        return `<img alt="${esc(p.alt)}" title="${esc(p.alt)}" src="https://face.t.sinajs.cn/t4/appstyle/expression/ext/normal/6e/2018new_hashiqi_org.png" class="woo-emotion">`;
      const icon = p.icon ? `<img class="icon-link" src="${ICONS[p.icon]}">` : '';
      return `<a href="${esc(p.href)}" target="_blank">${icon}${esc(p.label)}</a>`;
    })
    .join('');
}

function badge(tier: VerifiedTier, title = true): string {
  const t = title ? ` title="${tier === 'blue' ? '微博官方认证' : '微博个人认证'}"` : '';
  switch (tier) {
    case 'gold':
      return `<div class="woo-avatar-icon"${t}><i class="woo-icon-wrap"><i class="woo-icon-main woo-icon--vgold"><i class="woo-icon__frames"></i></i></i></div>`;
    case 'orange':
      return `<div class="woo-avatar-icon"${t}><i class="woo-icon-wrap"><i class="woo-icon-main woo-icon--vgold"><i class="woo-icon__vorange"></i></i></i></div>`;
    case 'yellow':
      return `<div class="woo-avatar-icon"${t}><i class="woo-icon-wrap"><i class="woo-icon-main woo-icon--vyellow"></i></i></div>`;
    case 'blue':
      return `<div class="woo-avatar-icon"${t}><i class="woo-icon-wrap"><i class="woo-icon-main woo-icon--vblue"></i></i></div>`;
    default:
      return '';
  }
}

function count(): string {
  const r = rand();
  if (r < 0.2) return '';
  if (r < 0.6) return String(int(1, 9999));
  if (r < 0.9) return `${int(1, 99)}.${int(0, 9)}万`;
  return `${int(1, 3)}亿`;
}

function renderPc(c: CaseSpec, id: string, uid: string, h: HashSet): string {
  const name = esc(c.name);
  const header =
    c.missing === 'header'
      ? ''
      : `<header class="woo-box-flex">
  <a href="/u/${uid}" class="ALink_default_2ibt1"><div class="woo-avatar-main woo-avatar-hover" usercard="${uid}"><img src="https://tvax1.sinaimg.cn/crop.0.0.180/${B62(8)}.jpg" class="woo-avatar-img">${badge(c.tier)}</div></a>
  <div class="woo-box-item-flex head_main_3DRDm">
    <div class="woo-box-flex woo-box-alignCenter head_nick_1yix2">${c.promoted ? '<div class="wbpro-tag wbpro-tag-c2">广告</div>' : ''}<a class="ALink_default_2ibt1 head_cut_2Zcft ${h.name}" href="/u/${uid}" usercard="${uid}"><span title="${name}">${name}</span></a></div>
    <div class="woo-box-flex woo-box-alignCenter head-info_info_2AspQ">${c.missing === 'permalink' ? `<span class="${h.time}">3分钟前</span>` : `<a class="${h.time}" href="https://weibo.com/${uid}/${id}" title="24-11-${int(10, 28)} ${int(10, 23)}:${int(10, 59)}">${int(1, 59)}分钟前</a>`}<div class="head-info_cut_1tPQI head-info_source_2zcEX">来自 ${pick(['iPhone客户端', '微博 weibo.com', 'HUAWEI Mate 60', '小米14'])}</div></div>
  </div>
</header>`;
  const bodyText = c.missing === 'text' ? '' : `<div class="${h.text}">${renderPieces(c.body)}</div>`;
  let repost = '';
  if (c.repost) {
    const rid = B62(9);
    const ruid = String(int(1000000000, 7999999999));
    repost = `<div class="${h.retweet}"><div class="${h.reText} wbpro-feed-reText">
  <div class="detail_nick_u1pAq"><a class="ALink_default_2ibt1" href="/u/${ruid}" usercard="${ruid}">@${esc(c.repost.name)}</a>${badge(c.repost.tier)}</div>
  <div class="${h.text}">${rand() < 0.5 ? ':' : ''}${renderPieces(c.repost.body)}</div>
  <div class="detail_info_x0Lp2"><a class="${h.time}" href="https://weibo.com/${ruid}/${rid}" title="24-11-20 19:00">11-20 19:00</a></div>
</div></div>`;
  }
  const pics =
    rand() < 0.4
      ? `<div class="picture picture-box_row_30Iwo"><div class="woo-box-flex woo-box-wrap">${Array.from({ length: int(1, 4) }, () => `<div class="woo-box-item-inlineBlock"><div class="woo-picture-main woo-picture-square"><div class="woo-picture-slot"><img src="https://wx${int(1, 4)}.sinaimg.cn/orj360/${B62(12)}.jpg" class="woo-picture-img"></div></div></div>`).join('')}</div></div>`
      : '';
  const num = (n: string, label: string) => `<span class="${h.num}">${n || label}</span>`;
  const footer =
    c.missing === 'footer'
      ? ''
      : `<footer aria-label="">
  <div class="woo-box-flex woo-box-alignCenter toolbar_left_2vlsY toolbar_main_3Mxwo">
    <div class="woo-box-item-flex ${h.item}"><div class="woo-box-flex woo-box-alignCenter toolbar_wrap_np6Ug"><i class="woo-font woo-font--retweet" title="转发"></i>${num(count(), '转发')}</div></div>
    <div class="woo-box-item-flex ${h.item}"><div class="woo-box-flex woo-box-alignCenter toolbar_wrap_np6Ug"><i class="woo-font woo-font--comment" title="评论"></i>${num(count(), '评论')}</div></div>
    <div class="woo-box-item-flex ${h.item}"><div class="woo-box-flex woo-box-alignCenter toolbar_wrap_np6Ug"><button class="woo-like-main toolbar_btn_Cg9tz" title="赞"><span class="woo-like-iconWrap"><svg class="woo-like-icon"><use xlink:href="#woo_svg_like"></use></svg></span><span class="woo-like-count">${count() || '赞'}</span></button></div></div>
  </div>
</footer>`;
  const article = `<article class="woo-panel-main woo-panel-top woo-panel-right woo-panel-bottom woo-panel-left ${h.wrap} Feed_normal_12A98" tabindex="0">
<div class="${h.body}">
${header}
<div class="wbpro-feed-content"><div class="detail_text_1U10O detail_ogText_2Z1Q8 wbpro-feed-ogText">${bodyText}</div>${pics}</div>
${repost}
</div>
${footer}
</article>`;
  if (h.shell === 'scroller')
    return `<div class="vue-recycle-scroller__item-view" style="transform: translateY(${int(0, 90000)}px);">${article}</div>`;
  if (h.shell === 'wbpro') return `<div class="wbpro-scroller-item">${article}</div>`;
  return article;
}

function pageShell(title: string, h: HashSet, items: string[]): string {
  const inner = items.join('\n');
  const feed =
    h.shell === 'scroller'
      ? `<div class="vue-recycle-scroller ready direction-vertical wbpro-scroller"><div class="vue-recycle-scroller__item-wrapper">${inner}</div></div>`
      : `<div class="${h.body.replace('Feed_body', 'Home_feed')}">${inner}</div>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body><div id="app"><div class="woo-box-flex Frame_content_3XrxZ"><main class="Main_full_1dfQX">${feed}</main></div></div></body></html>
`;
}

// ---------------------------------------------------------------- m.weibo.cn markup

function mobileBadge(tier: VerifiedTier): string {
  const cls = {
    gold: 'm-icon-goldv-static',
    orange: 'm-icon-orangev',
    yellow: 'm-icon-yellowv',
    blue: 'm-icon-bluev',
    none: '',
  }[tier];
  return cls ? `<i class="m-icon ${cls}"></i>` : '';
}

function renderMobile(c: CaseSpec, mid: string, uid: string): string {
  const pieces = c.body.map((p) =>
    p.t === 'link'
      ? `<a href="${esc(p.href)}">${p.icon ? `<span class="url-icon"><img style="width: 1rem;height: 1rem" src="${ICONS[p.icon]}"></span>` : ''}<span class="surl-text">${esc(p.label)}</span></a>`
      : renderPieces([p]),
  );
  const rp = c.repost
    ? `<div class="weibo-rp"><div class="weibo-text"><span><a href="/n/${esc(c.repost.name)}">@${esc(c.repost.name)}</a>:</span>${c.repost.body
        .map((p) =>
          p.t === 'link'
            ? `<a href="${esc(p.href)}"><span class="url-icon"><img src="${ICONS.taobao}"></span><span class="surl-text">${esc(p.label)}</span></a>`
            : renderPieces([p]),
        )
        .join('')}</div></div>`
    : '';
  return `<div class="card m-panel card9 weibo-member">
  <div class="card-wrap"><div class="card-main">
    <header class="weibo-top m-box m-avatar-box">
      <a class="m-img-box" href="/profile/${uid}"><img src="https://tvax3.sinaimg.cn/${B62(8)}.jpg">${mobileBadge(c.tier)}</a>
      <div class="m-box-col m-box-dir m-box-center"><div class="m-text-box"><a href="/profile/${uid}"><h3 class="m-text-cut">${esc(c.name)}</h3></a>
        <h4 class="m-text-cut"><span class="time">${int(1, 59)}分钟前</span><span class="from">来自 iPhone</span></h4></div></div>
      ${c.promoted ? '<div class="card-title">广告</div>' : ''}
    </header>
    <article class="weibo-main">
      <div class="weibo-og"><div class="weibo-text">${pieces.join('')} <a href="/status/${mid}">全文</a></div></div>
      ${rp}
    </article>
    <footer class="f-footer-ctrl m-ctrl-box">
      <div class="m-diy-btn m-box-col m-box-center m-box-center-a"><i class="m-font m-font-forward"></i><h4>${count() || '转发'}</h4></div>
      <div class="m-diy-btn m-box-col m-box-center m-box-center-a"><i class="m-font m-font-comment"></i><h4>${count() || '评论'}</h4></div>
      <div class="m-diy-btn m-box-col m-box-center m-box-center-a"><span class="m-icon m-icon-like"></span><h4>${count() || '赞'}</h4></div>
    </footer>
  </div></div>
</div>`;
}

// ---------------------------------------------------------------- main

export interface CorpusLabel {
  id: string;
  site: 'weibo-pc' | 'weibo-mobile';
  file: string;
  category: string;
  isGuide: boolean;
  /** Explicit references' item ids in text order. */
  items: string[];
  /** The item a text-only mention names. */
  textItem?: string;
  json: boolean;
}

function main(): void {
  const catalogue = generateCatalogue();
  const cases = buildCases(catalogue);
  // Shuffle so every file mixes categories.
  for (let i = cases.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [cases[i], cases[j]] = [cases[j] as CaseSpec, cases[i] as CaseSpec];
  }
  mkdirSync(OUT, { recursive: true });
  const labels: CorpusLabel[] = [];
  const pageJson: Record<string, unknown> = {};
  const mobileCount = 42;
  const pc = cases.slice(0, cases.length - mobileCount);
  const mobile = cases.slice(cases.length - mobileCount);

  const perFile = Math.ceil(pc.length / HASHES.length);
  HASHES.forEach((h, f) => {
    const file = `weibo-pc-${f + 1}.html`;
    const chunk = pc.slice(f * perFile, (f + 1) * perFile);
    const html = chunk.map((c) => {
      const id = B62(9);
      const uid = String(int(1000000000, 7999999999));
      // Half of the JSON-less cases still get page JSON (user info only), as the MAIN-world bridge would send it.
      // A post without header has no permalink either: only page JSON can name it (and then it gets a card).
      const withJson = c.json !== undefined || c.missing === 'header' || (c.missing !== 'permalink' && rand() < 0.3);
      if (withJson) {
        pageJson[id] = {
          mblogid: id,
          mid: String(5_000_000_000_000_000 + int(0, 99_999_999)),
          user: {
            idstr: uid,
            screen_name: c.name,
            verified_type: { none: -1, yellow: 0, orange: 0, gold: 0, blue: 3 }[c.tier],
            verified_type_ext: c.tier === 'gold' ? 1 : c.tier === 'orange' ? 0 : undefined,
            followers_count: c.followers ?? int(10, 300_000),
          },
          ...(c.json ?? {}),
        };
      }
      labels.push({
        id,
        site: 'weibo-pc',
        file,
        category: c.category,
        isGuide: c.isGuide,
        items: c.items,
        ...(c.textItem ? { textItem: c.textItem } : {}),
        json: withJson,
      });
      return renderPc(c, id, uid, h);
    });
    writeFileSync(resolve(OUT, file), pageShell(`微博 corpus ${f + 1}`, h, html));
  });

  const cards = mobile.map((c) => {
    const mid = String(4_900_000_000_000_000 + int(0, 99_999_999));
    const uid = String(int(1000000000, 7999999999));
    const withJson = c.json !== undefined;
    if (withJson) pageJson[mid] = { mid, ...(c.json ?? {}) };
    labels.push({
      id: mid,
      site: 'weibo-mobile',
      file: 'm-weibo-cn.html',
      category: c.category,
      isGuide: c.isGuide,
      items: c.items,
      ...(c.textItem ? { textItem: c.textItem } : {}),
      json: withJson,
    });
    return renderMobile(c, mid, uid);
  });
  writeFileSync(
    resolve(OUT, 'm-weibo-cn.html'),
    `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>微博</title></head><body><div id="app"><div class="main-wrap"><div class="wb-item-wrap">${cards.map((c) => `<div class="wb-item">${c}</div>`).join('\n')}</div></div></div></body></html>\n`,
  );
  writeFileSync(
    resolve(OUT, 'labels.json'),
    `${JSON.stringify({ seed: SEED, catalogue: { seed: 20261124, count: catalogue.length }, posts: labels }, null, 1)}\n`,
  );
  writeFileSync(resolve(OUT, 'page-json.json'), `${JSON.stringify(pageJson, null, 1)}\n`);
  const byCat = new Map<string, number>();
  for (const l of labels) byCat.set(l.category, (byCat.get(l.category) ?? 0) + 1);
  console.log(`wrote ${labels.length} posts (${labels.filter((l) => l.isGuide).length} guide) to ${OUT}`);
  console.log([...byCat].map(([k, v]) => `${k}:${v}`).join(' '));
}

main();
