import type { Post, PostLink, VerifiedTier } from '../types';
import { clip, firstMatch, join, linkOf, MAX_IMAGES, MAX_LINKS, PROMO_LABEL, parseCount, readText } from './common';
import { isPcHost } from './hosts';
import { enrichPost } from './page-json';
import type { SiteAdapter } from './types';

/**
 * weibo.com / www.weibo.com, the Vue "V7" site (woo UI kit). Hashed CSS-module classes (`_wbtext_1h76l_19`,
 * `Feed_body_3R0rO`) change with every release, so they are only ever matched by the stable part of their name.
 * Each list is ordered most robust first. Our demo feed mirrors this markup, so this adapter serves it too.
 */
export const PC_SELECTORS = {
  feedRoot: [
    '.vue-recycle-scroller', // the virtualised home / profile feed
    '.wbpro-scroller', // older wrapper around the same scroller
    '[class*="Home_feed_"]', // hashed feed column
    'main', // last resort: the page's main column
  ],
  item: [
    '.vue-recycle-scroller__item-view article', // a recycled scroller slot holds one article
    '.wbpro-scroller-item article', // pre-2023 scroller
    'article[class*="Feed_wrap"]', // hashed article class
    'article.woo-panel-main', // woo panel article outside any scroller (detail page)
  ],
  // Quoted repost blocks; `div` so the footer's `i.woo-font--retweet` icon never counts as one.
  repost: ['.wbpro-feed-reText', 'div[class*="_reText_"]', 'div[class*="Feed_retweet"]', 'div[class*="retweet"]'],
  text: [
    '.wbpro-feed-content [class*="_wbtext_"]', // body text inside the content block
    '.wbpro-feed-ogText', // original-text block
    '[class*="_wbtext_"]', // any hashed wbtext outside a repost (checked by caller)
    '.wbpro-feed-content', // whole content block
  ],
  // Permalink and absolute time (`title`); href `weibo.com/{uid}/{mblogid}`.
  time: ['a[class*="_time_"]', 'a[class*="head-info_time"]', 'header a[href*="weibo.com/"][title]'],
  // Author link with the uid in `usercard`; the avatar link carries it too, the name link is what we want.
  authorLink: ['header a[usercard]:not(.woo-avatar-main a)', 'header [class*="head_name"]', 'header a[href*="/u/"]'],
  badge: ['header .woo-avatar-icon', 'header [class*="woo-icon--v"]'],
  images: ['img.woo-picture-img', '.woo-picture-slot img', '.woo-picture-main img', 'div.picture img'],
  // 广告 / 荐读 / 推荐 labels.
  tags: ['[class*="wbpro-tag"]', '[class*="_tag_"]', '[class*="head_tag"]'],
  expand: ['.expand', '[class*="_expand_"]', '[class*="expand"]'],
  action: {
    repost: 'footer i.woo-font--retweet, footer [title="转发"]',
    comment: 'footer i.woo-font--comment, footer [title="评论"]',
    like: 'footer button.woo-like-main, footer .woo-like-main',
  },
} as const;

