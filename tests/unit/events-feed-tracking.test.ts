// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FeedTracking, startFeedTracking } from '@/utils/events/feed-tracking';
import type { ZcEvent } from '@/utils/events/schema';
import { ZcEventSchema } from '@/utils/events/schema';
import { HOST_TAG } from '@/utils/feed/watcher';

/** happy-dom has no layout, so the test plays the browser: it decides what each observed element's ratio is. */
class FakeIO {
  static instances: FakeIO[] = [];
  readonly targets = new Set<Element>();
  constructor(private readonly cb: IntersectionObserverCallback) {
    FakeIO.instances.push(this);
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  fire(el: Element, ratio: number) {
    if (!this.targets.has(el)) throw new Error('element not observed');
    const entry = { target: el, intersectionRatio: ratio, isIntersecting: ratio > 0 } as IntersectionObserverEntry;
    this.cb([entry], this as unknown as IntersectionObserver);
  }
}

function fakeCtx() {
  const cleanups: (() => void)[] = [];
  return {
    isValid: true,
    get isInvalid() {
      return !this.isValid;
    },
    onInvalidated: (cb: () => void) => {
      cleanups.push(cb);
      return () => {};
    },
    // As WXT's: the timer is cleared on invalidation through a listener it registers (and never removes).
    setTimeout(fn: () => void, ms?: number) {
      const id = setTimeout(() => this.isValid && fn(), ms);
      this.onInvalidated(() => clearTimeout(id));
      return id as unknown as number;
    },
    addEventListener: (
      target: EventTarget,
      type: string,
      handler: (e: Event) => void,
      options?: AddEventListenerOptions,
    ) => target.addEventListener(type, handler, options),
    invalidate() {
      this.isValid = false;
      for (const c of cleanups) c();
    },
  };
}

/** A feed item the way weibo.com renders it, with our host and its cards inside. */
function feedItem(postId: string, authorId: string, itemIds: string[]) {
  const article = document.createElement('article');
  article.className = 'woo-panel-main';
  const header = document.createElement('header');
  const author = document.createElement('a');
  author.setAttribute('usercard', authorId);
  header.append(author);
  const footer = document.createElement('footer');
  const like = document.createElement('button');
  like.className = 'woo-like-main';
  const repost = document.createElement('i');
  repost.className = 'woo-font--retweet';
  footer.append(like, repost);
  const host = document.createElement(HOST_TAG);
  host.setAttribute('data-post-id', postId);
  host.setAttribute('data-item-ids', itemIds.join(' '));
  const root = host.attachShadow({ mode: 'open' });
  for (const id of itemIds) {
    const li = document.createElement('li');
    li.setAttribute('data-zc-item-id', id);
    const buy = document.createElement('button');
    buy.setAttribute('data-zc-click', 'buy');
    li.append(buy);
    root.append(li);
  }
  article.dataset.postId = postId;
  article.append(header, host, footer);
  document.body.append(article);
  return { article, host, root, like, repost };
}

const site = {
  itemSelector: 'article',
  postIdOf: (item: Element) => (item as HTMLElement).dataset.postId ?? null,
  actionSelectors: { like: 'button.woo-like-main', repost: '.woo-font--retweet', comment: '.woo-font--comment' },
  extract: (item: Element) =>
    ({ author: { uid: item.querySelector('a[usercard]')?.getAttribute('usercard') ?? '' } }) as never,
};

let sent: ZcEvent[];
let ctx: ReturnType<typeof fakeCtx>;
let tracking: FeedTracking;
const io = () => FakeIO.instances.at(-1)!;
const exposures = () => sent.filter((e) => e.type === 'exposure');

beforeEach(() => {
  vi.useFakeTimers();
  FakeIO.instances = [];
  vi.stubGlobal('IntersectionObserver', FakeIO);
  vi.spyOn(document, 'hasFocus').mockReturnValue(true);
  document.body.innerHTML = '';
  sent = [];
  ctx = fakeCtx();
});

afterEach(() => {
  ctx.invalidate();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function start(
  discoverHosts?: boolean,
  hosts?: () => Iterable<Element>,
  onClickAuthor?: (postId: string, authorId: string) => void,
) {
  tracking = startFeedTracking({
    ctx,
    site,
    discoverHosts,
    hosts,
    onClickAuthor,
    extVersion: '0.1.0',
    send: async (events) => {
      sent.push(...events);
      return { acked: events.map((e) => e.event_id), stored: true };
    },
  });
}

describe('feed tracking in the content script', () => {
  it('logs one valid exposure for a card that stayed in view for a second, none for one flicked past', async () => {
    const a = feedItem('PostA', 'U1', ['600000000001']);
    const b = feedItem('PostB', 'U2', ['600000000002']);
    start();
    const cardA = a.root.querySelector('li')!;
    const cardB = b.root.querySelector('li')!;
    io().fire(cardB, 1);
    await vi.advanceTimersByTimeAsync(300);
    io().fire(cardB, 0);
    io().fire(cardA, 1);
    await vi.advanceTimersByTimeAsync(1_100);
    await tracking.flush();
    expect(exposures().map((e) => [e.post_id, e.item_id, e.author_id])).toEqual([['PostA', '600000000001', 'U1']]);
    for (const e of sent) expect(ZcEventSchema.safeParse(e).success).toBe(true);
    expect(new Set(sent.map((e) => e.page_id)).size).toBe(1);
  });

  it('picks up hosts the overlay adds later', async () => {
    start();
    const a = feedItem('PostA', 'U1', ['600000000001']);
    await vi.advanceTimersByTimeAsync(200); // discovery is coalesced
    io().fire(a.root.querySelector('li')!, 0.8);
    await vi.advanceTimersByTimeAsync(1_000);
    await tracking.flush();
    expect(exposures()).toHaveLength(1);
  });

  it('without its own discovery, picks up a host only when told that hosts changed, and does not watch the page', async () => {
    const observed = vi.spyOn(MutationObserver.prototype, 'observe');
    start(false);
    // No observer on the body or the document: only per-host ones (none yet).
    expect(observed.mock.calls.filter(([target]) => target === document.body || target === document)).toEqual([]);
    const a = feedItem('PostA', 'U1', ['600000000001']);
    await vi.advanceTimersByTimeAsync(200);
    const card = a.root.querySelector('li')!;
    expect(io().targets.has(card)).toBe(false);
    tracking.hostsChanged();
    tracking.hostsChanged(); // coalesced into one scan
    await vi.advanceTimersByTimeAsync(200);
    io().fire(card, 0.8);
    await vi.advanceTimersByTimeAsync(1_000);
    // The host leaves the page: the next change notice drops its card.
    a.host.remove();
    tracking.hostsChanged();
    await vi.advanceTimersByTimeAsync(200);
    expect(io().targets.has(card)).toBe(false);
    await tracking.flush();
    expect(exposures().map((e) => e.post_id)).toEqual(['PostA']);
  });

  it('with the overlay’s list of hosts, reads that list and not the document', async () => {
    const listed: Element[] = [];
    start(false, () => listed);
    const byTag = vi.spyOn(document, 'getElementsByTagName');
    const a = feedItem('PostA', 'U1', ['600000000001']);
    const b = feedItem('PostB', 'U2', ['600000000002']);
    listed.push(a.host);
    tracking.hostsChanged();
    await vi.advanceTimersByTimeAsync(200);
    // A host in the page but not on the list (not the overlay's) is not tracked; one the list holds is.
    expect(io().targets.has(a.root.querySelector('li')!)).toBe(true);
    expect(io().targets.has(b.root.querySelector('li')!)).toBe(false);
    expect(byTag).not.toHaveBeenCalledWith('zhongcao-cards');
  });

  it('finds hosts over many feed patches without leaving an invalidation handler behind per patch', async () => {
    start();
    const registered = vi.spyOn(ctx, 'onInvalidated');
    for (let i = 0; i < 30; i++) {
      feedItem(`Post${i}`, `U${i}`, [`6000000000${String(i).padStart(2, '0')}`]);
      await vi.advanceTimersByTimeAsync(200);
    }
    const last = document.querySelectorAll(HOST_TAG)[29]!.shadowRoot!.querySelector('li')!;
    io().fire(last, 1);
    await vi.advanceTimersByTimeAsync(1_100);
    await tracking.flush();
    expect(exposures().map((e) => e.post_id)).toEqual(['Post29']);
    expect(registered).not.toHaveBeenCalled();
  });

  it('a host re-labelled for another post (recycled node) starts a fresh exposure for that post', async () => {
    const a = feedItem('PostA', 'U1', ['600000000001']);
    start();
    const card = a.root.querySelector('li')!;
    io().fire(card, 1);
    await vi.advanceTimersByTimeAsync(600);
    a.host.setAttribute('data-post-id', 'PostC');
    card.setAttribute('data-zc-item-id', '600000000003');
    await vi.advanceTimersByTimeAsync(600);
    expect(exposures()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    await tracking.flush();
    expect(exposures().map((e) => e.post_id)).toEqual(['PostC']);
  });

  it('a host with no cards drawn yet stands for its first item, and a re-label the overlay reports moves it to the new post', async () => {
    const a = feedItem('PostA', 'U1', []);
    a.host.setAttribute('data-item-ids', '600000000001');
    start(false, () => [a.host]);
    tracking.scan();
    io().fire(a.host, 1);
    await vi.advanceTimersByTimeAsync(500);
    a.host.setAttribute('data-post-id', 'PostC');
    a.host.setAttribute('data-item-ids', '600000000003');
    tracking.hostsChanged();
    await vi.advanceTimersByTimeAsync(1_200);
    await tracking.flush();
    expect(exposures().map((e) => [e.post_id, e.item_id])).toEqual([['PostC', '600000000003']]);
  });

  it('a hidden tab stops the clock and reports viewable time so far', async () => {
    const a = feedItem('PostA', 'U1', ['600000000001']);
    start();
    io().fire(a.root.querySelector('li')!, 1);
    await vi.advanceTimersByTimeAsync(700);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(exposures()).toHaveLength(0);
    const total = sent.find((e) => e.type === 'view_time');
    expect(total).toMatchObject({ post_id: 'PostA', visible_ms: 700, exposed: false });
  });

  it('logs clicks on card controls with the declared target and item', async () => {
    const a = feedItem('PostA', 'U1', ['600000000001', '600000000002']);
    start();
    const buy = a.root.querySelectorAll('button')[1]!;
    buy.click();
    await tracking.flush();
    // happy-dom marks script-made clicks untrusted; the real browser test covers real clicks.
    expect(sent).toHaveLength(0);
    buy.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true })));
    await tracking.flush();
    expect(sent.map((e) => e.type === 'click' && [e.target, e.item_id, e.author_id])).toEqual([
      ['buy', '600000000002', 'U1'],
    ]);
  });

  it('names the author of a click-through (not of a control such as 种草), so the popup can show who it came from', async () => {
    const a = feedItem('PostA', 'U1', ['600000000001']);
    const save = document.createElement('button');
    save.setAttribute('data-zc-click', 'save');
    a.root.querySelector('li')!.append(save);
    const told: [string, string][] = [];
    start(undefined, undefined, (postId, authorId) => told.push([postId, authorId]));
    save.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true })));
    expect(told).toEqual([]);
    a.root
      .querySelector('[data-zc-click=buy]')!
      .dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true })));
    expect(told).toEqual([['PostA', 'U1']]);
    await tracking.flush();
    expect(sent.map((e) => e.type === 'click' && e.target)).toEqual(['save', 'buy']);
  });

  it("logs like / repost on a guide post's action bar, but not on other posts", async () => {
    const guide = feedItem('PostA', 'U1', ['600000000001']);
    const other = document.createElement('article');
    other.dataset.postId = 'PostZ';
    other.innerHTML = '<footer><button class="woo-like-main">赞</button></footer>';
    document.body.append(other);
    start();
    guide.like.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true })));
    guide.repost.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true })));
    other.querySelector('button')!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true })));
    await tracking.flush();
    expect(sent.map((e) => e.type === 'interaction' && [e.post_id, e.author_id, e.action])).toEqual([
      ['PostA', 'U1', 'like'],
      ['PostA', 'U1', 'repost'],
    ]);
  });

  it('records detect once per post per page view', async () => {
    start();
    tracking.recordDetect('PostA', 'U1', 6);
    tracking.recordDetect('PostA', 'U1', 6);
    await tracking.flush();
    expect(sent.map((e) => e.type)).toEqual(['detect']);
  });

  it('a detect event names the references no catalogue holds', async () => {
    start();
    tracking.recordDetect('PostB', 'U1', 5, 'short:Ht5Yx9b tpwd:Ab3dEf9hIjK');
    await tracking.flush();
    expect(sent).toEqual([expect.objectContaining({ type: 'detect', missed_refs: 'short:Ht5Yx9b tpwd:Ab3dEf9hIjK' })]);
  });

  it('delivers a burst in messages of up to 200 events, one message at a time, each event once', async () => {
    const sizes: number[] = [];
    let inFlight = 0;
    let most = 0;
    tracking = startFeedTracking({
      ctx,
      site,
      extVersion: '0.1.0',
      send: async (events) => {
        sizes.push(events.length);
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        sent.push(...events);
        return { acked: events.map((e) => e.event_id), stored: true };
      },
    });
    for (let i = 0; i < 450; i++) tracking.recordDetect(`Post${i}`, 'U1', 6);
    await vi.advanceTimersByTimeAsync(100);
    await tracking.flush();
    expect(sizes).toEqual([200, 200, 50]);
    expect(most).toBe(1);
    expect(new Set(sent.map((e) => e.post_id)).size).toBe(450);
    expect(sent).toHaveLength(450);
  });
});

function trusted<E extends Event>(e: E): E {
  Object.defineProperty(e, 'isTrusted', { value: true });
  return e;
}
