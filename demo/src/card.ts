import type { MobileMblog } from '../mobile-json';
import type { DemoMblog, DemoUser } from '../posts';
import { parseWeiboDate } from '../posts';
import type { ClassMap } from './classes';
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

declare const __DEMO_CLASSES__: ClassMap;
export const C: ClassMap = __DEMO_CLASSES__;

/** What Vue 2 leaves on a component's root element; a MAIN-world script reads the post JSON from it. */
export interface VueHandle {
  $props: { data: DemoMblog };
  data: DemoMblog;
}

/** m.weibo.cn's card components hold their post as the `mblog` prop. */
export interface MobileVueHandle {
  $props: { mblog: MobileMblog };
  mblog: MobileMblog;
}

declare global {
  interface HTMLElement {
    __vue__?: VueHandle | MobileVueHandle;
  }
}

/** Shared page state the cards read: expanded posts and the clock shift that keeps the feed "fresh". */
export interface FeedState {
  expanded: Set<string>;
  /** Added to created_at when showing times, so the newest post reads 刚刚 when the page opens. */
  timeShift: number;
  toast(text: string): void;
}

type Props = Record<string, string>;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  props: Props = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  for (const [k, v] of Object.entries(props)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/**
 * Vue leaves a comment where a v-if branch is absent; toggling swaps the comment and the element in place, so
 * anything else in the parent (an extension's card) keeps its position.
 */
class Optional<E extends Element> {
  readonly anchor = document.createComment('');
  constructor(readonly el: E) {}
  set(show: boolean): void {
    if (show && this.anchor.parentNode) this.anchor.replaceWith(this.el);
    else if (!show && this.el.parentNode) this.el.replaceWith(this.anchor);
  }
}

/**
 * Replaces the nodes this page put into `parent` with `next`, leaving foreign nodes (e.g. an injected
 * <zhongcao-cards>) where they are. New nodes go where the page's old ones started.
 */
function patchChildren(parent: Element, owned: Set<Node>, next: Node[]): void {
  const first = [...parent.childNodes].find((n) => owned.has(n)) ?? null;
  const frag = document.createDocumentFragment();
  frag.append(...next);
  parent.insertBefore(frag, first);
  for (const n of owned) n.parentNode === parent && parent.removeChild(n);
  owned.clear();
  for (const n of next) owned.add(n);
}

export function verifiedBadge(user: DemoUser): HTMLElement | null {
  if (!user.verified) return null;
  let variant = 'vyellow';
  let title = user.verified_reason ?? '微博个人认证';
  let inner: HTMLElement | null = null;
  if (user.verified_type > 0) {
    variant = 'vblue';
    title = user.verified_reason ?? '微博官方认证';
  } else if (user.verified_type_ext === 1) {
    variant = 'vgold';
    inner = h('i', 'woo-icon__frames');
  } else if (user.verified_type_ext === 0) {
    variant = 'vgold';
    inner = h('i', 'woo-icon__vorange');
  }
  const icon = h('i', `woo-icon-main woo-icon--${variant}`);
  if (inner) icon.append(inner);
  return h('div', 'woo-avatar-icon', { title }, icon);
}

export function renderTokens(tokens: TextToken[]): Node[] {
  return tokens.map(renderToken);
}

function renderToken(tok: TextToken): Node {
  switch (tok.t) {
    case 'text':
      return document.createTextNode(tok.text);
    case 'br':
      return h('br', '');
    case 'link': {
      const img = h('img', 'icon-link', { src: tok.url.url_type_pic, alt: '' });
      return h('a', '', { href: sinaurl(tok.url.long_url), target: '_blank' }, img, tok.url.url_title);
    }
    case 'rawlink':
      return h('a', '', { href: tok.href, target: '_blank' }, tok.href);
    case 'topic':
      return h(
        'a',
        '',
        { href: `//s.weibo.com/weibo?q=${encodeURIComponent(`#${tok.topic}#`)}`, target: '_blank' },
        `#${tok.topic}#`,
      );
    case 'mention':
      return h('a', '', { href: `/n/${encodeURIComponent(tok.name)}`, usercard: `name=@${tok.name}` }, `@${tok.name}`);
  }
}

function pictureNodes(mblog: DemoMblog): Node[] {
  const n = mblog.pic_ids.length;
  return mblog.pic_ids.map((pid) => {
    const info = mblog.pic_infos?.[pid];
    const src = (n === 1 ? info?.large.url : info?.bmiddle.url) ?? '';
    const img = h('img', 'woo-picture-img', { src, alt: '', loading: 'lazy' });
    const main = h(
      'div',
      `woo-picture-main woo-picture-square woo-picture-hover`,
      {},
      img,
      h('div', 'woo-picture-hoverMask'),
    );
    return h('div', `woo-box-item-inlineBlock ${C.pictureItem}`, {}, h('div', 'woo-picture-slot', {}, main));
  });
}

/** One feed item: an `article` built once and patched in place for whichever post its view shows. */
export class PostView {
  readonly el: HTMLElement;
  private mblog: DemoMblog | null = null;
  private readonly avatarLink: HTMLAnchorElement;
  private readonly avatar: HTMLDivElement;
  private readonly avatarImg: HTMLImageElement;
  private readonly avatarOwned = new Set<Node>();
  private readonly nameLink: HTMLAnchorElement;
  private readonly nameSpan: HTMLSpanElement;
  private readonly tag: Optional<HTMLSpanElement>;
  private readonly time: HTMLAnchorElement;
  private readonly source: HTMLDivElement;
  private readonly wbtext: HTMLDivElement;
  private readonly wbtextOwned = new Set<Node>();
  private readonly pics: Optional<HTMLDivElement>;
  private readonly picsOwned = new Set<Node>();
  private readonly retweet: Optional<HTMLDivElement>;
  private readonly reText: HTMLDivElement;
  private readonly reOwned = new Set<Node>();
  private readonly rePics: Optional<HTMLDivElement>;
  private readonly rePicsOwned = new Set<Node>();
  private readonly reTime: HTMLAnchorElement;
  private readonly counts: { retweet: HTMLSpanElement; comment: HTMLSpanElement; like: HTMLSpanElement };
  private readonly likeBtn: HTMLButtonElement;
  private readonly comments: Optional<HTMLDivElement>;
  private readonly commentInput: HTMLTextAreaElement;
  private readonly commentList: HTMLDivElement;
  private readonly commentListOwned = new Set<Node>();
  private commentsOpen = false;

  constructor(private readonly state: FeedState) {
    this.avatarImg = h('img', 'woo-avatar-img', { alt: '' });
    this.avatar = h(
      'div',
      `woo-avatar-main woo-avatar-hover ${C.head_avatar}`,
      {},
      this.avatarImg,
      h('div', 'woo-avatar-hoverMask'),
    );
    this.avatarLink = h('a', C.ALink_default, {}, this.avatar);
    this.nameSpan = h('span', '');
    this.nameLink = h('a', `${C.ALink_default} ${C.head_cut} ${C.head_name}`, {}, this.nameSpan);
    this.tag = new Optional(h('span', `wbpro-tag wbpro-tag-c2 ${C.tag}`));
    this.time = h('a', `${C.ALink_default} ${C.time}`, { target: '_blank' });
    this.source = h('div', `${C.head_cut} ${C.source}`);
    const header = h(
      'header',
      'woo-box-flex',
      {},
      this.avatarLink,
      h(
        'div',
        `woo-box-item-flex ${C.head_main}`,
        {},
        h(
          'div',
          `woo-box-flex woo-box-alignCenter ${C.head_info}`,
          {},
          h('div', `woo-box-flex woo-box-alignCenter ${C.head_nick}`, {}, this.nameLink),
          this.tag.anchor,
        ),
        h('div', `woo-box-flex woo-box-alignCenter ${C.infoLine}`, {}, this.time, this.source),
      ),
      h('div', `woo-box-flex ${C.head_more}`, {}, h('i', 'woo-font woo-font--angleDown', { title: '更多' })),
    );

    this.wbtext = h('div', C.wbtext);
    this.wbtext.addEventListener('click', (e) => {
      const m = this.mblog;
      if (!(e.target as Element | null)?.closest?.('.expand') || !m) return;
      // As weibo.com does: 展开 fetches the whole text (the feed's JSON of a long post may hold only the cut part).
      fetch(`/ajax/statuses/longtext?id=${encodeURIComponent(m.mblogid)}`)
        .then((r) => r.json() as Promise<{ data?: { longTextContent?: string; url_struct?: DemoMblog['url_struct'] } }>)
        .then(({ data }) => {
          if (typeof data?.longTextContent === 'string' && data.longTextContent) {
            m.text_raw = data.longTextContent;
            if (data.url_struct?.length) m.url_struct = data.url_struct;
          }
        })
        .catch(() => undefined)
        .finally(() => {
          this.state.expanded.add(m.mblogid);
          if (this.mblog === m) this.renderText();
        });
    });
    this.pics = new Optional(h('div', `${C.picture} woo-box-wrap picture-box`));
    this.reText = h('div', C.wbtext);
    this.rePics = new Optional(h('div', `${C.picture} woo-box-wrap picture-box`));
    this.reTime = h('a', `${C.ALink_default} ${C.reTime}`, { target: '_blank' });
    this.retweet = new Optional(
      h(
        'div',
        `retweet ${C.Feed_retweet}`,
        {},
        h('div', `${C.text} ${C.reText} wbpro-feed-reText`, {}, this.reText),
        this.rePics.anchor,
        h('div', `woo-box-flex woo-box-alignCenter ${C.reHead}`, {}, this.reTime),
      ),
    );
    const content = h(
      'div',
      'wbpro-feed-content',
      {},
      h('div', `${C.text} ${C.ogText} wbpro-feed-ogText`, {}, this.wbtext),
      this.pics.anchor,
      this.retweet.anchor,
    );
    const body = h('div', C.Feed_body, {}, header, content);

    const action = (icon: string, title: string): [HTMLDivElement, HTMLSpanElement] => {
      const num = h('span', C.num);
      const wrap = h(
        'div',
        `woo-box-flex woo-box-alignCenter woo-box-justifyCenter ${C.toolbarWrap}`,
        { role: 'button', tabindex: '0', title },
        h('i', `woo-font woo-font--${icon}`, { title }),
        num,
      );
      return [h('div', `woo-box-item-flex ${C.toolbarItem}`, {}, wrap), num];
    };
    const [retweetItem, retweetNum] = action('retweet', '转发');
    const [commentItem, commentNum] = action('comment', '评论');
    const likeNum = h('span', `woo-like-count ${C.num}`);
    this.likeBtn = h(
      'button',
      `woo-like-main ${C.likeBtn}`,
      { title: '赞', 'aria-label': '赞' },
      h('span', 'woo-like-iconWrap', {}, h('i', 'woo-like-icon')),
      likeNum,
    );
    const likeItem = h(
      'div',
      `woo-box-item-flex ${C.toolbarItem}`,
      {},
      h('div', `woo-box-flex woo-box-alignCenter woo-box-justifyCenter ${C.toolbarWrap}`, {}, this.likeBtn),
    );
    this.counts = { retweet: retweetNum, comment: commentNum, like: likeNum };
    const footer = h(
      'footer',
      '',
      { 'aria-label': '操作' },
      h('div', `woo-box-flex ${C.toolbar}`, {}, retweetItem, commentItem, likeItem),
    );

    this.commentInput = h('textarea', C.cmtInput, { placeholder: '发布你的评论', maxlength: '140', rows: '2' });
    const send = h(
      'button',
      `woo-button-main woo-button-flat woo-button-primary woo-button-m ${C.cmtBtn}`,
      { type: 'button' },
      '评论',
    );
    this.commentList = h('div', C.cmtList);
    this.comments = new Optional(
      h('div', C.cmt, {}, h('div', 'woo-box-flex', {}, this.commentInput, send), this.commentList),
    );

    retweetItem.addEventListener('click', () => this.repost());
    commentItem.addEventListener('click', () => this.toggleComments());
    this.likeBtn.addEventListener('click', () => this.toggleLike());
    send.addEventListener('click', () => this.sendComment());

    this.el = h(
      'article',
      `woo-panel-main woo-panel-top woo-panel-right woo-panel-bottom woo-panel-left ${C.Feed_wrap} ${C.Feed_normal}`,
      { tabindex: '0' },
      body,
      footer,
      this.comments.anchor,
    );
  }

  update(mblog: DemoMblog): void {
    const changed = this.mblog !== mblog;
    this.mblog = mblog;
    const handle: VueHandle = { $props: { data: mblog }, data: mblog };
    this.el.__vue__ = handle;
    const u = mblog.user;
    this.avatarLink.href = `https://weibo.com/u/${u.idstr}`;
    this.avatar.setAttribute('usercard', u.idstr);
    this.avatarImg.src = u.avatar_large;
    const badge = verifiedBadge(u);
    patchChildren(this.avatar, this.avatarOwned, badge ? [badge] : []);
    this.nameLink.href = `/u/${u.idstr}`;
    this.nameLink.setAttribute('usercard', u.idstr);
    this.nameSpan.title = u.screen_name;
    this.nameSpan.textContent = u.screen_name;
    const promo = mblog.promotion?.recommend;
    this.tag.el.textContent = promo ?? '';
    this.tag.set(Boolean(promo));
    this.time.href = `https://weibo.com/${u.idstr}/${mblog.mblogid}`;
    this.refreshTime();
    this.source.textContent = `来自 ${mblog.source}`;
    this.renderText();
    patchChildren(this.pics.el, this.picsOwned, pictureNodes(mblog));
    this.pics.el.dataset.count = String(mblog.pic_ids.length);
    this.pics.set(mblog.pic_ids.length > 0);

    const rt = mblog.retweeted_status;
    if (rt) {
      const author = h(
        'a',
        C.ALink_default,
        { href: `/u/${rt.user.idstr}`, usercard: rt.user.idstr },
        `@${rt.user.screen_name}`,
      );
      patchChildren(this.reText, this.reOwned, [
        author,
        document.createTextNode(':'),
        ...renderTokens(tokenize(rt.text_raw, rt.url_struct)),
      ]);
      patchChildren(this.rePics.el, this.rePicsOwned, pictureNodes(rt));
      this.rePics.el.dataset.count = String(rt.pic_ids.length);
      this.rePics.set(rt.pic_ids.length > 0);
      this.reTime.href = `https://weibo.com/${rt.user.idstr}/${rt.mblogid}`;
      this.reTime.textContent = `${absoluteTime(parseWeiboDate(rt.created_at) + this.state.timeShift)}  转发 ${abbreviateCount(rt.reposts_count)} · 评论 ${abbreviateCount(rt.comments_count)} · 赞 ${abbreviateCount(rt.attitudes_count)}`;
    }
    this.retweet.set(Boolean(rt));
    this.renderCounts();
    if (changed) {
      this.commentsOpen = false;
      this.commentInput.value = '';
    }
    this.renderComments();
  }

  /** Rewrites the relative time; the page calls it for every visible item every few seconds. */
  refreshTime(): void {
    if (!this.mblog) return;
    const at = parseWeiboDate(this.mblog.created_at) + this.state.timeShift;
    this.time.title = absoluteTime(at);
    this.time.textContent = relativeTime(at, Date.now());
  }

  private renderText(): void {
    const m = this.mblog;
    if (!m) return;
    let tokens = tokenize(m.text_raw, m.url_struct);
    const cut = m.isLongText && !this.state.expanded.has(m.mblogid);
    const nodes: Node[] = [];
    if (cut) {
      tokens = truncateTokens(tokens, TRUNCATE_AT);
      nodes.push(
        ...renderTokens(tokens),
        document.createTextNode('...'),
        h('span', 'expand', { role: 'button' }, '展开'),
      );
    } else nodes.push(...renderTokens(tokens));
    patchChildren(this.wbtext, this.wbtextOwned, nodes);
  }

  private renderCounts(): void {
    const m = this.mblog;
    if (!m) return;
    this.counts.retweet.textContent = m.reposts_count > 0 ? abbreviateCount(m.reposts_count) : '转发';
    this.counts.comment.textContent = m.comments_count > 0 ? abbreviateCount(m.comments_count) : '评论';
    this.counts.like.textContent = m.attitudes_count > 0 ? abbreviateCount(m.attitudes_count) : '赞';
    this.likeBtn.classList.toggle('woo-like-liked', m.attitudes_status === 1);
    this.likeBtn.title = m.attitudes_status === 1 ? '取消赞' : '赞';
  }

  private renderComments(): void {
    const m = this.mblog;
    const mine = (m && myComments.get(m.mblogid)) ?? [];
    patchChildren(
      this.commentList,
      this.commentListOwned,
      mine.map((text) => h('div', 'woo-box-flex', {}, h('span', 'cmt-me', {}, '我：'), h('span', '', {}, text))),
    );
    this.comments.set(this.commentsOpen);
  }

  private repost(): void {
    if (!this.mblog) return;
    this.mblog.reposts_count += 1;
    this.renderCounts();
    this.state.toast('转发成功');
  }

  private toggleLike(): void {
    const m = this.mblog;
    if (!m) return;
    m.attitudes_status = m.attitudes_status === 1 ? 0 : 1;
    m.attitudes_count += m.attitudes_status === 1 ? 1 : -1;
    this.renderCounts();
  }

  private toggleComments(): void {
    this.commentsOpen = !this.commentsOpen;
    this.renderComments();
    if (this.commentsOpen) this.commentInput.focus({ preventScroll: true });
  }

  private sendComment(): void {
    const m = this.mblog;
    const text = this.commentInput.value.trim();
    if (!m || !text) return;
    const list = myComments.get(m.mblogid) ?? [];
    list.push(text);
    myComments.set(m.mblogid, list);
    m.comments_count += 1;
    this.commentInput.value = '';
    this.renderCounts();
    this.renderComments();
    this.state.toast('评论成功');
  }
}

/** Comments typed on this page, by post (they follow the post, not the recycled view). */
const myComments = new Map<string, string[]>();
