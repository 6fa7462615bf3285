import type { MobileCard, MobileMblog, MobileUser } from '../mobile-json';
import { parseWeiboDate } from '../posts';
import { abbreviateCount, absoluteTime, relativeTime } from './text';

/**
 * The m.weibo.cn-style page: a list of `.card.m-panel.card9`, markup per the shared notes, drawn from getIndex cards
 * (`card_type` 9, `mblog` with HTML `text`) the way m.weibo.cn's Vue app draws them. The feed root's `__vue__` holds the
 * loaded cards as `cards`; cards are drawn as the reader scrolls toward them (two screens ahead), and the next getIndex
 * page is fetched when few loaded cards are left to draw.
 */

interface MobileFeed {
  data: { cards: MobileCard[]; cardlistInfo?: { page?: number | null; total?: number } };
}

/** Drawn this far below the viewport. */
const DRAW_AHEAD_SCREENS = 1;
/** The next page is fetched when this few loaded cards are left to draw. */
const LOAD_MORE_LEFT = 5;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

function badge(user: MobileUser): HTMLElement | null {
  if (!user.verified) return null;
  if (user.verified_type > 0) return h('i', 'm-icon m-icon-bluev');
  if (user.verified_type_ext === 1 || user.verified_type_ext === 0) return h('i', 'm-icon m-icon-goldv-static');
  return h('i', 'm-icon m-icon-yellowv');
}

/** Elements and attributes of a post's HTML the page keeps; everything else is reduced to its text. */
const KEEP_TAGS = new Set(['a', 'span', 'img', 'br']);
const KEEP_ATTRS = new Set(['href', 'data-url', 'data-hide', 'class', 'src', 'style', 'alt']);

/** A post's HTML `text` as DOM nodes, rebuilt element by element (only the tags m.weibo.cn writes into posts). */
function htmlNodes(html: string): Node[] {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const copy = (n: Node): Node[] => {
    if (n.nodeType === Node.TEXT_NODE) return [document.createTextNode(n.textContent ?? '')];
    if (n.nodeType !== Node.ELEMENT_NODE) return [];
    const src = n as Element;
    const kids = [...src.childNodes].flatMap(copy);
    const tag = src.localName;
    if (!KEEP_TAGS.has(tag)) return kids;
    const el = document.createElement(tag);
    for (const a of src.attributes) {
      if (!KEEP_ATTRS.has(a.name)) continue;
      if ((a.name === 'href' || a.name === 'src') && /^\s*javascript:/i.test(a.value)) continue;
      el.setAttribute(a.name, a.value);
    }
    el.append(...kids);
    return [el];
  };
  return [...doc.body.childNodes].flatMap(copy);
}

function media(m: MobileMblog): HTMLElement | null {
  const pics = m.pics ?? [];
  if (pics.length === 0) return null;
  const list = h('ul', 'm-auto-list');
  for (const pic of pics) {
    list.append(
      h('li', 'm-auto-box', {}, h('div', 'm-img-box m-imghold-square', {}, h('img', '', { src: pic.url, alt: '' }))),
    );
  }
  return h('div', `weibo-media-wraps weibo-media media-b${pics.length === 1 ? ' media-one' : ''}`, {}, list);
}

