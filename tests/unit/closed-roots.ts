import { vi } from 'vitest';

/** Taken when this module loads, before any test's spy replaces it. */
const attachShadow = Element.prototype.attachShadow;

/**
 * The cards' shadow roots are closed, so `host.shadowRoot` is null: a test that needs to look inside records every
 * root attached from now on (the way a DevTools client would see them). Restored by `vi.restoreAllMocks()`.
 */
export function captureShadowRoots(): { rootOf(host: Element | null | undefined): ShadowRoot | undefined } {
  const roots = new WeakMap<Element, ShadowRoot>();
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    roots.set(this, root);
    return root;
  });
  return { rootOf: (host) => (host ? roots.get(host) : undefined) };
}
