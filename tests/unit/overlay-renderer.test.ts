// @vitest-environment happy-dom
import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FeedItemRef } from '@/utils/feed/types';
import { createOverlay } from '@/utils/overlay';
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

const cardsIn = () =>
  document.querySelector('zhongcao-cards')?.shadowRoot?.querySelectorAll('[data-zc-item]').length ?? 0;

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
