import type { CatalogueItem } from '../utils/catalogue/schema';
import { seededRandom } from '../utils/random';

/**
 * Seeded generator of demo feed posts shaped like weibo.com's `mblog` JSON, each with a ground-truth label.
 * Everything here is deterministic in `seed` so benchmarks and tests can compare runs.
 */

export type DemoKind =
  /** Influencer shopping-guide post referencing catalogue items. */
  | 'guide'
  /** Repost of a guide post: counts as a guide post, same items. */
  | 'guide-repost'
  | 'ordinary'
  /** Organisation (blue V) news. */
  | 'news'
  /** Promoted post (广告 / 荐读): never gets a card even with shop links. */
  | 'ad'
  /** Repost of an ordinary post. */
  | 'repost'
  /** Close negative: brands or guide words without shopping intent. */
  | 'brand-talk'
  /** Close negative: links, none to a shop. */
  | 'non-shop-link'
  /** Shop links / 淘口令 whose items are not in the catalogue. */
  | 'unknown-item'
  /** Markup and control characters in text and names, rendered as text. */
  | 'hostile';

export const GUIDE_KINDS: readonly DemoKind[] = ['guide', 'guide-repost'];

export interface DemoLabel {
  kind: DemoKind;
  /** Catalogue ids the post explicitly references (links, 淘口令) or clearly names; empty ⇒ no card. */
  expectedItemIds: string[];
}

export interface DemoUser {
  id: number;
  idstr: string;
  screen_name: string;
  /** Follows the real API: avatar URLs on sinaimg. */
  profile_image_url: string;
  avatar_large: string;
  avatar_hd: string;
  verified: boolean;
  /** -1 none, 0 personal, 1–7 organisations. */
  verified_type: number;
  /** With verified_type 0: 1 gold, 0 orange; absent for yellow V. */
  verified_type_ext?: number;
  verified_reason?: string;
  description: string;
  followers_count: number;
  followers_count_str: string;
  mbrank: number;
}

export interface DemoUrlStruct {
  url_title: string;
  url_type_pic: string;
  ori_url: string;
  page_id?: string;
  short_url: string;
  long_url: string;
  url_type: number;
  result: boolean;
  actionlog?: Record<string, string>;
  storage_type?: string;
  /** Weibo marks commerce links `product`; not always present, so consumers cannot rely on it alone. */
  object_type?: string;
}

export interface DemoPicVariant {
  url: string;
  width: number;
  height: number;
  cut_type?: number;
  type?: string | null;
}

export interface DemoPicInfo {
  thumbnail: DemoPicVariant;
  bmiddle: DemoPicVariant;
  large: DemoPicVariant;
  original: DemoPicVariant;
  object_id: string;
  pic_id: string;
  photo_tag: number;
  type: 'pic';
  pic_status: number;
}

export interface DemoMblog {
  visible: { type: number; list_id: number };
  created_at: string;
  id: number;
  idstr: string;
  mid: string;
  mblogid: string;
  user: DemoUser;
  can_edit: boolean;
  textLength: number;
  source: string;
  favorited: boolean;
  text_raw: string;
  isLongText: boolean;
  pic_ids: string[];
  pic_num: number;
  pic_infos?: Record<string, DemoPicInfo>;
  url_struct?: DemoUrlStruct[];
  topic_struct?: { title: string; topic_url: string; topic_title: string }[];
  retweeted_status?: DemoMblog;
  reposts_count: number;
  comments_count: number;
  attitudes_count: number;
  attitudes_status: number;
  isAd?: boolean;
  /** 1 for promoted posts, like the real feed. */
  mblogtype: number;
  promotion?: { type: 'ad'; recommend: string; adtype: number; monitor_url: string[] };
  region_name?: string;
}

export interface DemoPost extends DemoMblog {
  label: DemoLabel;
}

export interface GenerateDemoPostsOptions {
  seed: number;
  count: number;
  catalogue: CatalogueItem[];
  /** Newest post's time (ms since epoch); older posts step back from it. Default 2026-11-24 12:00 +08:00. */
  newestAt?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  shuffle<T>(list: T[]): T[];
  token(len: number, alphabet?: string): string;
}

export function createRng(seed: number): Rng {
  const next = seededRandom(seed >>> 0 || 0x9e3779b9);
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => {
      if (list.length === 0) throw new Error('pick from empty list');
      return list[Math.floor(next() * list.length)] as (typeof list)[number];
    },
    chance: (p) => next() < p,
    shuffle: (list) => {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [list[i], list[j]] = [list[j] as (typeof list)[number], list[i] as (typeof list)[number]];
      }
      return list;
    },
    token: (len, alphabet = BASE62) => {
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
  };
  return rng;
}

