/**
 * The demo posts as m.weibo.cn's `api/container/getIndex` serves them (shapes from ../shared/real-weibo): a `card_type`
 * 9 card per post whose `mblog` carries `id` / `mid` (the same string), `bid`, the post as HTML `text` (cut for a long
 * post, ending in a 全文 link), `pics[]`, and `user.id` as a number; no `mblogid`, `text_raw`, `url_struct` or
 * `pic_infos`. The whole HTML of a long post is what `statuses/extend` answers.
 */
import type { DemoMblog, DemoUser } from './posts';
import { sinaurl, type TextToken, TRUNCATE_AT, tokenize, truncateTokens } from './src/text';

export interface MobileUser {
  id: number;
  screen_name: string;
  profile_image_url: string;
  profile_url: string;
  verified: boolean;
  verified_type: number;
  verified_type_ext?: number;
  verified_reason?: string;
  description: string;
  followers_count: number;
  mbrank: number;
}

export interface MobilePic {
  pid: string;
  url: string;
  size: string;
  large: { size: string; url: string };
}

export interface MobileMblog {
  created_at: string;
  id: string;
  mid: string;
  bid: string;
  text: string;
  textLength: number;
  source: string;
  isLongText: boolean;
  user: MobileUser;
  reposts_count: number;
  comments_count: number;
  attitudes_count: number;
  pic_ids: string[];
  pic_num: number;
  pics?: MobilePic[];
  retweeted_status?: MobileMblog;
  mblogtype: number;
  content_auth: number;
  promotion?: { type: string; recommend: string; adtype: number };
}

export interface MobileCard {
  card_type: 9;
  itemid: string;
  scheme: string;
  mblog: MobileMblog;
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One token as m.weibo.cn writes it into `text`. */
function tokenHtml(tok: TextToken): string {
  switch (tok.t) {
    case 'text':
      return escapeHtml(tok.text);
    case 'br':
      return '<br />';
    case 'link':
      return `<a data-url="${escapeHtml(tok.url.short_url)}" href="${escapeHtml(sinaurl(tok.url.long_url, 'https://weibo.cn'))}" data-hide=""><span class='url-icon'><img style='width: 1rem;height: 1rem' src='${escapeHtml(tok.url.url_type_pic)}'></span><span class="surl-text">${escapeHtml(tok.url.url_title)}</span></a>`;
    case 'rawlink':
      return `<a href="${escapeHtml(tok.href)}" data-hide="">${escapeHtml(tok.href)}</a>`;
    case 'topic':
      return `<a href="https://m.weibo.cn/search?containerid=231522type%3D1%26q%3D${encodeURIComponent(`#${tok.topic}#`)}" data-hide=""><span class="surl-text">#${escapeHtml(tok.topic)}#</span></a>`;
    case 'mention':
      return `<a href='/n/${encodeURIComponent(tok.name)}'>@${escapeHtml(tok.name)}</a>`;
  }
}

/** The post's whole text as m.weibo.cn's HTML (`statuses/extend`'s `longTextContent`). */
export function wholeHtml(m: DemoMblog): string {
  return tokenize(m.text_raw, m.url_struct).map(tokenHtml).join('');
}

/** `text` as getIndex gives it: the whole HTML, or for a long post its first part, `...` and a 全文 link. */
export function feedHtml(m: DemoMblog): string {
  const tokens = tokenize(m.text_raw, m.url_struct);
  if (!m.isLongText) return tokens.map(tokenHtml).join('');
  return `${truncateTokens(tokens, TRUNCATE_AT).map(tokenHtml).join('')} ...<a href="/status/${m.mid}">全文</a>`;
}

function mobileUser(u: DemoUser): MobileUser {
  const out: MobileUser = {
    id: u.id,
    screen_name: u.screen_name,
    profile_image_url: u.profile_image_url,
    profile_url: `https://m.weibo.cn/u/${u.idstr}?uid=${u.idstr}`,
    verified: u.verified,
    verified_type: u.verified_type,
    description: u.description,
    followers_count: u.followers_count,
    mbrank: u.mbrank,
  };
  if (u.verified_type_ext !== undefined) out.verified_type_ext = u.verified_type_ext;
  if (u.verified_reason) out.verified_reason = u.verified_reason;
  return out;
}

export function toMobileMblog(m: DemoMblog): MobileMblog {
  const out: MobileMblog = {
    created_at: m.created_at,
    id: m.mid,
    mid: m.mid,
    bid: m.mblogid,
    text: feedHtml(m),
    textLength: m.textLength,
    source: m.source,
    isLongText: m.isLongText,
    user: mobileUser(m.user),
    reposts_count: m.reposts_count,
    comments_count: m.comments_count,
    attitudes_count: m.attitudes_count,
    pic_ids: m.pic_ids,
    pic_num: m.pic_num,
    mblogtype: m.mblogtype,
    content_auth: 0,
  };
  if (m.pic_ids.length > 0) {
    out.pics = m.pic_ids.map((pid) => ({
      pid,
      url: m.pic_infos?.[pid]?.thumbnail.url ?? '',
      size: 'orj360',
      large: { size: 'large', url: m.pic_infos?.[pid]?.large.url ?? '' },
    }));
  }
  if (m.retweeted_status) out.retweeted_status = toMobileMblog(m.retweeted_status);
  if (m.promotion)
    out.promotion = { type: m.promotion.type, recommend: m.promotion.recommend, adtype: m.promotion.adtype };
  return out;
}

export function toMobileCard(m: DemoMblog): MobileCard {
  return { card_type: 9, itemid: '', scheme: `https://m.weibo.cn/status/${m.mblogid}`, mblog: toMobileMblog(m) };
}
