// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FeedTracking, startFeedTracking } from '@/utils/events/feed-tracking';
import type { ZcEvent } from '@/utils/events/schema';
import { ZcEventSchema } from '@/utils/events/schema';
import { HOST_TAG } from '@/utils/feed/watcher';
import { FakeIO } from './fake-io';

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

/**
 * A feed item the way weibo.com renders it, with our host and its cards in a closed root. The test keeps the card
 * elements, as the renderer does, and tells tracking about them (`draw`), as the renderer's ref callbacks do.
 */
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
  const root = host.attachShadow({ mode: 'closed' });
  const cards = itemIds.map((id) => {
    const li = document.createElement('li');
    li.setAttribute('data-zc-item', id);
    const buy = document.createElement('button');
    buy.setAttribute('data-zc-click', 'buy');
    li.append(buy);
    root.append(li);
    return li;
  });
  article.dataset.postId = postId;
  article.append(header, host, footer);
  document.body.append(article);
  const draw = () => {
    for (const [i, el] of cards.entries()) tracking.card(postId, itemIds[i] as string, el);
  };
  return { article, host, root, cards, like, repost, draw };
}

/** The composed path of a click on `el` inside a closed root, as the root's own listener sees it. */
function pathOf(el: Element): EventTarget[] {
  const path: EventTarget[] = [];
  for (let n: Node | null = el; n; ) {
    path.push(n);
    n = n instanceof ShadowRoot ? n.host : n.parentNode;
  }
  return [...path, window];
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

function start(onClickAuthor?: (postId: string, authorId: string) => void) {
  tracking = startFeedTracking({
    ctx,
    site,
    authorOf: (postId) => ({ PostA: 'U1', PostB: 'U2', PostC: 'U3' })[postId] ?? null,
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
    start();
    const a = feedItem('PostA', 'U1', ['600000000001']);
    const b = feedItem('PostB', 'U2', ['600000000002']);
    a.draw();
    b.draw();
    io().fire(b.cards[0]!, 1);
    await vi.advanceTimersByTimeAsync(300);
    io().fire(b.cards[0]!, 0);
    io().fire(a.cards[0]!, 1);
    await vi.advanceTimersByTimeAsync(1_100);
    await tracking.flush();
    expect(exposures().map((e) => [e.post_id, e.item_id, e.author_id])).toEqual([['PostA', '600000000001', 'U1']]);
    for (const e of sent) expect(ZcEventSchema.safeParse(e).success).toBe(true);
    expect(new Set(sent.map((e) => e.page_id)).size).toBe(1);
  });

  it('observes only the card elements the renderer drew, and nothing in the page', async () => {
    const observed = vi.spyOn(MutationObserver.prototype, 'observe');
    start();
    const a = feedItem('PostA', 'U1', ['600000000001', '600000000002']);
    expect(io().targets.size).toBe(0);
    a.draw();
    expect([...io().targets]).toEqual(a.cards);
    expect(observed).not.toHaveBeenCalled();
  });

  it('nothing the page writes makes, re-keys or multiplies an exposure', async () => {
    start();
    const a = feedItem('PostA', 'U1', ['600000000001']);
    a.draw();
    // The page rewrites the host's labels and adds look-alike cards (it could, with an open root).
    a.host.setAttribute('data-post-id', 'PostEvil');
    a.host.setAttribute('data-item-ids', '=HYPERLINK("x")');
    for (let i = 0; i < 50; i++) {
      const fake = document.createElement('div');
      fake.setAttribute('data-zc-item-id', `9000000000${i}`);
      a.host.append(fake);
    }
    await vi.advanceTimersByTimeAsync(500);
    expect(io().targets.size).toBe(1);
    io().fire(a.cards[0]!, 1);
    await vi.advanceTimersByTimeAsync(1_100);
    await tracking.flush();
    expect(exposures().map((e) => [e.post_id, e.item_id])).toEqual([['PostA', '600000000001']]);
  });

  it('a card taken out stops counting; its element drawn for another post (recycled host) starts afresh', async () => {
    start();
    const a = feedItem('PostA', 'U1', ['600000000001']);
    a.draw();
    const card = a.cards[0]!;
    io().fire(card, 1);
    await vi.advanceTimersByTimeAsync(600);
    tracking.card('PostA', '600000000001', null);
    expect(io().targets.has(card)).toBe(false);
    tracking.card('PostC', '600000000003', card);
    io().fire(card, 1);
    await vi.advanceTimersByTimeAsync(600);
    expect(exposures()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    await tracking.flush();
    expect(exposures().map((e) => [e.post_id, e.item_id, e.author_id])).toEqual([['PostC', '600000000003', 'U3']]);
  });

  it('a hidden tab stops the clock and reports viewable time so far', async () => {
    start();
    const a = feedItem('PostA', 'U1', ['600000000001']);
    a.draw();
    io().fire(a.cards[0]!, 1);
    await vi.advanceTimersByTimeAsync(700);
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(exposures()).toHaveLength(0);
    const total = sent.find((e) => e.type === 'view_time');
    expect(total).toMatchObject({ post_id: 'PostA', visible_ms: 700, exposed: false });
  });

  it('logs a card action the overlay let through, with the declared target and the drawn item', async () => {
    start();
    const a = feedItem('PostA', 'U1', ['600000000001', '600000000002']);
    a.draw();
    const buy = a.cards[1]!.querySelector('button')!;
    tracking.cardClick('PostA', pathOf(buy));
    await tracking.flush();
    expect(sent.map((e) => e.type === 'click' && [e.post_id, e.target, e.item_id, e.author_id])).toEqual([
      ['PostA', 'buy', '600000000002', 'U1'],
    ]);
  });

  it('a click inside an element the renderer did not draw names no item, whatever the element says', async () => {
    start();
    const a = feedItem('PostA', 'U1', ['600000000001']);
    a.draw();
    const fake = document.createElement('div');
    fake.setAttribute('data-zc-item', '600000000099');
    const btn = document.createElement('button');
    btn.setAttribute('data-zc-click', 'buy');
    fake.append(btn);
    a.root.append(fake);
    tracking.cardClick('PostA', pathOf(btn));
    // A card drawn for another post does not lend its item to this one.
    tracking.cardClick('PostB', pathOf(a.cards[0]!.querySelector('button')!));
    await tracking.flush();
    expect(sent.map((e) => e.type === 'click' && [e.post_id, e.item_id])).toEqual([
      ['PostA', null],
      ['PostB', null],
    ]);
  });

  it('names the author of a click-through (not of a control such as 种草), so the popup can show who it came from', async () => {
    const told: [string, string][] = [];
    start((postId, authorId) => told.push([postId, authorId]));
    const a = feedItem('PostA', 'U1', ['600000000001']);
    a.draw();
    const save = document.createElement('button');
    save.setAttribute('data-zc-click', 'save');
    a.cards[0]!.append(save);
    tracking.cardClick('PostA', pathOf(save));
    expect(told).toEqual([]);
    tracking.cardClick('PostA', pathOf(a.cards[0]!.querySelector('[data-zc-click=buy]')!));
    expect(told).toEqual([['PostA', 'U1']]);
    await tracking.flush();
    expect(sent.map((e) => e.type === 'click' && e.target)).toEqual(['save', 'buy']);
  });

  it("logs like / repost on a guide post's action bar, but not on other posts nor through our hosts", async () => {
    start();
    const guide = feedItem('PostA', 'U1', ['600000000001']);
    guide.draw();
    const other = document.createElement('article');
    other.dataset.postId = 'PostZ';
    other.innerHTML = '<footer><button class="woo-like-main">赞</button></footer>';
    document.body.append(other);
    const click = () => trusted(new MouseEvent('click', { bubbles: true, composed: true }));
    guide.like.dispatchEvent(click());
    guide.repost.dispatchEvent(click());
    other.querySelector('button')!.dispatchEvent(click());
    // A like button the page put inside our host is not the post's action bar.
    const planted = document.createElement('button');
    planted.className = 'woo-like-main';
    guide.host.append(planted);
    planted.dispatchEvent(click());
    // Untrusted: nothing.
    guide.like.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
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
