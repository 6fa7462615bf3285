// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { FeedItemRef } from '@/utils/feed/types';
import { HostPlacer, postOf, rootOf } from '@/utils/overlay/placement';
import { articles, fakeSite, mountFeed, setPost } from './feed.fixture';

const A = { uid: '1000000001', mblogid: 'PostAaaa1', name: 'A', text: '种草 A' };
const B = { uid: '1000000002', mblogid: 'PostBbbb2', name: 'B', text: '今天天气' };
const C = { uid: '1000000003', mblogid: 'PostCccc3', name: 'C', text: '种草 C' };

const products: Record<string, string[]> = { [A.mblogid]: ['601', '602'], [C.mblogid]: ['603'] };
const shown = (postId: string) => products[postId] ?? null;

function items(): FeedItemRef[] {
  return articles().flatMap((el) => {
    const id = fakeSite.postIdOf(el);
    return id ? [{ id, el }] : [];
  });
}

/** The placement contract, as an outside test would check it. */
function hostsByArticle() {
  return articles().map((a) => {
    const hosts = [...a.querySelectorAll('zhongcao-cards')];
    return {
      shows: fakeSite.postIdOf(a),
      hosts: hosts.map((h) => ({ post: h.getAttribute('data-post-id'), items: h.getAttribute('data-item-ids') })),
    };
  });
}

let placer: HostPlacer;
let adopted: ShadowRoot[];
beforeEach(() => {
  adopted = [];
  placer = new HostPlacer((root) => adopted.push(root));
});