const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Weibo's own mid → mblogid: 7-digit groups from the right, each base62-encoded (4 chars, the first unpadded). */
export function midToMblogid(mid: string): string {
  const groups: string[] = [];
  for (let end = mid.length; end > 0; end -= 7) groups.unshift(mid.slice(Math.max(0, end - 7), end));
  return groups
    .map((g, i) => {
      let n = Number.parseInt(g, 10);
      let s = '';
      do {
        s = BASE62[n % 62] + s;
        n = Math.floor(n / 62);
      } while (n > 0);
      return i === 0 ? s : s.padStart(4, '0');
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Constants shared with the page and the build

export const ICON_BASE = 'https://h5.sinaimg.cn/upload/2015/09/25/3/';
export const ICONS = {
  web: `${ICON_BASE}timeline_card_small_web_default.png`,
  taobao: `${ICON_BASE}timeline_card_small_taobao_default.png`,
  buy: `${ICON_BASE}timeline_card_small_buy_default.png`,
} as const;

/** Picture themes; the build draws one SVG per pid with the theme's colours and label. */
export const PIC_THEMES = [
  '美妆',
  '服饰',
  '数码',
  '家居',
  '食品',
  '母婴',
  '运动',
  '个护',
  '箱包',
  '宠物',
  '猫',
  '美食',
  '天空',
  '城市',
  '咖啡',
  '旅行',
  '花',
  '书',
  '新闻',
  '海报',
] as const;
export type PicTheme = (typeof PIC_THEMES)[number];
const PICS_PER_THEME = 10;

/** Deterministic picture pool: `pid → theme`, fixed for all seeds so the build can draw every picture once. */
export function picturePool(): Map<string, { theme: PicTheme; index: number }> {
  const rng = createRng(0x51a1);
  const pool = new Map<string, { theme: PicTheme; index: number }>();
  for (const theme of PIC_THEMES) {
    for (let i = 0; i < PICS_PER_THEME; i++) {
      // Real pids look like 006APoFYly1hq2x3c4d5ej30u01hc0wq: uid-ish prefix, "ly1", hash, size code.
      const pid = `00${rng.token(6)}ly1h${rng.token(15, '0123456789abcdefghijklmnopqrstuvwxyz')}j30u0${rng.token(4, '0123456789abcdefghijklmnopqrstuvwxyz')}`;
      pool.set(pid, { theme, index: i });
    }
  }
  return pool;
}

const PIDS_BY_THEME = (() => {
  const byTheme = new Map<PicTheme, string[]>();
  for (const [pid, { theme }] of picturePool()) {
    const list = byTheme.get(theme) ?? [];
    list.push(pid);
    byTheme.set(theme, list);
  }
  return byTheme;
})();

export function avatarPid(uid: string): string {
  return `avatar-${uid}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Authors

type AuthorRole = 'influencer' | 'org' | 'brand' | 'ordinary' | 'hostile';

const INFLUENCER_NAMES = [
  '小鹿种草日记',
  '是阿绵呀',
  '好物研究所所长',
  '柚子的购物车',
  '成分党小林',
  '美妆博主Coco',
  '林小满的生活',
  '数码君不加班',
  '居家收纳控阿岚',
  '宝妈的育儿清单',
  '吃货阿七',
  '健身少女Yuki',
  '精致穷鬼联盟',
  '拔草小分队',
  '奶茶不加糖_',
  '一只会穿搭的猫',
  '开箱狂魔老K',
  '打工人好物',
  '护肤笔记本',
  '穿搭灵感库',
  '毛孩子的家',
  '周末不宅家',
  '秋秋的梳妆台',
  '理性种草机',
  '省钱小能手Lily',
  '大橙子测评',
  '阿桃今天买了啥',
  '宿舍神器推荐官',
  '旅行箱里的秘密',
  '厨房小白日记',
  '通勤穿搭王',
  '极简主义者Mo',
  '香水收藏家',
  '跑者老周',
  '喵星人补给站',
  '学生党平价好物',
  '新手妈妈日常',
  '潮玩阿豪',
  '家电测评室',
  '种草机器人小美',
] as const;

const ORG_NAMES: readonly [string, number][] = [
  ['新闻速递', 3],
  ['城市晚报', 3],
  ['科技每日', 3],
  ['天气预报员', 2],
  ['交通广播', 3],
  ['体育频道', 3],
  ['生活观察', 3],
  ['财经快讯', 3],
  ['博物馆之声', 1],
  ['图书馆通知', 1],
  ['健康时报', 3],
  ['青年文摘', 3],
];

const BRAND_ACCOUNTS = ['官方旗舰店', '品牌官微', 'Official', '中国', '官方微博'] as const;

const ORDINARY_FIRST = [
  '今天也要',
  '不吃香菜的',
  '爱喝',
  '努力的',
  '熬夜的',
  '会飞的',
  '社恐',
  '住在',
  '慢吞吞的',
  '晒太阳的',
  '想去海边的',
  '喜欢下雨的',
  '早睡早起的',
  '吃不胖的',
  '路过的',
] as const;
const ORDINARY_LAST = [
  '小熊',
  '橘子汽水',
  '打工人',
  '咸鱼',
  '阿猫',
  '土豆',
  '小王',
  '星星',
  '小太阳',
  '兔子',
  '大白',
  '西瓜',
  '蘑菇',
  '饺子',
  '奶盖',
  '芒果',
  '小陈',
  '鲸鱼',
] as const;

const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  '<script>alert("name")</script>',
  '"><svg onload=alert(2)>',
  '小\u200b红\u200d书\u2060搬运工',
  '\u202e反向文字测试',
  '{{constructor.constructor("alert(3)")()}}',
] as const;

function followersStr(n: number): string {
  if (n >= 1e8) return `${(n / 1e8).toFixed(1).replace(/\.0$/, '')}亿`;
  if (n >= 1e4) return `${(n / 1e4).toFixed(1).replace(/\.0$/, '')}万`;
  return String(n);
}

interface AuthorPools {
  influencers: DemoUser[];
  orgs: DemoUser[];
  /** Official accounts of catalogue brands; their ads promote their own items. */
  brands: { brand: string; user: DemoUser }[];
  ordinary: DemoUser[];
  hostile: DemoUser[];
}

function makeUser(rng: Rng, uid: number, name: string, role: AuthorRole, extra: Partial<DemoUser> = {}): DemoUser {
  const idstr = String(uid);
  const avatar = (size: number) => `https://tvax1.sinaimg.cn/crop.0.0.${size}.${size}.180/${avatarPid(idstr)}.jpg`;
  let verified_type = -1;
  let verified_type_ext: number | undefined;
  let followers = rng.int(20, 3000);
  let reason: string | undefined;
  if (role === 'influencer') {
    verified_type = 0;
    const tier = rng.next();
    // Gold (ext 1) for the biggest accounts, orange (ext 0) for mid-size ones, yellow V (no ext) for the rest.
    if (tier < 0.35) {
      verified_type_ext = 1;
      followers = rng.int(1_000_000, 30_000_000);
    } else if (tier < 0.75) {
      verified_type_ext = 0;
      followers = rng.int(100_000, 2_000_000);
    } else {
      followers = rng.int(20_000, 400_000);
    }
    reason = rng.pick(['美妆博主', '时尚博主', '好物推荐博主', '数码博主', '生活博主', '母婴育儿博主', '美食博主']);
  } else if (role === 'org' || role === 'brand') {
    verified_type = role === 'brand' ? 2 : (extra.verified_type ?? 3);
    followers = rng.int(200_000, 60_000_000);
    reason = role === 'brand' ? `${name}官方微博` : `${name}官方微博`;
  } else if (role === 'ordinary' && rng.chance(0.08)) {
    verified_type = 0;
    followers = rng.int(2_000, 80_000);
    reason = '微博个人认证';
  }
  return {
    id: uid,
    idstr,
    screen_name: name,
    profile_image_url: avatar(50),
    avatar_large: avatar(180),
    avatar_hd: avatar(1024),
    verified: verified_type >= 0,
    verified_type,
    ...(verified_type_ext === undefined ? {} : { verified_type_ext }),
    ...(reason ? { verified_reason: reason } : {}),
    description: role === 'influencer' ? '合作请私信 | 只分享自己用过的好物' : '',
    followers_count: followers,
    followers_count_str: followersStr(followers),
    mbrank: rng.int(0, 7),
    ...extra,
  };
}

function makeAuthors(rng: Rng, catalogue: CatalogueItem[]): AuthorPools {
  let uid = 1_700_000_000 + rng.int(0, 99_999);
  const nextUid = () => {
    uid += rng.int(1_000, 9_000_000);
    return uid;
  };
  const influencers = INFLUENCER_NAMES.map((n) => makeUser(rng, nextUid(), n, 'influencer'));
  const orgs = ORG_NAMES.map(([n, t]) => makeUser(rng, nextUid(), n, 'org', { verified_type: t }));
  const brandNames = [...new Set(catalogue.map((i) => i.brand))].slice(0, 40);
  const brands = (brandNames.length > 0 ? brandNames : ['品牌']).slice(0, 12).map((b) => {
    const suffix = rng.pick(BRAND_ACCOUNTS);
    return { brand: b, user: makeUser(rng, nextUid(), `${b}${suffix}`, 'brand') };
  });
  const ordinary: DemoUser[] = [];
  const seen = new Set<string>();
  while (ordinary.length < 160) {
    let name = `${rng.pick(ORDINARY_FIRST)}${rng.pick(ORDINARY_LAST)}`;
    if (rng.chance(0.4)) name += rng.int(1, 9999);
    if (seen.has(name)) continue;
    seen.add(name);
    ordinary.push(makeUser(rng, nextUid(), name, 'ordinary'));
  }
  const hostile = HOSTILE_NAMES.map((n) => makeUser(rng, nextUid(), n, 'hostile'));
  return { influencers, orgs, brands, ordinary, hostile };
}

// ---------------------------------------------------------------------------------------------------------------
// Links and 淘口令

interface TextBuilder {
  parts: string[];
  urls: DemoUrlStruct[];
  topics: string[];
}

function newText(): TextBuilder {
  return { parts: [], urls: [], topics: [] };
}

/**
 * Weibo shortens every link in a post to t.cn and lists the expansion in `url_struct`; the PC page renders it as a
 * `//weibo.cn/sinaurl?u=` link titled by `url_title` with a type icon.
 */
function addLink(
  rng: Rng,
  tb: TextBuilder,
  longUrl: string,
  kind: 'taobao' | 'buy' | 'web',
  opts: { title?: string; product?: boolean } = {},
): string {
  const short = `http://t.cn/A6${rng.token(6)}`;
  tb.urls.push({
    url_title: opts.title ?? '网页链接',
    url_type_pic: ICONS[kind],
    ori_url: `sinaweibo://browser?url=${encodeURIComponent(longUrl)}`,
    short_url: short,
    long_url: longUrl,
    url_type: kind === 'web' ? 0 : 39,
    result: true,
    ...(opts.product ? { object_type: 'product', page_id: `2315${rng.token(12, '0123456789')}` } : {}),
  });
  return short;
}

type RefStyle = 'item-url' | 'short-link' | 'affiliate' | 'coupon' | 'tpwd' | 'tpwd-ios' | 'tpwd-share' | 'name';

const REF_WEIGHTS: [RefStyle, number][] = [
  ['item-url', 17],
  ['short-link', 16],
  ['affiliate', 13],
  ['coupon', 9],
  ['tpwd', 18],
  ['tpwd-ios', 6],
  ['tpwd-share', 8],
  ['name', 13],
];

function pickWeighted<T>(rng: Rng, table: readonly [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of table) {
    r -= w;
    if (r < 0) return v;
  }
  return (table[table.length - 1] as [T, number])[0];
}

/** Every Taobao / Tmall item-page URL form seen in shared posts. */
function itemUrlForm(rng: Rng, id: string, tmall: boolean): string {
  const spm = `a${rng.int(200, 299)}o.${rng.int(1000, 9999)}.${rng.int(0, 99)}.${rng.token(4)}`;
  const forms = tmall
    ? [
        `https://detail.tmall.com/item.htm?id=${id}`,
        `https://detail.tmall.com/item.htm?spm=${spm}&id=${id}&skuId=${rng.int(1e12, 9e12)}`,
        `https://detail.m.tmall.com/item.htm?id=${id}`,
        `https://chaoshi.detail.tmall.com/item.htm?id=${id}`,
        `https://detail.tmall.hk/hk/item.htm?id=${id}`,
        `https://h5.m.taobao.com/awp/core/detail.htm?id=${id}`,
      ]
    : [
        `https://item.taobao.com/item.htm?id=${id}`,
        `https://item.taobao.com/item.htm?spm=${spm}&id=${id}`,
        `https://item.taobao.com/item.htm?ft=t&id=${id}`,
        `https://h5.m.taobao.com/awp/core/detail.htm?id=${id}`,
      ];
  return rng.pick(forms);
}

const TPWD_DELIMS: readonly [string, string][] = [
  ['￥', '￥'],
  ['￥', '￥'],
  ['€', '€'],
  ['$', '$'],
  ['₳', '₳'],
  ['₤', '₤'],
  ['¤', '¤'],
  ['₴', '₴'],
  ['🔑', '🔑'],
  ['👉', '👈'],
  ['啊', '啊'],
  ['(', ')'],
  ['¥', '¥'],
];

function tpwdWrap(rng: Rng, core: string): string {
  const [l, r] = rng.pick(TPWD_DELIMS);
  return `${l}${core}${r}`;
}

function shortUrlWithParams(rng: Rng, shortUrl: string): string {
  return rng.chance(0.5) ? `${shortUrl}?sm=${rng.token(6, '0123456789abcdef')}` : `${shortUrl}?tk=${rng.token(11)}`;
}

/** Writes one reference to `item` into the text in the given style; returns the text fragment. */
function referenceText(rng: Rng, tb: TextBuilder, item: CatalogueItem, style: RefStyle): string {
  const tmall = item.user_type === 1;
  const shopIcon = rng.chance(0.7) ? 'taobao' : 'buy';
  const product = rng.chance(0.6);
  const title = rng.chance(0.3) ? item.short_title : '网页链接';
  switch (style) {
    case 'item-url':
      return `链接：${addLink(rng, tb, itemUrlForm(rng, item.item_id, tmall), shopIcon, { product, title })}`;
    case 'short-link':
      return `${rng.pick(['👉', '戳：', '直达', '传送门'])}${addLink(rng, tb, shortUrlWithParams(rng, item.short_url), shopIcon, { product, title })}`;
    case 'affiliate':
      return `${rng.pick(['购买链接', '领券入口', '🛒'])} ${addLink(rng, tb, item.click_url, rng.chance(0.5) ? 'buy' : 'taobao', { product, title })}`;
    case 'coupon': {
      const pid = `mm_${rng.int(10_000_000, 999_999_999)}_${rng.int(1_000_000, 9_999_999)}_${rng.int(10_000_000_000, 99_999_999_999)}`;
      const url = `https://uland.taobao.com/coupon/edetail?activityId=${rng.token(32, '0123456789abcdef')}&itemId=${item.item_id}&pid=${pid}`;
      return `先领${item.coupon_amount}元券 ${addLink(rng, tb, url, 'taobao', { product, title })}`;
    }
    case 'tpwd':
      return `${rng.pick(['复制', '口令：', '淘口令', '复制这条'])}${tpwdWrap(rng, item.tpwd)}${rng.pick(['打开淘宝', '去手淘', '到【手机淘宝】即可查看', ''])}`;
    case 'tpwd-ios': {
      const link = addLink(rng, tb, shortUrlWithParams(rng, item.short_url), 'taobao', { product });
      return `${rng.int(10, 99)}￥${item.tpwd}￥ ${link} ${rng.pick(['CZ0001', 'MU4582', 'HU9196', 'AC01'])} ${item.title}`;
    }
    case 'tpwd-share':
      // Share text Taobao produces, with the obfuscated words it uses to dodge filters.
      return `【${rng.pick(['淘宝', '天猫', '淘♂寳♀', '綯℡寳'])}】${item.title} 復制这段描述${tpwdWrap(rng, item.tpwd)}后到◇${rng.pick(['綯♂寳♀', '手机淘宝', 'τao寶'])}◇`;
    case 'name':
      return nameOf(item);
  }
}

function nameOf(item: CatalogueItem): string {
  return item.short_title.includes(item.brand) ? item.short_title : `${item.brand}${item.short_title}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Text pools

const GUIDE_OPENERS = [
  '姐妹们！这个{name}真的绝了',
  '回购第{n}次的{name}，闭眼冲',
  '最近被问爆的同款来了：{name}',
  '【好物分享】{name}',
  '安利一个宝藏单品——{name}',
  '挖到宝了！{name}',
  '本月空瓶+回购：{name}',
  '拔草了很久终于入了{name}',
  '今日份种草：{name}',
  '被评论区安利的{name}到了',
  '谁懂啊，{name}也太好用了',
  '真心推荐{name}，不是广',
  '无限回购的{name}又补货了',
  '{name}真香警告⚠️',
  '这个{name}我能吹一年',
] as const;

const GUIDE_BODY: Record<string, readonly string[]> = {
  美妆: ['上脸很服帖，一整天不卡粉', '显色度超高，黄皮也能驾驭', '质地轻薄，带妆八小时没问题', '颜色温柔又显白'],
  服饰: ['面料软糯不起球', '版型超级显瘦，小个子也友好', '通勤约会都能穿', '洗了好几次也不变形'],
  数码: ['续航比我想象的还顶', '做工扎实，手感很好', '连接很稳，延迟几乎感觉不到', '学生党性价比之选'],
  家居: ['收纳能力一绝，桌面瞬间清爽', '颜值高，放哪都好看', '安装简单，十分钟搞定', '全家人都说好用'],
  食品: ['一口下去太满足了', '办公室囤货必备', '低卡又好吃，减肥期也能吃', '酸甜刚好，不腻'],
  母婴: ['宝宝用了不红屁屁', '材质安全，妈妈放心', '出门带着超方便', '宝宝很喜欢，一放下就玩半天'],
  运动: ['跑了十公里脚不累', '吸汗速干，健身房穿正好', '弹性很好，深蹲不尴尬', '回弹感很强'],
  个护: ['洗完头发蓬松一整天', '味道超好闻，留香很久', '温和不刺激，敏感肌能用', '刷完牙很清爽'],
  箱包: ['能装下笔记本和水杯', '很轻，背一天肩膀不累', '五金质感很好', '通勤、出差都合适'],
  宠物: ['我家主子吃得超香', '猫咪不再挑食了', '毛发变得亮亮的', '铲屎官省心不少'],
};

const GUIDE_PRICE = [
  '券后只要{price}元',
  '到手{price}，比专柜便宜一半',
  '今天活动价{price}元',
  '原价{reserve}，现在{price}冲',
  '领券立减{coupon}元',
  '{price}元拿下，血赚',
] as const;

const GUIDE_CLOSERS = [
  '冲！',
  '拔草不亏～',
  '链接放这了👇',
  '有问题评论区问我',
  '手慢无！',
  '真的可以闭眼入',
  '自用分享，无广',
  '买了的姐妹来交作业',
  '我已经回购三次了',
  '[心][心][心]',
  '[赞]',
] as const;

const GUIDE_TOPICS = ['好物分享', '种草', '好物推荐', '拔草', '双十一攻略', '平价好物', '回购清单'] as const;

const LIFE_SENTENCES = [
  '今天的晚霞好好看',
  '加班到十点，终于下班了',
  '猫主子又把杯子推下桌了[允悲]',
  '周末去爬山，腿已经不是自己的了',
  '早八人的怨念谁懂',
  '楼下新开的面馆还不错',
  '又是想辞职的一天',
  '终于把那本书看完了，后劲好大',
  '下雨天适合睡觉',
  '今天跑了五公里，给自己点个赞',
  '阳台的绿萝又长高了',
  '地铁上看到一只很乖的狗狗',
  '为什么周一来得这么快',
  '给爸妈打了个电话，聊了一个小时',
  '学会了做可乐鸡翅[哈哈]',
  '北京今天的风好大',
  '做了一个很长的梦',
  '考研倒计时，加油',
  '终于把房间收拾干净了',
  '年终总结写不出来',
  '今天的咖啡格外苦',
  '和朋友去看了场电影，哭得稀里哗啦',
  '记录一下今天的好心情',
  '想念外婆做的红烧肉',
  '在公园喂了鸽子',
  '新手机壳到了，好看',
  '今天也是平平无奇的一天',
  '楼下的桂花开了，好香',
] as const;

const NEWS_HEADLINES = [
  ['本周末全市迎来降温', '气象部门提醒市民注意添衣保暖，外出注意交通安全。'],
  ['地铁新线路下月开通试运营', '新线全长约二十公里，设站十五座，将进一步缓解早晚高峰压力。'],
  ['国家图书馆推出线上展览', '市民在家即可浏览珍贵古籍的高清影像。'],
  ['今年首场冬季马拉松报名开启', '本次赛事设全程、半程和欢乐跑三个项目。'],
  ['科研团队在深海发现新物种', '相关成果已发表在国际学术期刊上。'],
  ['多地博物馆延长开放时间', '部分场馆周末将开放至晚上九点。'],
  ['高速公路节假日免费通行提醒', '请合理安排出行时间，避开拥堵路段。'],
  ['城市公园新增三条绿道', '总长度超过三十公里，串联起沿江景观带。'],
  ['青少年科技创新大赛落幕', '来自全国的三百余件作品参加决赛。'],
  ['流感进入高发季', '专家建议老人和儿童及时接种疫苗，注意勤洗手。'],
  ['快递业务量再创新高', '各地快递企业增派人手保障包裹及时送达。'],
  ['全国中小学将迎来寒假', '教育部门提醒家长关注孩子假期安全。'],
] as const;

const BRAND_TALK = [
  '今天路过{brand}专柜，排队的人好多，看了看就走了',
  '{brand}这次的发布会好无聊啊',
  '梦到自己在{brand}上班[允悲]',
  '{brand}的广告歌又在脑子里循环了',
  '朋友在{brand}实习，说加班好多',
  '{brand}的logo换了？没注意',
  '小时候家里用的就是{brand}，好怀旧',
  '听说{brand}要在我们这开店了',
] as const;

const GUIDE_WORDS_NO_SHOP = [
  '被这部剧种草了云南，明年一定要去',
  '安利一部老电影《海上钢琴师》，看了三遍',
  '拔草了网红餐厅，一般般，不推荐',
  '同款发型剪完，托尼老师尽力了[允悲]',
  '种草了一首歌，单曲循环一整天',
  '回购了楼下那家的烤红薯，还是那么香',
  '冲！今天的健身打卡完成',
  '好物不如好心情[哈哈]',
] as const;

const NON_SHOP_LINKS: readonly [string, string][] = [
  ['这篇文章写得很透彻', 'https://zhuanlan.zhihu.com/p/{n}'],
  ['视频做得太用心了', 'https://www.bilibili.com/video/BV1{t}'],
  ['推荐大家看看这篇', 'https://mp.weixin.qq.com/s/{t}'],
  ['这个开源项目很有意思', 'https://github.com/zhongcao-demo/{t}'],
  ['豆瓣上这条影评说出了我的心声', 'https://movie.douban.com/review/{n}/'],
  ['安利一个宝藏播客', 'https://www.xiaoyuzhoufm.com/episode/{t}'],
  ['官方通知在这里', 'https://www.gov.cn/zhengce/{n}.htm'],
];

const HOSTILE_TEXTS = [
  '测试一下 <script>alert(1)</script> 会不会弹窗',
  '<img src=x onerror=alert(document.domain)> 这是一张图吗',
  '"><svg onload=alert(1)> 哈哈哈',
  '<a href="javascript:alert(1)">点我领红包</a>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template-injection probe, on purpose
  '{{constructor.constructor("alert(1)")()}} ${alert(1)}',
  '种\u200b草\u200d好\u2060物\ufeff零宽字符测试，看起来正常吗',
  '\u202e这段文字是反着的吗\u202c 然后恢复',
  '<style>body{display:none}</style>页面还在吗',
  '<iframe src="https://evil.example/"></iframe>嵌入测试',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Post assembly

const KIND_SHARES: [DemoKind, number][] = [
  ['guide', 27],
  ['guide-repost', 5],
  ['ordinary', 26],
  ['news', 9],
  ['ad', 6],
  ['repost', 7],
  ['brand-talk', 8],
  ['non-shop-link', 6],
  ['unknown-item', 4],
  ['hostile', 2],
];

/** Kinds in feed order: exact shares (at least one of each when count allows), shuffled with the seed. */
function kindSchedule(rng: Rng, count: number): DemoKind[] {
  const total = KIND_SHARES.reduce((s, [, w]) => s + w, 0);
  const kinds: DemoKind[] = [];
  for (const [kind, w] of KIND_SHARES) {
    const n = Math.max(count >= KIND_SHARES.length ? 1 : 0, Math.round((count * w) / total));
    for (let i = 0; i < n; i++) kinds.push(kind);
  }
  while (kinds.length < count) kinds.push('ordinary');
  rng.shuffle(kinds);
  // The first screen should look like an ordinary feed; hostile posts start a little further down.
  for (let i = 0; i < Math.min(5, kinds.length); i++) {
    if (kinds[i] !== 'hostile') continue;
    const j = kinds.findIndex((k, idx) => idx >= 5 && k === 'ordinary');
    if (j > 0) [kinds[i], kinds[j]] = [kinds[j] as DemoKind, kinds[i] as DemoKind];
  }
  // Trim from the end but keep at least one of every kind.
  while (kinds.length > count) {
    const idx = kinds.lastIndexOf('ordinary');
    kinds.splice(idx >= 0 ? idx : kinds.length - 1, 1);
  }
  return kinds;
}

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Weibo's created_at format, always in +0800: `Tue Nov 24 12:00:00 +0800 2026`. */
export function weiboDate(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0800 ${d.getUTCFullYear()}`;
}

export function parseWeiboDate(s: string): number {
  return Date.parse(s.replace(/^\w{3} (\w{3}) (\d{2}) ([\d:]{8}) \+0800 (\d{4})$/, '$1 $2 $4 $3 GMT+0800'));
}

function counts(rng: Rng, big: boolean) {
  const scale = big ? rng.pick([100, 1_000, 10_000, 50_000]) : rng.pick([1, 5, 20, 100]);
  const likes = Math.floor(rng.next() * scale * 3);
  return {
    reposts_count: Math.floor(likes * rng.next() * 0.4),
    comments_count: Math.floor(likes * rng.next() * 0.3),
    attitudes_count: likes,
  };
}

function pics(rng: Rng, theme: PicTheme, n: number): Pick<DemoMblog, 'pic_ids' | 'pic_num' | 'pic_infos'> {
  const pool = PIDS_BY_THEME.get(theme) ?? [];
  const ids = rng.shuffle([...pool]).slice(0, n);
  if (ids.length === 0) return { pic_ids: [], pic_num: 0 };
  const infos: Record<string, DemoPicInfo> = {};
  for (const pid of ids) {
    const v = (size: string, w: number, h: number): DemoPicVariant => ({
      url: `https://wx${rng.int(1, 4)}.sinaimg.cn/${size}/${pid}.jpg`,
      width: w,
      height: h,
    });
    infos[pid] = {
      thumbnail: v('wap180', 180, 180),
      bmiddle: v('wap360', 360, 360),
      large: v('orj960', 960, 960),
      original: v('large', 1080, 1080),
      object_id: `1042018:${rng.token(32, '0123456789abcdef')}`,
      pic_id: pid,
      photo_tag: 0,
      type: 'pic',
      pic_status: 1,
    };
  }
  return { pic_ids: ids, pic_num: ids.length, pic_infos: infos };
}

const SOURCES = ['iPhone 15 Pro', 'HUAWEI Mate 60', '小米14', '微博 weibo.com', 'OPPO Find X7', 'vivo X100', 'iPad'];

/** Generates `count` posts, newest first, with a realistic mix of kinds and ground-truth labels. */
export function generateDemoPosts(opts: GenerateDemoPostsOptions): DemoPost[] {
  const { seed, count, catalogue } = opts;
  if (catalogue.length < 10) throw new Error('generateDemoPosts needs a catalogue of at least 10 items');
  const rng = createRng(seed);
  const authors = makeAuthors(rng, catalogue);
  const catalogueIds = new Set(catalogue.map((i) => i.item_id));
  const catalogueTokens = new Set(catalogue.map((i) => i.short_url.slice('https://m.tb.cn/h.'.length)));
  const catalogueTpwds = new Set(catalogue.map((i) => i.tpwd));
  const brands = [...new Set(catalogue.map((i) => i.brand))];
  const kinds = kindSchedule(rng, count);

  let now = opts.newestAt ?? Date.UTC(2026, 10, 24, 4, 0, 0);
  // Mids grow with time like real ones; 49… and 50… give 9-char mblogids such as Nz8kLxQ2a.
  let mid = 5_030_000_000_000_000 + rng.int(0, 999_999_999);
  const nextIds = () => {
    mid -= rng.int(10_000_000, 900_000_000);
    const m = String(mid);
    return { id: mid, idstr: m, mid: m, mblogid: midToMblogid(m) };
  };

  const unknownId = () => {
    for (;;) {
      const id = String(rng.int(600_000_000_000, 799_999_999_999));
      if (!catalogueIds.has(id)) return id;
    }
  };
  const unknownToken = () => {
    for (;;) {
      const t = rng.token(7);
      if (!catalogueTokens.has(t)) return t;
    }
  };
  const unknownTpwd = () => {
    for (;;) {
      const t = rng.token(11);
      if (!catalogueTpwds.has(t)) return t;
    }
  };

  const base = (user: DemoUser, tb: TextBuilder, at: number, extra: Partial<DemoMblog> = {}): DemoMblog => {
    const text = tb.parts.join('');
    const mblog: DemoMblog = {
      visible: { type: 0, list_id: 0 },
      created_at: weiboDate(at),
      ...nextIds(),
      user,
      can_edit: false,
      textLength: text.length,
      source: rng.pick(SOURCES),
      favorited: false,
      text_raw: text,
      isLongText: text.length > 180,
      pic_ids: [],
      pic_num: 0,
      ...(tb.urls.length > 0 ? { url_struct: tb.urls } : {}),
      ...(tb.topics.length > 0
        ? {
            topic_struct: tb.topics.map((t) => ({
              title: t,
              topic_url: `sinaweibo://searchall?q=${encodeURIComponent(`#${t}#`)}`,
              topic_title: t,
            })),
          }
        : {}),
      ...counts(rng, user.verified),
      attitudes_status: 0,
      mblogtype: 0,
      region_name: `发布于 ${rng.pick(['北京', '上海', '广东', '浙江', '四川', '江苏', '湖北', '海外'])}`,
      ...extra,
    };
    return mblog;
  };

  const guideText = (tb: TextBuilder, items: CatalogueItem[], zeroWidth: boolean) => {
    const first = items[0] as CatalogueItem;
    const vocab = (s: string) => (zeroWidth ? s.replace(/种草|好物|回购/g, (w) => `${w[0]}\u200b${w[1]}`) : s);
    tb.parts.push(vocab(fill(rng.pick(GUIDE_OPENERS), { name: nameOf(first), n: rng.int(2, 9) })));
    tb.parts.push(rng.pick(['！', '～', '，', '。\n']));
    for (const [i, item] of items.entries()) {
      if (items.length > 1) tb.parts.push(`\n${i + 1}. ${nameOf(item)}：`);
      tb.parts.push(rng.pick(GUIDE_BODY[item.cat_name] ?? GUIDE_BODY.家居 ?? ['好用']));
      tb.parts.push('，');
      tb.parts.push(
        fill(rng.pick(GUIDE_PRICE), {
          price: item.zk_final_price,
          reserve: item.reserve_price,
          coupon: item.coupon_amount === '0' || item.coupon_amount === '0.00' ? '5' : item.coupon_amount,
        }),
      );
      tb.parts.push(' ');
      const style = pickWeighted(rng, REF_WEIGHTS);
      tb.parts.push(style === 'name' ? `认准${nameOf(item)}` : referenceText(rng, tb, item, style));
      // Some influencers put a second form of the same item (tpwd + link) for app and web readers.
      if (style !== 'name' && rng.chance(0.15)) {
        tb.parts.push(' 或 ');
        tb.parts.push(referenceText(rng, tb, item, rng.pick(['tpwd', 'short-link'] as const)));
      }
    }
    tb.parts.push(' ');
    tb.parts.push(vocab(rng.pick(GUIDE_CLOSERS)));
    const topics = rng.shuffle([...GUIDE_TOPICS, `${first.cat_name}好物`]).slice(0, rng.int(0, 2));
    for (const t of topics) {
      tb.parts.push(` #${t}#`);
      tb.topics.push(t);
    }
  };

  const makeGuide = (at: number, user: DemoUser): { mblog: DemoMblog; ids: string[] } => {
    const n = rng.chance(0.8) ? 1 : rng.int(2, 3);
    const items: CatalogueItem[] = [];
    while (items.length < n) {
      const it = rng.pick(catalogue);
      if (!items.includes(it)) items.push(it);
    }
    const tb = newText();
    guideText(tb, items, rng.chance(0.05));
    if (rng.chance(0.25)) {
      // Long reviews: the reference may sit beyond the 展开 cut.
      tb.parts.unshift(
        `${rng.pick(['用了一个月来交作业。', '先说结论：值得买。', '很多人私信问我，统一回复一下。'])}${rng
          .shuffle([...LIFE_SENTENCES])
          .slice(0, rng.int(3, 6))
          .join('，')}。\n`,
      );
    }
    const first = items[0] as CatalogueItem;
    const mblog = base(user, tb, at, pics(rng, first.cat_name as PicTheme, rng.pick([0, 1, 1, 3, 4, 6, 9])));
    return { mblog, ids: items.map((i) => i.item_id) };
  };

  const makeOrdinary = (at: number, user: DemoUser): DemoMblog => {
    const tb = newText();
    tb.parts.push(
      rng
        .shuffle([...LIFE_SENTENCES])
        .slice(0, rng.int(1, 3))
        .join('，'),
    );
    if (rng.chance(0.2)) tb.parts.push(` @${rng.pick(authors.ordinary).screen_name}`);
    const theme = rng.pick(['猫', '美食', '天空', '城市', '咖啡', '旅行', '花', '书'] as const);
    return base(user, tb, at, pics(rng, theme, rng.chance(0.45) ? rng.pick([1, 1, 2, 3, 4, 9]) : 0));
  };

  const posts: DemoPost[] = [];
  let giantPlaced = false;
  for (let i = 0; i < count; i++) {
    const kind = kinds[i] as DemoKind;
    const at = now;
    now -= rng.int(30_000, 25 * 60_000);
    let mblog: DemoMblog;
    let expected: string[] = [];
    switch (kind) {
      case 'guide': {
        const g = makeGuide(at, rng.pick(authors.influencers));
        mblog = g.mblog;
        expected = g.ids;
        break;
      }
      case 'guide-repost': {
        const orig = makeGuide(at - rng.int(3_600_000, 72 * 3_600_000), rng.pick(authors.influencers));
        const tb = newText();
        tb.parts.push(
          rng.pick([
            '转发微博',
            '码住！',
            '已下单',
            `//@${orig.mblog.user.screen_name}:冲`,
            '这个我也在用，真的好',
            '求链接的看这里',
          ]),
        );
        const user = rng.chance(0.5) ? rng.pick(authors.ordinary) : rng.pick(authors.influencers);
        mblog = base(user, tb, at, { retweeted_status: orig.mblog });
        expected = orig.ids;
        break;
      }
      case 'ordinary':
        mblog = makeOrdinary(at, rng.pick(authors.ordinary));
        break;
      case 'repost': {
        const orig = makeOrdinary(
          at - rng.int(600_000, 48 * 3_600_000),
          rng.pick([...authors.ordinary, ...authors.orgs]),
        );
        const tb = newText();
        tb.parts.push(rng.pick(['转发微博', '哈哈哈哈哈', '太真实了', '同意', '[允悲]', '说得对']));
        mblog = base(rng.pick(authors.ordinary), tb, at, { retweeted_status: orig });
        break;
      }
      case 'news': {
        const [head, body] = rng.pick(NEWS_HEADLINES);
        const tb = newText();
        tb.parts.push(`【${head}】${body}`);
        if (rng.chance(0.5))
          tb.parts.push(
            ` ${addLink(rng, tb, `https://news.example.cn/${rng.int(2026, 2026)}/${rng.int(1000, 9999)}.html`, 'web')}`,
          );
        tb.parts.push(' #新闻速递#');
        tb.topics.push('新闻速递');
        mblog = base(rng.pick(authors.orgs), tb, at, pics(rng, '新闻', rng.chance(0.5) ? 1 : 0));
        break;
      }
      case 'ad': {
        const account = rng.pick(authors.brands);
        const own = catalogue.filter((i) => i.brand === account.brand);
        const item = own.length > 0 ? rng.pick(own) : rng.pick(catalogue);
        const tb = newText();
        tb.parts.push(
          `${item.brand}新品上市！${item.short_title}，${rng.pick(GUIDE_BODY[item.cat_name] ?? ['品质之选'])}。`,
        );
        if (rng.chance(0.7))
          tb.parts.push(
            ` 立即抢购 ${referenceText(rng, tb, item, rng.pick(['item-url', 'short-link', 'affiliate'] as const))}`,
          );
        const recommend = rng.chance(0.8) ? '广告' : '荐读';
        mblog = base(account.user, tb, at, {
          ...pics(rng, '海报', 1),
          mblogtype: 1,
          isAd: true,
          promotion: { type: 'ad', recommend, adtype: recommend === '广告' ? 1 : 8, monitor_url: [] },
        });
        break;
      }
      case 'brand-talk': {
        const tb = newText();
        tb.parts.push(
          rng.chance(0.6) ? fill(rng.pick(BRAND_TALK), { brand: rng.pick(brands) }) : rng.pick(GUIDE_WORDS_NO_SHOP),
        );
        mblog = base(rng.chance(0.3) ? rng.pick(authors.influencers) : rng.pick(authors.ordinary), tb, at);
        break;
      }
      case 'non-shop-link': {
        const [lead, url] = rng.pick(NON_SHOP_LINKS);
        const tb = newText();
        tb.parts.push(`${lead} `);
        tb.parts.push(addLink(rng, tb, fill(url, { n: rng.int(100_000, 999_999_999), t: rng.token(10) }), 'web'));
        // Some links stay raw t.cn without an expansion, as when Weibo's resolver had nothing.
        if (rng.chance(0.3)) tb.parts.push(` 备用：http://t.cn/R${rng.token(6)}`);
        mblog = base(rng.pick([...authors.ordinary, ...authors.influencers]), tb, at);
        break;
      }
      case 'unknown-item': {
        const tb = newText();
        const style = rng.pick(['item', 'short', 'tpwd'] as const);
        tb.parts.push(
          rng.pick(['这家店的围巾好暖和，', '同事推荐的小众店铺，', '自用好物，已回购，', '种草一个小众设计款，']),
        );
        if (style === 'item')
          tb.parts.push(`链接 ${addLink(rng, tb, itemUrlForm(rng, unknownId(), rng.chance(0.5)), 'taobao')}`);
        else if (style === 'short')
          tb.parts.push(
            `👉${addLink(rng, tb, `https://m.tb.cn/h.${unknownToken()}?sm=${rng.token(6, '0123456789abcdef')}`, 'taobao')}`,
          );
        else tb.parts.push(`复制${tpwdWrap(rng, unknownTpwd())}打开淘宝`);
        tb.parts.push(' 冲！');
        mblog = base(rng.pick(authors.influencers), tb, at);
        break;
      }
      case 'hostile': {
        const tb = newText();
        if (!giantPlaced && count >= 200 && i >= 150) {
          giantPlaced = true;
          // ~60 KB of text: a paste bomb, with markup sprinkled through it.
          const chunks: string[] = ['超长文预警！'];
          while (chunks.join('').length < 20_000) {
            chunks.push(rng.pick(LIFE_SENTENCES), '，', rng.chance(0.05) ? rng.pick(HOSTILE_TEXTS) : '', '\u200b');
          }
          tb.parts.push(chunks.join(''));
        } else {
          tb.parts.push(rng.pick(HOSTILE_TEXTS));
          if (rng.chance(0.5)) tb.parts.push(` ${rng.pick(HOSTILE_TEXTS)}`);
        }
        mblog = base(rng.chance(0.6) ? rng.pick(authors.hostile) : rng.pick(authors.ordinary), tb, at);
        break;
      }
    }
    posts.push({ ...mblog, label: { kind, expectedItemIds: [...new Set(expected)] } });
  }
  return posts;
}

/** The post as the page sees it: the label stays out of the served JSON. */
export function toMblog(post: DemoPost): DemoMblog {
  const { label: _label, ...mblog } = post;
  return mblog;
}