const PERMALINK = /(?:^|weibo\.com|^\/)\/?(\d{4,20})\/([A-Za-z0-9]{6,20})(?:[/?#]|$)/;

function matchesAny(el: Element, selectors: readonly string[]): boolean {
  return selectors.some((s) => {
    try {
      return el.matches(s);
    } catch {
      return false;
    }
  });
}

function permalinkOf(scope: ParentNode, skipInside?: Element | null): { uid: string; id: string; el: Element } | null {
  for (const sel of PC_SELECTORS.time) {
    let list: NodeListOf<Element>;
    try {
      list = scope.querySelectorAll(sel);
    } catch {
      continue;
    }
    for (const a of list) {
      if (skipInside?.contains(a)) continue;
      const m = PERMALINK.exec(a.getAttribute('href') ?? '');
      if (m?.[1] && m[2]) return { uid: m[1], id: m[2], el: a };
    }
  }
  return null;
}

function tierOf(scope: Element | null): VerifiedTier {
  if (!scope) return 'none';
  const gold = scope.querySelector('[class*="woo-icon--vgold"]');
  if (gold) {
    if (scope.querySelector('.woo-icon__frames, [class*="woo-icon__frames"]')) return 'gold';
    // Orange is a gold badge without the animated frames; an unlabelled vgold is treated as the lower tier.
    return 'orange';
  }
  if (scope.querySelector('[class*="woo-icon--vyellow"]')) return 'yellow';
  if (scope.querySelector('[class*="woo-icon--vblue"]')) return 'blue';
  if (scope.querySelector('[class*="woo-icon--vorange"], .woo-icon__vorange')) return 'orange';
  return 'none';
}

function uidFrom(a: Element | null): string {
  if (!a) return '';
  const card = a.getAttribute('usercard') ?? '';
  const m = /(\d{4,20})/.exec(card) ?? /\/u\/(\d{4,20})/.exec(a.getAttribute('href') ?? '');
  return m?.[1] ?? '';
}

function countNear(item: Element, iconSel: string): number {
  let icon: Element | null = null;
  try {
    icon = item.querySelector(iconSel);
  } catch {
    return 0;
  }
  if (!icon) return 0;
  // Walk up to the action's own box (it holds the icon and its number, not the whole footer).
  for (let cur: Element | null = icon, depth = 0; cur && depth < 4; cur = cur.parentElement, depth++) {
    if (cur.tagName === 'FOOTER') break;
    const num = cur.querySelector('[class*="_num_"], .woo-like-count');
    if (num) return parseCount(num.textContent);
    const text = cur.textContent ?? '';
    if (/\d/.test(text) && cur !== icon && depth >= 1) return parseCount(text);
  }
  return 0;
}

function linksIn(el: Element, anchors: { el: Element; offset: number }[], inRepost: boolean, out: PostLink[]): void {
  for (const { el: a, offset } of anchors) {
    if (out.length >= MAX_LINKS) return;
    if (!el.contains(a)) continue;
    const l = linkOf(a, offset, inRepost);
    if (l) out.push(l);
  }
}

function extractPc(item: Element, json?: unknown): Post | null {
  try {
    const repostEl = firstMatch(item, PC_SELECTORS.repost);
    const own = permalinkOf(item, repostEl);
    if (!own) {
      // No permalink in the DOM: page JSON can still name the post, but nothing else can.
      return json !== undefined ? extractPartialFromJson(item, json) : null;
    }
    return build(item, own, repostEl, json);
  } catch {
    return null;
  }
}

function bodyTextEl(item: Element, repostEl: Element | null): Element | null {
  for (const sel of PC_SELECTORS.text) {
    let list: NodeListOf<Element>;
    try {
      list = item.querySelectorAll(sel);
    } catch {
      continue;
    }
    for (const el of list) {
      if (repostEl && (repostEl.contains(el) || el === repostEl)) continue;
      return el;
    }
  }
  return null;
}

function build(item: Element, own: { uid: string; id: string }, repostEl: Element | null, json?: unknown): Post {
  const expand = (el: Element) => matchesAny(el, PC_SELECTORS.expand) && (el.textContent ?? '').trim().length <= 4;
  const bodyEl = bodyTextEl(item, repostEl);
  let cut = false;
  const skipBody = (el: Element) => {
    if (el === repostEl) return true;
    if (!expand(el)) return false;
    cut = true;
    return true;
  };
  const body = bodyEl ? readText(bodyEl, skipBody) : { text: '', anchors: [] };

  const header = item.querySelector('header');
  const authorA = header
    ? firstMatch(
        header,
        PC_SELECTORS.authorLink.map((s) => s.replace(/^header /, '')),
      )
    : null;
  const nameEl = authorA?.querySelector('span[title]') ?? authorA;
  const name = clip(nameEl?.getAttribute('title') || nameEl?.textContent || '');
  const uid = uidFrom(authorA) || own.uid;

  const links: PostLink[] = [];
  if (bodyEl) linksIn(bodyEl, body.anchors, false, links);

  let repost: Post['repost'] = null;
  if (repostEl) {
    const rtTextEl = firstMatch(repostEl, ['[class*="_wbtext_"]', '.wbpro-feed-ogText']) ?? repostEl;
    const rt = readText(rtTextEl, (el) => expand(el) || el.tagName === 'FOOTER');
    const rtPerm = permalinkOf(repostEl);
    const rtAuthorA = firstMatch(repostEl, ['a[usercard]', 'a[href*="/u/"]', 'a[href^="/n/"]']);
    let rtName = clip(rtAuthorA?.textContent ?? '').replace(/^@/, '');
    // The quoted text usually opens with "@name:"; that is the author, not the content.
    let rtText = rt.text;
    const lead = /^(?:@([^:：\s]{1,30}))?\s*[:：]\s*/.exec(rtText);
    if (lead) {
      rtName = rtName || (lead[1] ?? '');
      rtText = rtText.slice(lead[0].length);
    }
    const shift = rt.text.length - rtText.length;
    repost = { text: rtText };
    if (rtPerm) repost.id = rtPerm.id;
    const rtUid = uidFrom(rtAuthorA) || rtPerm?.uid || '';
    if (rtUid || rtName) repost.author = { uid: rtUid, name: rtName, tier: tierOf(repostEl) };
    linksIn(
      rtTextEl,
      rt.anchors.map((a) => ({ el: a.el, offset: Math.max(0, a.offset - shift) })),
      true,
      links,
    );
  }

  const images: string[] = [];
  for (const sel of PC_SELECTORS.images) {
    let list: NodeListOf<Element>;
    try {
      list = item.querySelectorAll(sel);
    } catch {
      continue;
    }
    for (const img of list) {
      const src = img.getAttribute('src');
      if (src && !images.includes(src) && images.length < MAX_IMAGES) images.push(src);
    }
    if (images.length > 0) break;
  }

  let promoted = false;
  for (const sel of PC_SELECTORS.tags) {
    let list: NodeListOf<Element>;
    try {
      list = item.querySelectorAll(sel);
    } catch {
      continue;
    }
    for (const t of list) {
      if (bodyEl?.contains(t) || repostEl?.contains(t)) continue;
      if (PROMO_LABEL.test((t.textContent ?? '').trim())) promoted = true;
    }
  }

  const post: Post = {
    site: 'weibo-pc',
    id: own.id,
    author: { uid, name, tier: tierOf(header) },
    text: body.text,
    repost,
    links,
    images,
    counts: {
      reposts: countNear(item, PC_SELECTORS.action.repost),
      comments: countNear(item, PC_SELECTORS.action.comment),
      likes: countNear(item, PC_SELECTORS.action.like),
    },
    promoted,
    enriched: false,
  };
  if (cut) post.truncated = true;
  return json === undefined ? post : enrichPost(post, json);
}

function extractPartialFromJson(item: Element, json: unknown): Post | null {
  const o = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null;
  const id = typeof o?.mblogid === 'string' && /^[A-Za-z0-9]{5,20}$/.test(o.mblogid) ? o.mblogid : null;
  if (!id) return null;
  return build(item, { uid: '', id }, firstMatch(item, PC_SELECTORS.repost), json);
}

/** The item's own permalink element from the last look, per feed item (the feed patches items in place). */
const ownPermalink = new WeakMap<Element, Element>();
const REPOST_ANY = join(PC_SELECTORS.repost);
const TIME_ANY = join(PC_SELECTORS.time);

/** True when `a` is still the item's own permalink: inside the item, not inside a quoted repost. */
function stillOwnPermalink(item: Element, a: Element): boolean {
  try {
    if (!a.matches(TIME_ANY)) return false;
    // Up from the link to the item, a few levels: the link is the item's own unless a quoted-repost block lies between
    // them (the item itself, or a block around the whole item, does not count). Never reaching the item: it left.
    // `closest` would test the selector list on every ancestor up to the document's root on every pass.
    for (let el = a.parentElement; el; el = el.parentElement) {
      if (el === item) return true;
      if (el.matches(REPOST_ANY)) return false;
    }
    return false;
  } catch {
    return false;
  }
}

/**
 * Called for every feed item on every pass, so the permalink found last time is re-read first (a few `matches` up
 * the tree instead of a selector search of the whole post); the href is always read afresh, since a recycled item
 * keeps its nodes and gets another post's href.
 */
function postIdOf(item: Element): string | null {
  try {
    const cached = ownPermalink.get(item);
    if (cached && stillOwnPermalink(item, cached)) {
      const m = PERMALINK.exec(cached.getAttribute('href') ?? '');
      if (m?.[2]) return m[2];
    }
    const own = permalinkOf(item, firstMatch(item, PC_SELECTORS.repost));
    if (own) ownPermalink.set(item, own.el);
    return own?.id ?? null;
  } catch {
    return null;
  }
}

export const weiboPc: SiteAdapter = {
  id: 'weibo-pc',
  matches(loc) {
    return isPcHost(loc.hostname);
  },
  feedRootSelector: join(PC_SELECTORS.feedRoot),
  itemSelector: join(PC_SELECTORS.item),
  postIdOf,
  extract: extractPc,
  readsAhead: true,
  timeSelector: TIME_ANY,
  actionSelectors: PC_SELECTORS.action,
};