describe('card host placement', () => {
  it('puts one host with the post id and item ids into each post with products, before its action bar', () => {
    mountFeed([A, B]);
    placer.sync(items(), shown);
    expect(hostsByArticle()).toEqual([
      { shows: A.mblogid, hosts: [{ post: A.mblogid, items: '601 602' }] },
      { shows: B.mblogid, hosts: [] },
    ]);
    const host = document.querySelector('zhongcao-cards') as HTMLElement;
    expect(host.nextElementSibling?.localName).toBe('footer');
    expect(host.previousElementSibling?.className).toContain('Feed_body');
    // Closed: the page cannot reach the cards; only the placer's memory can.
    expect(host.shadowRoot).toBeNull();
    expect(rootOf(host)?.mode).toBe('closed');
    expect(adopted).toEqual([rootOf(host)]);
  });

  it('takes out hosts it does not own (left by an earlier copy of the script, or put there by the page)', () => {
    mountFeed([A, B]);
    placer.sync(items(), shown);
    const ours = document.querySelector('zhongcao-cards');
    const [, second] = articles();
    if (!second) throw new Error('fixture');
    // A copy with our post id in another article, and one without any id.
    second.insertAdjacentHTML('afterbegin', `<zhongcao-cards data-post-id="${A.mblogid}"></zhongcao-cards>`);
    document.body.insertAdjacentHTML('beforeend', '<zhongcao-cards></zhongcao-cards>');
    placer.sync(items(), shown);
    expect([...document.querySelectorAll('zhongcao-cards')]).toEqual([ours]);
    // Nothing foreign left: the next sync keeps ours.
    placer.sync(items(), shown);
    expect([...document.querySelectorAll('zhongcao-cards')]).toEqual([ours]);
  });

  it('knows its hosts from memory: labels the page rewrites neither disown nor re-key them', () => {
    mountFeed([A, B]);
    placer.sync(items(), shown);
    const ours = document.querySelector('zhongcao-cards') as HTMLElement;
    ours.setAttribute('data-post-id', B.mblogid);
    ours.removeAttribute('data-item-ids');
    placer.sync(items(), shown);
    expect([...document.querySelectorAll('zhongcao-cards')]).toEqual([ours]);
    expect(postOf(ours)).toBe(A.mblogid);
    expect(placer.has(A.mblogid) && !placer.has(B.mblogid)).toBe(true);
    // A host the page labels with our post's id is still not ours.
    const copy = ours.cloneNode() as HTMLElement;
    copy.setAttribute('data-post-id', A.mblogid);
    document.body.append(copy);
    placer.sync(items(), shown);
    expect(copy.isConnected).toBe(false);
  });

  it('moves the host when the feed recycles the article for another post', () => {
    mountFeed([A, B]);
    placer.sync(items(), shown);
    const host = document.querySelector('zhongcao-cards');
    const [first, second] = articles();
    if (!first || !second) throw new Error('fixture');
    // The scroller reuses the first node for C and the second for A; our host stays where it was.
    setPost(first, C);
    setPost(second, A);
    placer.sync(items(), shown);
    expect(hostsByArticle()).toEqual([
      { shows: C.mblogid, hosts: [{ post: C.mblogid, items: '603' }] },
      { shows: A.mblogid, hosts: [{ post: A.mblogid, items: '601 602' }] },
    ]);
    // Same element (its shadow root and rendered cards survive the move).
    expect(second.querySelector('zhongcao-cards')).toBe(host);
  });

  it('reuses the host (and its shadow root) of a post that left for the next post that needs one', () => {
    mountFeed([A, B]);
    placer.sync(items(), shown);
    const host = document.querySelector('zhongcao-cards');
    const root = rootOf(host);
    const [first] = articles();
    if (!first) throw new Error('fixture');
    // A scrolls away and C scrolls in on the same pass: C gets A's old host, relabelled, and no new root is made.
    setPost(first, C);
    placer.sync(items(), shown);
    expect(hostsByArticle()[0]).toEqual({ shows: C.mblogid, hosts: [{ post: C.mblogid, items: '603' }] });
    expect(document.querySelector('zhongcao-cards')).toBe(host);
    expect(adopted).toEqual([root]);
    // Left with no post needing it, the host goes out of the page and is kept for later.
    setPost(first, B);
    placer.sync(items(), shown);
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(0);
    setPost(first, A);
    placer.sync(items(), shown);
    expect(hostsByArticle()[0]).toEqual({ shows: A.mblogid, hosts: [{ post: A.mblogid, items: '601 602' }] });
    expect(rootOf(document.querySelector('zhongcao-cards'))).toBe(root);
    expect(adopted).toHaveLength(1);
  });

  it('gives a new post a kept host its cards already left, not one still holding the cards of a post that just left', () => {
    mountFeed([A, C]);
    placer.sync(items(), shown);
    const [first, second] = articles();
    if (!first || !second) throw new Error('fixture');
    const hostA = first.querySelector('zhongcao-cards');
    const hostC = second.querySelector('zhongcao-cards');
    // The renderer draws a card into each.
    for (const h of [hostA, hostC])
      rootOf(h)?.append(Object.assign(document.createElement('section'), { className: 'zc-cards' }));
    // C leaves; the renderer then takes its cards out of the kept host.
    setPost(second, B);
    placer.sync(items(), shown);
    rootOf(hostC)?.replaceChildren();
    // A leaves and C comes back in the same pass: C gets the empty host; A's, still holding its card, leaves the page.
    setPost(first, C);
    placer.sync(items(), shown);
    expect(first.querySelector('zhongcao-cards')).toBe(hostC);
    expect(hostA?.isConnected).toBe(false);
    expect(hostsByArticle()).toEqual([
      { shows: C.mblogid, hosts: [{ post: C.mblogid, items: '603' }] },
      { shows: B.mblogid, hosts: [] },
    ]);
    expect(adopted).toHaveLength(2);
  });

  it('removes the host when its article now shows a post without products, or the post left the page', () => {
    mountFeed([A, B]);
    placer.sync(items(), shown);
    const [first] = articles();
    if (!first) throw new Error('fixture');
    setPost(first, B);
    placer.sync(items(), shown);
    expect(hostsByArticle().flatMap((a) => a.hosts)).toEqual([]);
    expect(placer.size).toBe(0);
  });

  it('never leaves two hosts in one post, even with a stale or forged host present', () => {
    mountFeed([A, C]);
    const [first] = articles();
    const forged = document.createElement('zhongcao-cards');
    forged.setAttribute('data-post-id', A.mblogid);
    forged.setAttribute('data-item-ids', '666');
    first?.appendChild(forged);
    placer.sync(items(), shown);
    expect(hostsByArticle()).toEqual([
      { shows: A.mblogid, hosts: [{ post: A.mblogid, items: '601 602' }] },
      { shows: C.mblogid, hosts: [{ post: C.mblogid, items: '603' }] },
    ]);
  });

  it('gives a post shown twice on the page a single host', () => {
    mountFeed([A, A]);
    placer.sync(items(), shown);
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(1);
  });

  it('updates the item ids in place and removes every host on removeAll', () => {
    mountFeed([A]);
    placer.sync(items(), shown);
    placer.sync(items(), () => ['602']);
    expect(document.querySelector('zhongcao-cards')?.getAttribute('data-item-ids')).toBe('602');
    placer.removeAll();
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(0);
  });
});

