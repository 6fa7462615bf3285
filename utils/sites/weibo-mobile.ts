import type { Post, PostLink, VerifiedTier } from '../types';
import { clip, firstMatch, join, linkOf, MAX_IMAGES, MAX_LINKS, parseCount, readText } from './common';
import { isMobileHost } from './hosts';
import { enrichPost } from './page-json';
import type { SiteAdapter } from './types';
import { asMid } from './weibo-id';

/**
 * m.weibo.cn, the mobile web app. Its classes are not hashed (`card9`, `weibo-og`, `m-text-box`), but layouts vary
 * between the home feed, profile and search, so every concept still has fallbacks, most robust first.
 */
export const MOBILE_SELECTORS = {
  feedRoot: [
    '.main-wrap', // the scrolling column
    '.wb-item-wrap', // list of weibo items
    '#app', // app root
  ],
  item: [
    '.card.m-panel.card9', // card_type 9 = a weibo
    '.wb-item .card', // same card inside the list wrapper
    'div.card9', // class order varies between builds
  ],
  // The post's id: `/detail/<mid>`, `/status/<mid or bid>` (getIndex's `scheme`), or a data attribute on the card.
  permalink: ['a[href*="/detail/"]', 'a[href*="/status/"]', '[data-mid]', '[mid]'],
  header: ['header.weibo-top', '.weibo-top', 'header'],
  name: ['.m-text-box h3.m-text-cut', '.m-text-box h3', 'h3.m-text-cut'],
  avatar: ['a.m-img-box[href*="/profile/"]', 'a[href*="/profile/"]', 'a[href*="/u/"]'],
  time: '.m-text-box h4 .time, .m-text-box h4 span.time',
  text: ['article.weibo-main > .weibo-og > .weibo-text', '.weibo-og .weibo-text', '.weibo-main .weibo-text'],
  repost: ['.weibo-rp', '.weibo-main .weibo-rp'],
  images: ['.weibo-media-wraps .m-img-box img', '.weibo-og .m-img-box img', '.media-b img'],
  tags: ['.card-title', '[class*="m-tag"]', '[class*="ad-tag"]'],
  expand: ['.expand', 'a[href*="/status/"][class*="expand"]'],
  action: {
    repost: 'footer.f-footer-ctrl .m-diy-btn:nth-of-type(1), footer .m-diy-btn:nth-child(1)',
    comment: 'footer.f-footer-ctrl .m-diy-btn:nth-of-type(2), footer .m-diy-btn:nth-child(2)',
    like: 'footer.f-footer-ctrl .m-diy-btn:nth-of-type(3), footer .m-diy-btn:nth-child(3)',
  },
} as const;

