// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reallyVisible } from '@/utils/overlay/visible';

/** happy-dom has no layout: each test says how big the host is and what is topmost where. */
function host(size: { width: number; height: number }) {
  const wrap = document.createElement('div');
  const h = document.createElement('zhongcao-cards');
  wrap.append(h);
  document.body.append(wrap);
  vi.spyOn(h, 'getBoundingClientRect').mockReturnValue(size as DOMRect);
  return { wrap, h };
}

function click(detail: number) {
  return new MouseEvent('click', { clientX: 10, clientY: 10, detail });
}

let top: Element | null = null;
Object.defineProperty(document, 'elementFromPoint', { value: () => top, configurable: true });

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('whether a card host is really there to be seen', () => {
  it('is, when big enough, opaque, and topmost where the pointer clicked', () => {
    const { h } = host({ width: 500, height: 200 });
    top = h;
    expect(reallyVisible(h, click(1))).toBe(true);
  });

  it('is not when shrunk below 24 px, or covered at the click point', () => {
    const small = host({ width: 500, height: 10 }).h;
    top = small;
    expect(reallyVisible(small, click(1))).toBe(false);
    const { h } = host({ width: 500, height: 200 });
    top = document.body;
    expect(reallyVisible(h, click(1))).toBe(false);
    // A keyboard-made click has no point: the rest still holds.
    expect(reallyVisible(h, click(0))).toBe(true);
  });

  it('is not when it or an ancestor is nearly transparent, or hidden', () => {
    const { wrap, h } = host({ width: 500, height: 200 });
    top = h;
    wrap.style.opacity = '0.5';
    expect(reallyVisible(h)).toBe(false);
    wrap.style.opacity = '';
    h.style.visibility = 'hidden';
    expect(reallyVisible(h)).toBe(false);
    h.style.visibility = '';
    expect(reallyVisible(h)).toBe(true);
    h.remove();
    expect(reallyVisible(h)).toBe(false);
  });
});