describe('a recycled article', () => {
  // The feed pass runs in the MutationObserver callback, right after the page's patch, so one sync is all that
  // stands between a recycled node and the next paint: it must leave no host under the wrong post.
  it('one sync moves the host off the recycled article and onto its own post', () => {
    mountFeed([A, B]);
    placer.sync(items(), shown);
    const host = document.querySelector('zhongcao-cards');
    const [first, second] = articles();
    if (!first || !second) throw new Error('fixture');
    setPost(first, B);
    setPost(second, A);
    placer.sync(items(), shown);
    expect(first.querySelector('zhongcao-cards')).toBeNull();
    expect(second.querySelector('zhongcao-cards')).toBe(host);
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(1);
  });
});

describe('card host placement on a partial pass', () => {
  it('moves the host of a recycled article and places the new post’s, leaving untouched articles unasked', () => {
    mountFeed([A, B, C]);
    placer.sync(items(), shown);
    const [first, second, third] = articles();
    if (!first || !second || !third) throw new Error('fixture');
    const thirdHost = third.querySelector('zhongcao-cards');
    // The first article is recycled for a new post D, the second for A (scrolled back into view).
    const D = { uid: '1000000004', mblogid: 'PostDddd4', name: 'D', text: '种草 D' };
    products[D.mblogid] = ['604'];
    setPost(first, D);
    setPost(second, A);
    const asked: string[] = [];
    const changed = placer.sync(
      items(),
      (id) => {
        asked.push(id);
        return shown(id);
      },
      new Set([first, second]),
    );
    expect(changed).toBe(true);
    expect(hostsByArticle()).toEqual([
      { shows: D.mblogid, hosts: [{ post: D.mblogid, items: '604' }] },
      { shows: A.mblogid, hosts: [{ post: A.mblogid, items: '601 602' }] },
      { shows: C.mblogid, hosts: [{ post: C.mblogid, items: '603' }] },
    ]);
    // C's article was not patched: its host was neither asked about nor moved.
    expect(asked).not.toContain(C.mblogid);
    expect(third.querySelector('zhongcao-cards')).toBe(thirdHost);
    delete products[D.mblogid];
  });

  it('puts back a host the page took out of a patched article, and reports no change when none moved', () => {
    mountFeed([A, B]);
    placer.sync(items(), shown);
    const [first] = articles();
    if (!first) throw new Error('fixture');
    const host = first.querySelector('zhongcao-cards');
    host?.remove();
    expect(placer.sync(items(), shown, new Set([first]))).toBe(false);
    expect(first.querySelector('zhongcao-cards')).toBe(host);
    expect(hostsByArticle()[0]?.hosts).toEqual([{ post: A.mblogid, items: '601 602' }]);
  });
});
