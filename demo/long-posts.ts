/**
 * One long guide post on each demo site whose product is named only after the fold: the part the feed shows says
 * 种草 / 好物 and is cut (展开 / 全文); only the whole text, which the page fetches when 展开 is pressed, names a
 * catalogue item by 淘口令 and short link. As on the real sites, the feed's JSON of such a post holds only the cut
 * text: weibo.com's `text_raw` is the visible part, m.weibo.cn's `text` the visible HTML and a 全文 link.
 */
import type { CatalogueItem } from '../utils/catalogue/schema';
import { type DemoPost, type DemoUrlStruct, ICONS } from './posts';

/** Where the long posts sit: a few screens down on weibo.com (not drawn at load), the first screen on m.weibo.cn. */
export const LONG_POST_AT = { pc: 6, mobile: 1 } as const;

const VISIBLE =
  '姐妹们，这个月最想种草给大家的一个好物终于来了！用了整整三个月才敢写这篇长文，从包装、质地、上手感受到坚持用下来的变化都会细细说一遍，' +
  '真的是越用越喜欢的那种。先说结论：值得。下面是详细的使用感受和入手方式，耐心看完不亏';

const REST = [
  '',
  '一、包装：简洁结实，快递过来没有一点磕碰，开箱就很舒服。',
  '二、上手：第一次用就觉得细节做得很用心，说明书写得清清楚楚。',
  '三、坚持三个月：每天都在用，没有出过问题，身边朋友看到也都问我要了入口。',
  '四、缺点：价格不算最便宜，但是活动的时候入手很划算。',
  '',
];

/** The long post's short link in the whole text (weibo.com lists it in the long-text answer's `url_struct`). */
const SHORT = 'http://t.cn/A6zcLong';

export interface LongPost {
  post: DemoPost;
  /** The whole text as weibo.com's `text_raw` would hold it, with `url_struct` for its t.cn link. */
  wholeRaw: string;
  wholeUrls: DemoUrlStruct[];
}

/** The item the long posts name: a fixed one of the catalogue, so tests can find it. */
export function longPostItem(catalogue: readonly CatalogueItem[]): CatalogueItem {
  const item = catalogue[7];
  if (!item) throw new Error('the catalogue is too small for the long posts');
  return item;
}

/**
 * `base` (a generated post, which keeps its id, author and time) turned into the long guide post: no repost, no
 * pictures, not promoted.
 */
export function makeLongPost(base: DemoPost, item: CatalogueItem): LongPost {
  const wholeRaw = `${VISIBLE}。${REST.join('\n')}入口在这里：复制 ￥${item.tpwd}￥ 打开手机淘宝，或者戳 ${SHORT} 就能看到。`;
  const link: DemoUrlStruct = {
    url_title: '网页链接',
    url_type_pic: `${ICONS.taobao}`,
    ori_url: item.short_url,
    short_url: SHORT,
    long_url: item.short_url,
    url_type: 39,
    result: true,
  };
  const {
    retweeted_status: _rt,
    promotion: _promotion,
    isAd: _ad,
    url_struct: _urls,
    pic_infos: _pics,
    ...rest
  } = base;
  const post: DemoPost = {
    ...rest,
    text_raw: VISIBLE,
    textLength: wholeRaw.length,
    isLongText: true,
    pic_ids: [],
    pic_num: 0,
    mblogtype: 0,
    label: { kind: 'guide', expectedItemIds: [item.item_id] },
  };
  return { post, wholeRaw, wholeUrls: [link] };
}