function card(m: MobileMblog, timeShift: number, timeEls: [HTMLElement, number][]): HTMLElement {
  const u = m.user;
  const avatar = h('a', 'm-img-box', { href: `/profile/${u.id}` }, h('img', '', { src: u.profile_image_url, alt: '' }));
  const b = badge(u);
  if (b) avatar.append(b);
  const at = parseWeiboDate(m.created_at) + timeShift;
  const time = h('span', 'time', { title: absoluteTime(at) }, relativeTime(at, Date.now()));
  timeEls.push([time, at]);
  const h4 = h(
    'h4',
    'm-text-cut',
    {},
    h('a', '', { href: `/detail/${m.mid}` }, time),
    h('span', 'from', {}, ` 来自 ${m.source}`),
  );
  if (m.promotion) h4.append(h('span', 'm-tag-ad', {}, m.promotion.recommend));
  const header = h(
    'header',
    'weibo-top m-box m-avatar-box',
    {},
    avatar,
    h(
      'div',
      'm-box-col m-box-dir m-box-center',
      {},
      h(
        'div',
        'm-text-box',
        {},
        h('a', '', { href: `/profile/${u.id}` }, h('h3', 'm-text-cut', {}, u.screen_name)),
        h4,
      ),
    ),
  );
  // A long post's `text` is cut and ends in a 全文 link to the status page, as on m.weibo.cn.
  const og = h('div', 'weibo-og', {}, h('div', 'weibo-text', {}, ...htmlNodes(m.text)));
  const ogMedia = media(m);
  if (ogMedia) og.append(ogMedia);
  const main = h('article', 'weibo-main', {}, og);
  const rt = m.retweeted_status;
  if (rt) {
    const rp = h(
      'div',
      'weibo-rp',
      {},
      h(
        'div',
        'weibo-text',
        {},
        h('span', '', {}, h('a', '', { href: `/profile/${rt.user.id}` }, `@${rt.user.screen_name}`), ':'),
        ...htmlNodes(rt.text),
      ),
    );
    const rpMedia = media(rt);
    if (rpMedia) rp.append(rpMedia);
    main.append(rp);
  }
  const btn = (icon: string, label: string, n: number) => {
    const count = h('h4', '', {}, n > 0 ? abbreviateCount(n) : label);
    const el = h(
      'div',
      'm-diy-btn m-box-col m-box-center m-box-center-a',
      { role: 'button', 'aria-label': label },
      h('i', `m-font ${icon}`),
      count,
    );
    return { el, count };
  };
  const fwd = btn('m-font-forward', '转发', m.reposts_count);
  const cmt = btn('m-font-comment', '评论', m.comments_count);
  const like = btn('m-icon m-icon-like', '赞', m.attitudes_count);
  let liked = false;
  like.el.addEventListener('click', () => {
    liked = !liked;
    m.attitudes_count += liked ? 1 : -1;
    like.count.textContent = m.attitudes_count > 0 ? abbreviateCount(m.attitudes_count) : '赞';
    like.el.classList.toggle('liked', liked);
  });
  fwd.el.addEventListener('click', () => {
    m.reposts_count += 1;
    fwd.count.textContent = abbreviateCount(m.reposts_count);
  });
  const footer = h('footer', 'f-footer-ctrl m-ctrl-box m-box-center-a', {}, fwd.el, cmt.el, like.el);
  const el = h(
    'div',
    'card m-panel card9 weibo-member',
    {},
    h('div', 'card-wrap', {}, h('div', 'card-main', {}, header, main, footer)),
  );
  // m.weibo.cn is a Vue 2 app too: each card component holds its post as the `mblog` prop.
  el.__vue__ = { $props: { mblog: m }, mblog: m };
  return el;
}

function mainPage(): void {
  const feed = JSON.parse(
    document.getElementById('__MOBILE_FEED__')?.textContent ?? '{"data":{"cards":[]}}',
  ) as MobileFeed;
  /** The loaded getIndex cards, drawn or not (the list component's data). */
  const cards: MobileCard[] = [...feed.data.cards];
  let nextPage = feed.data.cardlistInfo?.page ?? null;
  const first = cards[0]?.mblog;
  const timeShift = first ? Date.now() - parseWeiboDate(first.created_at) - 20_000 : 0;
  const timeEls: [HTMLElement, number][] = [];
  const nav = h(
    'div',
    'nav-main',
    {},
    h('div', 'nav-left', {}, h('span', 'm-font m-font-home'), '微博'),
    h('div', 'nav-tabs', {}, h('span', 'cur', {}, '全部关注'), h('span', '', {}, '热门')),
  );
  const list = h('div', 'wb-item-wrap');
  const loading = h('div', 'm-loading', {}, '加载中...');
  const root = h('div', 'main-wrap', {}, list, loading);
  // m.weibo.cn is a Vue 2 app: the list component holds every loaded card, drawn or not.
  Object.defineProperty(root, '__vue__', {
    configurable: true,
    value: {
      get cards() {
        return cards;
      },
      $props: {
        get cards() {
          return cards;
        },
      },
    },
  });
  const app = document.getElementById('app') ?? document.body;
  app.append(h('div', 'm-top-nav', {}, nav), root);

  let drawn = 0;
  let fetching = false;
  const draw = () => {
    while (drawn < cards.length && list.getBoundingClientRect().bottom < innerHeight * (1 + DRAW_AHEAD_SCREENS)) {
      const c = cards[drawn++];
      if (c?.card_type === 9) list.append(h('div', 'wb-item', {}, card(c.mblog, timeShift, timeEls)));
    }
    if (cards.length - drawn < LOAD_MORE_LEFT && nextPage && !fetching) {
      fetching = true;
      fetch(`/api/container/getIndex?containerid=102803&openApp=0&page=${nextPage}`)
        .then((r) => r.json() as Promise<MobileFeed>)
        .then((more) => {
          cards.push(...(more.data.cards ?? []));
          nextPage = more.data.cardlistInfo?.page ?? null;
        })
        .catch(() => {
          nextPage = null;
        })
        .finally(() => {
          fetching = false;
          draw();
        });
    }
    if (drawn >= cards.length && !nextPage && !fetching) loading.textContent = '没有更多内容了';
  };
  let frame = 0;
  const schedule = () => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        draw();
      });
  };
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  draw();
  window.setInterval(() => {
    for (const [el, at] of timeEls) el.textContent = relativeTime(at, Date.now());
  }, 3000);
}

mainPage();
