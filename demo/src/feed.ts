import type { DemoMblog } from '../posts';
import { parseWeiboDate } from '../posts';
import { C, type FeedState, PostView } from './card';
import { RecycleScroller } from './scroller';

declare const __DEMO_PAGES__: number;

interface FeedPage {
  ok: number;
  statuses: DemoMblog[];
  page?: number;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  text?: string,
  attrs: Record<string, string> = {},
) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const HOT = [
  ['双十一最后一波好物清单', '爆'],
  ['今冬第一场雪', '热'],
  ['年轻人开始反向消费', '新'],
  ['地铁新线路开通', ''],
  ['这届网友太会起名了', '热'],
  ['平价护肤品红黑榜', ''],
  ['周末去哪儿玩', ''],
  ['猫咪的迷惑行为', '新'],
  ['冬季穿搭公式', ''],
  ['打工人的早餐', ''],
] as const;

function topNav(): HTMLElement {
  const nav = el('div', 'woo-box-flex woo-box-alignCenter wb-topnav');
  const inner = el('div', 'woo-box-flex woo-box-alignCenter wb-topnav-inner');
  const logo = el('a', 'wb-logo', undefined, { href: '/', 'aria-label': '微博' });
  logo.append(el('span', 'wb-logo-eye'), el('span', 'wb-logo-text', '微博'));
  const search = el('div', 'woo-input-wrap wb-search');
  search.append(
    el('i', 'woo-font woo-font--search'),
    el('input', 'woo-input-main', undefined, { placeholder: '搜索微博', type: 'search' }),
  );
  const links = el('div', 'woo-box-flex wb-toplinks');
  for (const [t, active] of [
    ['首页', true],
    ['视频', false],
    ['消息', false],
    ['我', false],
  ] as const) {
    links.append(el('a', `wb-toplink${active ? ' active' : ''}`, t, { href: '/' }));
  }
  inner.append(logo, search, links);
  nav.append(inner);
  return nav;
}

function leftNav(): HTMLElement {
  const side = el('div', 'wb-left woo-panel-main');
  side.append(el('h3', 'wb-left-title', '首页'));
  for (const [t, active] of [
    ['全部关注', true],
    ['最新微博', false],
    ['特别关注', false],
    ['好友圈', false],
  ] as const) {
    side.append(el('a', `wb-left-item${active ? ' active' : ''}`, t, { href: '/' }));
  }
  side.append(el('h3', 'wb-left-title', '自定义分组'));
  for (const t of ['同学', '好物', '明星', '新闻']) side.append(el('a', 'wb-left-item', t, { href: '/' }));
  return side;
}

function rightBar(): HTMLElement {
  const side = el('div', 'wb-right');
  const hot = el('div', 'woo-panel-main wb-card');
  const head = el('div', 'woo-box-flex woo-box-alignCenter wb-card-head');
  head.append(el('span', 'wb-card-title', '微博热搜'), el('a', 'wb-card-more', '点击刷新', { href: '/hot' }));
  hot.append(head);
  HOT.forEach(([title, mark], i) => {
    const row = el('a', 'woo-box-flex woo-box-alignCenter wb-hot-row', undefined, { href: `/hot/${i + 1}` });
    row.append(el('span', `wb-hot-rank rank-${i + 1}`, String(i + 1)), el('span', 'wb-hot-title', title));
    if (mark)
      row.append(el('span', `wb-hot-mark mark-${mark === '爆' ? 'boom' : mark === '热' ? 'hot' : 'new'}`, mark));
    hot.append(row);
  });
  const foot = el('div', 'wb-right-foot', '种草 Zhongcao 演示信息流 · 内容均为虚构');
  side.append(hot, foot);
  return side;
}

function composer(): HTMLElement {
  const box = el('div', 'woo-panel-main wb-compose');
  box.append(el('textarea', 'wb-compose-input', undefined, { placeholder: '有什么新鲜事想分享给大家？', rows: '2' }));
  const bar = el('div', 'woo-box-flex woo-box-alignCenter wb-compose-bar');
  for (const t of ['表情', '图片', '视频', '话题', '头条文章']) bar.append(el('span', 'wb-compose-tool', t));
  bar.append(
    el('button', 'woo-button-main woo-button-flat woo-button-primary wb-compose-send', '发送', {
      type: 'button',
      disabled: '',
    }),
  );
  box.append(bar);
  return box;
}

