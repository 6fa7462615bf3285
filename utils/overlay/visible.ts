/**
 * Whether a host is really there for the person to see when one of its controls is used: a page could shrink it, make
 * it (or an ancestor) nearly transparent, or cover it and pass a click through, to have the person act on a card they
 * never saw (clickjacking).
 */

/** Smallest width and height of a host, in CSS px, that a person can be taken to have seen. */
export const MIN_HOST_PX = 24;
/** Lowest opacity, multiplied along the ancestor chain, at which a host counts as shown. */
export const MIN_OPACITY = 0.9;

/** The element's parent, stepping out of shadow roots to their hosts. */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * For pointer input, `event` gives the point: the host must be the topmost element there (a click passed through a
 * covering element, or landing beside the host, is refused). Keyboard input (no point) checks the rest only.
 */
export function reallyVisible(host: Element, event?: Event): boolean {
  if (!host.isConnected) return false;
  const box = host.getBoundingClientRect();
  if (box.width < MIN_HOST_PX || box.height < MIN_HOST_PX) return false;
  const win = host.ownerDocument.defaultView;
  if (!win) return false;
  const own = win.getComputedStyle(host);
  if (own.visibility === 'hidden' || own.visibility === 'collapse' || own.display === 'none') return false;
  let opacity = 1;
  for (let el: Element | null = host; el; el = parentOf(el)) {
    const o = Number.parseFloat(win.getComputedStyle(el).opacity);
    if (Number.isFinite(o)) opacity *= o;
    if (opacity < MIN_OPACITY) return false;
  }
  const point = pointOf(event);
  if (point) {
    const top = host.ownerDocument.elementFromPoint(point.x, point.y);
    if (top !== host) return false;
  }
  return true;
}

/** Where a pointer event happened; none for keyboard-made clicks (`detail` 0) and key events. */
function pointOf(event?: Event): { x: number; y: number } | null {
  if (!event || !('clientX' in event)) return null;
  const e = event as MouseEvent;
  if (e.type === 'click' && e.detail === 0) return null;
  return { x: e.clientX, y: e.clientY };
}
