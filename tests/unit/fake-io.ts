/**
 * happy-dom has no layout, so a test plays the browser: it decides how much of each observed element is in view.
 * Stub it with `vi.stubGlobal('IntersectionObserver', FakeIO)` and reset `FakeIO.instances` before each test.
 */
export class FakeIO {
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
  /** One reading for `el`: `ratio` of it in view; it is `height` px tall in an 800 px viewport, both 600 px wide. */
  fire(el: Element, ratio: number, height = 400) {
    if (!this.targets.has(el)) throw new Error('element not observed');
    const entry = {
      target: el,
      intersectionRatio: ratio,
      isIntersecting: ratio > 0,
      boundingClientRect: { width: 600, height },
      rootBounds: { width: 600, height: 800 },
    } as unknown as IntersectionObserverEntry;
    this.cb([entry], this as unknown as IntersectionObserver);
  }
}