function main(): void {
  const initialNode = document.getElementById('__INITIAL_FEED__');
  const initial = JSON.parse(initialNode?.textContent ?? '{"statuses":[]}') as FeedPage;
  const first = initial.statuses[0];
  // Shift every timestamp so the newest post reads 刚刚 now and ages with the wall clock.
  const timeShift = first ? Date.now() - parseWeiboDate(first.created_at) - 20_000 : 0;
  const toastEl = el('div', C.toast, undefined, { role: 'status' });
  let toastTimer = 0;
  const state: FeedState = {
    expanded: new Set(),
    timeShift,
    toast(text) {
      toastEl.textContent = text;
      toastEl.classList.add('show');
      clearTimeout(toastTimer);
      toastTimer = window.setTimeout(() => toastEl.classList.remove('show'), 1500);
    },
  };

  const views: PostView[] = [];
  let nextPage = 2;
  let loading = false;
  const status = el('div', 'wb-loading', '正在加载...');
  const scroller = new RecycleScroller<DemoMblog>({
    minItemSize: 220,
    buffer: 400,
    create: () => {
      const view = new PostView(state);
      views.push(view);
      return view;
    },
    onNearEnd: () => void loadMore(),
  });
  scroller.after.append(status);

  const home: DemoMblog[] = [];
  let onHome = true;
  const profile = el('div', 'woo-panel-main wb-profile');

  async function loadMore(): Promise<void> {
    if (!onHome || loading || nextPage > __DEMO_PAGES__) return;
    loading = true;
    try {
      const res = await fetch(`/ajax/feed/friendstimeline?list_id=&refresh=4&since_id=0&count=20&page=${nextPage}`, {
        credentials: 'include',
        headers: { accept: 'application/json, text/plain, */*' },
      });
      const page = (await res.json()) as FeedPage;
      nextPage += 1;
      home.push(...page.statuses);
      if (onHome) scroller.append(page.statuses);
      if (nextPage > __DEMO_PAGES__) status.textContent = '没有更多内容了';
    } catch {
      status.textContent = '加载失败，请稍后再试';
    } finally {
      loading = false;
    }
    scroller.schedule();
  }

  const frame = el('div', 'wb-frame');
  const centre = el('main', 'wb-main');
  const tabs = el('div', 'woo-box-flex woo-panel-main wb-tabs');
  for (const [t, active] of [
    ['全部', true],
    ['原创', false],
    ['视频', false],
    ['图片', false],
  ] as const) {
    tabs.append(el('a', `wb-tab${active ? ' active' : ''}`, t, { href: '/' }));
  }
  centre.append(composer(), tabs, scroller.el);
  frame.append(el('aside', 'wb-left-wrap'), centre, rightBar());
  (frame.firstElementChild as HTMLElement).append(leftNav());
  const app = document.getElementById('app') ?? document.body;
  app.append(topNav(), frame, toastEl);

  home.push(...initial.statuses);

  /**
   * weibo.com is a single-page app: home ↔ profile switches happen without a reload, the same recycled views
   * then show other posts. Permalinks (new tab) and everything else navigate normally.
   */
  async function route(): Promise<void> {
    const uid = /^\/u\/(\d+)$/.exec(location.pathname)?.[1];
    window.scrollTo(0, 0);
    if (!uid) {
      onHome = true;
      profile.remove();
      tabs.hidden = false;
      scroller.reset(home);
      status.textContent = nextPage > __DEMO_PAGES__ ? '没有更多内容了' : '正在加载...';
      return;
    }
    onHome = false;
    const res = await fetch(`/ajax/statuses/mymblog?uid=${uid}&page=1&feature=0`, { credentials: 'include' });
    const body = (await res.json()) as { data: { list: DemoMblog[]; total: number } };
    const user = body.data.list[0]?.user;
    profile.replaceChildren(
      el('div', 'wb-profile-name', user?.screen_name ?? `用户${uid}`),
      el('div', 'wb-profile-meta', user ? `粉丝 ${user.followers_count_str} · 微博 ${body.data.total}` : '暂无微博'),
    );
    tabs.hidden = true;
    tabs.before(profile);
    scroller.reset(body.data.list);
    status.textContent = '没有更多内容了';
  }

  document.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (!a || a.target === '_blank' || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !/^\/(u\/\d+)?$/.test(url.pathname)) return;
    e.preventDefault();
    if (url.pathname !== location.pathname) history.pushState({}, '', url.pathname);
    void route();
  });
  window.addEventListener('popstate', () => void route());
  if (location.pathname === '/' || !/^\/u\/\d+$/.test(location.pathname)) scroller.append(home);
  else void route();
  // weibo.com re-renders every relative time on a timer; this is what floods naive MutationObservers.
  window.setInterval(() => {
    for (const v of views) v.refreshTime();
  }, 3000);
}

main();
