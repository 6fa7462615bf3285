// @vitest-environment happy-dom
import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FeedItemRef } from '@/utils/feed/types';
import { createOverlay } from '@/utils/overlay';
import { INERT_ACTIONS } from '@/utils/overlay/actions';
import { rootOf } from '@/utils/overlay/placement';
import { mountOverlayRoot } from '@/utils/overlay/render';
import type { OverlayRenderer } from '@/utils/overlay/renderer';
import { articles, catalogueItem, fakeSite, guideResult, mountFeed } from './feed.fixture';

// React and the cards load lazily (utils/overlay/renderer.ts): hosts go in at once, the cards when the renderer is in.
const A = { uid: '1000000001', mblogid: 'PostAaaa1', name: 'A', text: '种草 A' };
const answer = guideResult(A.mblogid, [catalogueItem('600000000001', '修护面霜 50ml')]);

function items(): FeedItemRef[] {
  return articles().flatMap((el) => {
    const id = fakeSite.postIdOf(el);
    return id ? [{ id, el }] : [];
  });
}

function deferred() {
  let resolve!: (r: OverlayRenderer) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<OverlayRenderer>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const cardsIn = () => rootOf(document.querySelector('zhongcao-cards'))?.querySelectorAll('[data-zc-item]').length ?? 0;

describe('the lazily loaded card renderer', () => {
  it('is not loaded for a feed without cards, and loads once when the first card is due', async () => {
    mountFeed([A]);
    const load = deferred();
    const loader = vi.fn(() => load.promise);
    const overlay = createOverlay((p) => p, loader);
    overlay.sync(items(), () => null);
    expect(loader).not.toHaveBeenCalled();

    overlay.setResults([answer]);
    overlay.sync(items(), () => answer);
    overlay.sync(items(), () => answer);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(1);
    expect(cardsIn()).toBe(0);
    await act(async () => load.resolve({ mount: mountOverlayRoot }));
    await vi.waitFor(() => expect(cardsIn()).toBe(1));
    overlay.destroy();
  });

  it('survives a renderer that fails to load (hosts stay, no throw) and tries again on the next change', async () => {
    mountFeed([A]);
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const loader = vi.fn().mockRejectedValueOnce(new Error('blocked')).mockResolvedValue({ mount: mountOverlayRoot });
    const overlay = createOverlay((p) => p, loader);
    overlay.setResults([answer]);
    overlay.sync(items(), () => answer);
    await vi.waitFor(() => expect(debug).toHaveBeenCalled());
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(1);
    overlay.sync(items(), () => null);
    await act(async () => overlay.sync(items(), () => answer));
    await vi.waitFor(() => expect(cardsIn()).toBe(1));
    expect(loader).toHaveBeenCalledTimes(2);
    overlay.destroy();
    debug.mockRestore();
  });

  it('does not mount a renderer that arrives after the overlay was destroyed', async () => {
    mountFeed([A]);
    const load = deferred();
    const mount = vi.fn(mountOverlayRoot);
    const overlay = createOverlay(
      (p) => p,
      () => load.promise,
    );
    overlay.setResults([answer]);
    overlay.sync(items(), () => answer);
    overlay.destroy();
    await act(async () => load.resolve({ mount }));
    expect(mount).not.toHaveBeenCalled();
    expect(document.querySelectorAll('zhongcao-cards')).toHaveLength(0);
  });
});

describe('what the cards tell tracking, and the input gate', () => {
  function trustedClick(x = 50, y = 20) {
    const e = new MouseEvent('click', {
      bubbles: true,
      composed: true,
      cancelable: true,
      clientX: x,
      clientY: y,
      detail: 1,
    });
    Object.defineProperty(e, 'isTrusted', { value: true });
    return e;
  }

  async function drawn() {
    mountFeed([A]);
    const watch = { card: vi.fn(), click: vi.fn() };
    const actions = { ...INERT_ACTIONS, save: vi.fn() };
    const overlay = createOverlay(
      (p) => p,
      async () => ({ mount: mountOverlayRoot }),
      actions,
      watch,
    );
    overlay.setResults([answer]);
    await act(async () => overlay.sync(items(), () => answer));
    await vi.waitFor(() => expect(cardsIn()).toBe(1));
    const host = document.querySelector('zhongcao-cards') as HTMLElement;
    const root = rootOf(host) as ShadowRoot;
    const save = [...root.querySelectorAll('button')].find((b) => b.textContent === '种草') as HTMLButtonElement;
    return { overlay, watch, actions, host, root, save };
  }

  it('names each drawn card element by post and item, and says when it goes', async () => {
    const { overlay, watch, root } = await drawn();
    const card = root.querySelector('[data-zc-item]');
    expect(watch.card.mock.calls).toEqual([[A.mblogid, '600000000001', card]]);
    await act(async () => overlay.sync(items(), () => null));
    expect(watch.card.mock.calls.at(-1)).toEqual([A.mblogid, '600000000001', null]);
    overlay.destroy();
  });

  it('lets a trusted click on a host the person can see act and be logged; stops a scripted one at the root', async () => {
    const { overlay, watch, actions, host, save } = await drawn();
    vi.spyOn(host, 'getBoundingClientRect').mockReturnValue({ width: 500, height: 200 } as DOMRect);
    const top = vi.fn(() => host as Element);
    Object.defineProperty(document, 'elementFromPoint', { value: top, configurable: true });
    act(() => {
      save.click();
    });
    expect(actions.save).not.toHaveBeenCalled();
    expect(watch.click).not.toHaveBeenCalled();
    act(() => {
      save.dispatchEvent(trustedClick());
    });
    expect(actions.save).toHaveBeenCalledWith(A.mblogid, '600000000001');
    expect(watch.click).toHaveBeenCalledWith(A.mblogid, expect.arrayContaining([save, host]));
    // Something of the page's on top of the host at that point: the click passed through to us, and is refused.
    top.mockReturnValue(document.body);
    act(() => {
      save.dispatchEvent(trustedClick());
    });
    expect(actions.save).toHaveBeenCalledTimes(1);
    // A host made nearly transparent by the page.
    top.mockReturnValue(host);
    host.style.opacity = '0.05';
    act(() => {
      save.dispatchEvent(trustedClick());
    });
    expect(actions.save).toHaveBeenCalledTimes(1);
    expect(watch.click).toHaveBeenCalledTimes(1);
    overlay.destroy();
  });
});
