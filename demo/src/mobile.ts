import type { DemoMblog, DemoUser } from '../posts';
import { parseWeiboDate } from '../posts';
import {
  abbreviateCount,
  absoluteTime,
  relativeTime,
  sinaurl,
  type TextToken,
  TRUNCATE_AT,
  tokenize,
  truncateTokens,
} from './text';

/**
 * The m.weibo.cn-style page: a plain (non-virtualised) list of `.card.m-panel.card9`, markup per the shared notes.
 * Text is inserted with DOM APIs only.
 */

interface MobileFeed {
  data: { cards: { card_type: number; mblog: DemoMblog }[] };
}

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

function badge(user: DemoUser): HTMLElement | null {
  if (!user.verified) return null;
  if (user.verified_type > 0) return h('i', 'm-icon m-icon-bluev');
  if (user.verified_type_ext === 1 || user.verified_type_ext === 0) return h('i', 'm-icon m-icon-goldv-static');
  return h('i', 'm-icon m-icon-yellowv');
}

function textNodes(tokens: TextToken[]): Node[] {
  return tokens.map(textNode);
}

function textNode(tok: TextToken): Node {
  switch (tok.t) {
    case 'text':
      return document.createTextNode(tok.text);
    case 'br':
      return h('br', '');
    case 'link':
      return h(
        'a',
        '',
        { href: sinaurl(tok.url.long_url, 'https://weibo.cn'), 'data-url': tok.url.short_url },
        h(
          'span',
          'url-icon',
          {},
          h('img', '', { src: tok.url.url_type_pic, style: 'width:1rem;height:1rem;vertical-align:-0.15rem' }),
        ),
        h('span', 'surl-text', {}, tok.url.url_title),
      );
    case 'rawlink':
      return h('a', '', { href: tok.href }, tok.href);
    case 'topic':
      return h(
        'a',
        '',
        {
          href: `https://m.weibo.cn/search?containerid=231522type%3D1%26q%3D${encodeURIComponent(`#${tok.topic}#`)}`,
        },
        h('span', 'surl-text', {}, `#${tok.topic}#`),
      );
    case 'mention':
      return h('a', '', { href: `https://m.weibo.cn/n/${encodeURIComponent(tok.name)}` }, `@${tok.name}`);
  }
}

function media(m: DemoMblog): HTMLElement | null {
  if (m.pic_ids.length === 0) return null;
  const list = h('ul', 'm-auto-list');
  for (const pid of m.pic_ids) {
    const src = m.pic_infos?.[pid]?.thumbnail.url ?? '';
    list.append(h('li', 'm-auto-box', {}, h('div', 'm-img-box m-imghold-square', {}, h('img', '', { src, alt: '' }))));
  }
  return h('div', `weibo-media-wraps weibo-media media-b${m.pic_ids.length === 1 ? ' media-one' : ''}`, {}, list);
}

function card(m: DemoMblog, timeShift: number, timeEls: [HTMLElement, number][]): HTMLElement {
  const u = m.user;
  const avatar = h(
    'a',
    'm-img-box',
    { href: `/profile/${u.idstr}` },
    h('img', '', { src: u.profile_image_url, alt: '' }),
  );
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
        h('a', '', { href: `/profile/${u.idstr}` }, h('h3', 'm-text-cut', {}, u.screen_name)),
        h4,
      ),
    ),
  );
  // Long posts end in a 全文 link to the status page, as on m.weibo.cn.
  const tokens = tokenize(m.text_raw, m.url_struct);
  const ogText = m.isLongText
    ? [...textNodes(truncateTokens(tokens, TRUNCATE_AT)), '...', h('a', '', { href: `/status/${m.mid}` }, '全文')]
    : textNodes(tokens);
  const og = h('div', 'weibo-og', {}, h('div', 'weibo-text', {}, ...ogText));
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
        h('span', '', {}, h('a', '', { href: `/profile/${rt.user.idstr}` }, `@${rt.user.screen_name}`), ':'),
        ...textNodes(tokenize(rt.text_raw, rt.url_struct)),
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
  like.el.addEventListener('click', () => {
    m.attitudes_status = m.attitudes_status === 1 ? 0 : 1;
    m.attitudes_count += m.attitudes_status === 1 ? 1 : -1;
    like.count.textContent = m.attitudes_count > 0 ? abbreviateCount(m.attitudes_count) : '赞';
    like.el.classList.toggle('liked', m.attitudes_status === 1);
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
  const first = feed.data.cards[0]?.mblog;
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
  for (const c of feed.data.cards) list.append(h('div', 'wb-item', {}, card(c.mblog, timeShift, timeEls)));
  const app = document.getElementById('app') ?? document.body;
  app.append(
    h('div', 'm-top-nav', {}, nav),
    h('div', 'main-wrap', {}, list, h('div', 'm-loading', {}, '没有更多内容了')),
  );
  window.setInterval(() => {
    for (const [el, at] of timeEls) el.textContent = relativeTime(at, Date.now());
  }, 3000);
}

mainPage();
