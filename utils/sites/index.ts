import type { SiteAdapter } from './types';
import { weiboMobile } from './weibo-mobile';
import { weiboPc } from './weibo-pc';

export { iconStem, parseCount, unwrapSinaUrl } from './common';
export { readHtmlText } from './html-text';
export { applyLongText, enrichPost, jsonIsAbout, postFromMblog, postsFromFeedJson, readMblog } from './page-json';
export type { SiteAdapter } from './types';
export { asMid, bidToMid, midToBid } from './weibo-id';
export { MOBILE_SELECTORS, weiboMobile } from './weibo-mobile';
export { PC_SELECTORS, weiboPc } from './weibo-pc';

const ADAPTERS: readonly SiteAdapter[] = [weiboPc, weiboMobile];

/** The adapter for a page, or null off Weibo. */
export function adapterFor(url: URL | Location | string): SiteAdapter | null {
  let loc: URL | Location;
  try {
    loc = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  return ADAPTERS.find((a) => a.matches(loc)) ?? null;
}
