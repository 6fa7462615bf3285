import type { CatalogueItem } from '@/utils/catalogue/schema';
import type { FeedSite } from '@/utils/feed/types';
import type { AnalysedPost } from '@/utils/messaging';
import type { Post } from '@/utils/types';

/**
 * A saved weibo.com (V7) feed item, trimmed: the real hashed classes (`head-info_time_6sFQg`, `detail_wbtext_4CRf9`),
 * the `vue-recycle-scroller__item-view` wrapper, the permalink as the time element, and the footer action bar.
 * `setPost` patches a node in place the way vue-recycle-scroller reuses it for another post.
 */
export interface FixturePost {
  uid: string;
  mblogid: string;
  name: string;
  text: string;
}

/** The page escapes user text; so does the fixture (hostile names and texts arrive as text, as on Weibo). */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function articleHtml(raw: FixturePost): string {
  const p = { ...raw, name: esc(raw.name), text: esc(raw.text) };
  return `<div class="vue-recycle-scroller__item-view" style="transform: translateY(0px);"><div class="wbpro-scroller-item">
<article class="woo-panel-main woo-panel-top woo-panel-right woo-panel-bottom woo-panel-left Feed_wrap_3v9LH Feed_normal_12A98" tabindex="0">
 <div class="Feed_body_3R0rO">
  <header class="woo-box-flex">
   <a class="ALink_default_2ibt1" href="/u/${p.uid}" usercard="${p.uid}"><div class="woo-avatar-main woo-avatar-hover head_avatar_20c9y"><img class="woo-avatar-img" src=""></div></a>
   <div class="woo-box-item-flex head_main_3DRDm">
    <div class="woo-box-flex woo-box-alignCenter head_nick_1yix2"><a usercard="${p.uid}" class="ALink_default_2ibt1 head_cut_2Zcft head_name_24eEB" href="/u/${p.uid}"><span title="${p.name}">${p.name}</span></a></div>
    <div class="woo-box-flex woo-box-alignCenter woo-box-justifyCenter head-info_info_2AspQ"><a title="2026-11-24 10:00" href="https://weibo.com/${p.uid}/${p.mblogid}" class="head-info_time_6sFQg">3分钟前</a></div>
   </div>
  </header>
  <div class="wbpro-feed-content"><div class="detail_text_1U10O detail_ogText_2Z1Q8 wbpro-feed-ogText"><div class="detail_wbtext_4CRf9">${p.text}</div></div></div>
 </div>
 <footer aria-label="${p.uid}"><div class="woo-box-flex woo-box-alignCenter toolbar_left_2vlsY"><div class="woo-box-item-flex toolbar_item_1ky_D"><div class="woo-box-flex woo-box-alignCenter woo-box-justifyCenter toolbar_wrap_np6Ug"><i class="woo-font woo-font--retweet" title="转发"></i><span class="toolbar_num_JXZul">12</span></div></div></div></footer>
</article></div></div>`;
}

export function mountFeed(posts: FixturePost[]): HTMLElement {
  document.body.innerHTML =
    '<div id="app"><div class="vue-recycle-scroller ready direction-vertical"><div class="vue-recycle-scroller__item-wrapper"></div></div></div>';
  const wrapper = document.querySelector('.vue-recycle-scroller__item-wrapper') as HTMLElement;
  wrapper.innerHTML = posts.map(articleHtml).join('');
  return wrapper;
}

/** Patch an article in place to show another post, as the recycling scroller does; foreign children stay. */
export function setPost(article: Element, p: FixturePost): void {
  const time = article.querySelector('a[class*="_time_"]') as HTMLAnchorElement;
  time.setAttribute('href', `https://weibo.com/${p.uid}/${p.mblogid}`);
  for (const a of article.querySelectorAll('header a[usercard]')) {
    a.setAttribute('usercard', p.uid);
    a.setAttribute('href', `/u/${p.uid}`);
  }
  const name = article.querySelector('span[title]') as HTMLElement;
  name.title = p.name;
  (name.firstChild as Text).data = p.name;
  (article.querySelector('[class*="_wbtext_"]') as HTMLElement).textContent = p.text;
}