// A bid is the mid in base62 (utils/sites/weibo-id.ts): every post is keyed by its mid either way.
const MID = /\/(?:detail|status)\/([0-9A-Za-z]{5,20})(?:[/?#]|$)/;
const PROMO = /^(?:广告|荐读|推荐|热推)$/;

function midOf(item: Element, skip: Element | null): string | null {
  for (const sel of MOBILE_SELECTORS.permalink) {
    for (const el of item.querySelectorAll(sel)) {
      if (skip?.contains(el)) continue;
      const attr = el.getAttribute('data-mid') ?? el.getAttribute('mid');
      if (attr && /^\d{6,20}$/.test(attr)) return attr;
      const m = MID.exec(el.getAttribute('href') ?? '');
      const mid = m?.[1] ? asMid(m[1]) : null;
      if (mid && mid.length >= 6) return mid;
    }
  }
  const own = item.getAttribute('data-mid');
  return own && /^\d{6,20}$/.test(own) ? own : null;
}

function tierOf(scope: Element | null): VerifiedTier {
  if (!scope) return 'none';
  if (scope.querySelector('i[class*="m-icon-goldv"]')) return 'gold';
  if (scope.querySelector('i[class*="m-icon-orangev"]')) return 'orange';
  if (scope.querySelector('i[class*="m-icon-yellowv"]')) return 'yellow';
  if (scope.querySelector('i[class*="m-icon-bluev"]')) return 'blue';
  return 'none';
}

function isExpand(el: Element): boolean {
  return el.classList.contains('expand') || ((el.textContent ?? '').trim() === '全文' && el.tagName === 'A');
}

function extractMobile(item: Element, json?: unknown): Post | null {
  try {
    const repostEl = firstMatch(item, MOBILE_SELECTORS.repost);
    let id = midOf(item, repostEl);
    if (!id && json !== undefined) {
      const o = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
      const mid = typeof o.mid === 'string' ? o.mid : typeof o.id === 'string' ? o.id : null;
      if (mid && /^\d{6,20}$/.test(mid)) id = mid;
    }
    if (!id) return null;

    const header = firstMatch(item, MOBILE_SELECTORS.header);
    const nameEl = header ? firstMatch(header, MOBILE_SELECTORS.name) : null;
    const avatar = header ? firstMatch(header, MOBILE_SELECTORS.avatar) : null;
    const uid = /\/(?:profile|u)\/(\d{4,20})/.exec(avatar?.getAttribute('href') ?? '')?.[1] ?? '';

    const bodyEl = [...MOBILE_SELECTORS.text]
      .map((s) => item.querySelector(s))
      .find((el): el is Element => el !== null && !(repostEl?.contains(el) ?? false));
    let cut = false;
    const body = bodyEl
      ? readText(bodyEl, (el) => {
          const expand = isExpand(el);
          if (expand) cut = true;
          return expand;
        })
      : { text: '', anchors: [] };
    const links: PostLink[] = [];
    const collect = (anchors: { el: Element; offset: number }[], inRepost: boolean) => {
      for (const { el, offset } of anchors) {
        if (links.length >= MAX_LINKS) return;
        const l = linkOf(el, offset, inRepost, '.surl-text');
        if (l) links.push(l);
      }
    };
    collect(body.anchors, false);

    let repost: Post['repost'] = null;
    if (repostEl) {
      const rtTextEl = repostEl.querySelector('.weibo-text') ?? repostEl;
      const rt = readText(rtTextEl, isExpand);
      let text = rt.text;
      let name = '';
      const lead = /^@([^:：\s]{1,30})[:：]\s*/.exec(text);
      if (lead?.[1]) {
        name = lead[1];
        text = text.slice(lead[0].length);
      }
      const shift = rt.text.length - text.length;
      repost = { text };
      const rid = midOf(repostEl, null);
      if (rid) repost.id = rid;
      if (name) repost.author = { uid: '', name, tier: 'none' };
      collect(
        rt.anchors.map((a) => ({ el: a.el, offset: Math.max(0, a.offset - shift) })),
        true,
      );
    }

    const images: string[] = [];
    for (const sel of MOBILE_SELECTORS.images) {
      for (const img of item.querySelectorAll(sel)) {
        const src = img.getAttribute('src');
        if (src && !images.includes(src) && images.length < MAX_IMAGES) images.push(src);
      }
      if (images.length > 0) break;
    }

    let promoted = false;
    for (const sel of MOBILE_SELECTORS.tags) {
      for (const t of item.querySelectorAll(sel)) {
        if (PROMO.test((t.textContent ?? '').trim())) promoted = true;
      }
    }

    const count = (sel: string) => {
      const el = item.querySelector(sel);
      return parseCount((el?.querySelector('h4') ?? el)?.textContent);
    };

    const post: Post = {
      site: 'weibo-mobile',
      id,
      author: { uid, name: clip(nameEl?.textContent ?? ''), tier: tierOf(header) },
      text: body.text,
      repost,
      links,
      images,
      counts: {
        reposts: count(MOBILE_SELECTORS.action.repost),
        comments: count(MOBILE_SELECTORS.action.comment),
        likes: count(MOBILE_SELECTORS.action.like),
      },
      promoted,
      enriched: false,
    };
    if (cut) post.truncated = true;
    return json === undefined ? post : enrichPost(post, json);
  } catch {
    return null;
  }
}

export const weiboMobile: SiteAdapter = {
  id: 'weibo-mobile',
  matches(loc) {
    return isMobileHost(loc.hostname);
  },
  feedRootSelector: join(MOBILE_SELECTORS.feedRoot),
  itemSelector: join(MOBILE_SELECTORS.item),
  postIdOf(item) {
    try {
      return midOf(item, firstMatch(item, MOBILE_SELECTORS.repost));
    } catch {
      return null;
    }
  },
  extract: extractMobile,
  timeSelector: MOBILE_SELECTORS.time,
  actionSelectors: MOBILE_SELECTORS.action,
};