export function articles(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('article')];
}

const PERMALINK = /\/(\d+)\/([A-Za-z0-9]+)(?:[?#]|$)/;

/** A stand-in for the weibo.com adapter: same selectors, a minimal `extract`. */
export const fakeSite: FeedSite = {
  feedRootSelector: '.vue-recycle-scroller',
  itemSelector: '.vue-recycle-scroller__item-view article',
  timeSelector: 'a[class*="_time_"], .time',
  postIdOf(item) {
    const href = item.querySelector('a[class*="_time_"]')?.getAttribute('href') ?? '';
    return PERMALINK.exec(href)?.[2] ?? null;
  },
  extract(item, json) {
    const id = this.postIdOf(item);
    if (!id) return null;
    const uid = item.querySelector('header a[usercard]')?.getAttribute('usercard') ?? '';
    const post: Post = {
      site: 'weibo-pc',
      id,
      author: { uid, name: item.querySelector('header span[title]')?.getAttribute('title') ?? '', tier: 'none' },
      text: item.querySelector('[class*="_wbtext_"]')?.textContent ?? '',
      repost: null,
      links: [],
      images: [],
      counts: { reposts: 0, comments: 0, likes: 0 },
      promoted: false,
      enriched: json !== undefined,
    };
    return post;
  },
};

export function catalogueItem(itemId: string, title: string, price = '129.00'): CatalogueItem {
  return {
    item_id: itemId,
    title,
    short_title: title.slice(0, 10),
    pict_url: `catalogue/img/${itemId}.svg`,
    reserve_price: price,
    zk_final_price: price,
    user_type: 1,
    shop_title: '旗舰店',
    nick: '旗舰店',
    volume: 100,
    provcity: '浙江 杭州',
    coupon_info: null,
    coupon_amount: '0',
    coupon_start_fee: '0',
    coupon_end_time: null,
    commission_rate: '1550',
    cat_name: '美妆',
    cat_leaf_name: '面霜',
    brand: '品牌',
    item_url: `https://detail.tmall.com/item.htm?id=${itemId}`,
    click_url: 'https://s.click.taobao.com/AbCdEf1',
    short_url: 'https://m.tb.cn/h.AbCdE',
    tpwd: 'uL1c0Yz0Zkk',
    skus: [{ sku_id: `${itemId}1`, props: { 规格: '50ml' }, price, stock: 10 }],
  };
}

export function guideResult(postId: string, items: CatalogueItem[], why = '含淘口令 ￥uL1c0Yz0Zkk￥'): AnalysedPost {
  return {
    postId,
    detection: { postId, isGuide: true, score: 5, threshold: 3, reasons: [{ code: 'tpwd', weight: 4, detail: why }] },
    matches: items.map((i) => ({ itemId: i.item_id, kind: 'exact' as const, confidence: 1, via: 'tpwd' as const })),
    items,
  };
}

export function plainResult(postId: string): AnalysedPost {
  return { postId, detection: { postId, isGuide: false, score: 0, threshold: 3, reasons: [] }, matches: [], items: [] };
}

/** Resolve after `n` animation frames (happy-dom runs them on timers). */
export async function frames(n = 2): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}

/** An extracted weibo.com post with nothing in it: a plain text post by an ordinary author. Override what a test needs. */
export function makePost(over: Partial<Post> = {}): Post {
  return {
    site: 'weibo-pc',
    id: 'AbCdEf123',
    author: { uid: '1', name: 'x', tier: 'none' },
    text: '',
    repost: null,
    links: [],
    images: [],
    counts: { reposts: 0, comments: 0, likes: 0 },
    promoted: false,
    enriched: false,
    ...over,
  };
}
