/**
 * A page-mode virtual list that behaves like vue-virtual-scroller's DynamicScroller as weibo.com uses it: a pool of
 * absolutely positioned `.vue-recycle-scroller__item-view` nodes, each REUSED for another item when its own scrolls
 * away (unused views park at translateY(-9999px), as in the library), heights measured after render and by a
 * ResizeObserver, and the window (not the list) doing the scrolling.
 */

export interface ItemRenderer<T> {
  /** Root element placed inside the view's `.wbpro-scroller-item`. */
  readonly el: HTMLElement;
  /** Patch the existing DOM in place to show `item`. */
  update(item: T): void;
}

export interface ScrollerOptions<T> {
  /** Estimated height before measurement. */
  minItemSize: number;
  /** Extra pixels rendered above and below the viewport. */
  buffer: number;
  create(): ItemRenderer<T>;
  onNearEnd(): void;
}

interface View<T> {
  el: HTMLDivElement;
  inner: HTMLDivElement;
  renderer: ItemRenderer<T>;
  index: number;
  used: boolean;
}

export class RecycleScroller<T> {
  readonly el: HTMLDivElement;
  readonly wrapper: HTMLDivElement;
  readonly after: HTMLDivElement;
  private items: T[] = [];
  private sizes: number[] = [];
  private offsets: number[] = [0];
  private offsetsDirty = true;
  private views: View<T>[] = [];
  private byIndex = new Map<number, View<T>>();
  private frame = 0;
  private readonly resizeObserver: ResizeObserver;

  constructor(private readonly opts: ScrollerOptions<T>) {
    this.el = document.createElement('div');
    this.el.className = 'vue-recycle-scroller ready page-mode direction-vertical';
    const before = document.createElement('div');
    before.className = 'vue-recycle-scroller__slot';
    this.wrapper = document.createElement('div');
    this.wrapper.className = 'vue-recycle-scroller__item-wrapper';
    this.after = document.createElement('div');
    this.after.className = 'vue-recycle-scroller__slot';
    this.el.append(before, this.wrapper, this.after);
    this.resizeObserver = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const view = this.views.find((v) => v.inner === entry.target);
        if (view?.used && this.measure(view)) changed = true;
      }
      if (changed) this.schedule();
    });
    // As on weibo.com, the scroller is a Vue component: its element's `__vue__` exposes the whole loaded list (drawn
    // or not) as `items` / `$props.items`, to scripts in the page's own world.
    const list = () => this.items;
    Object.defineProperty(this.el, '__vue__', {
      configurable: true,
      value: {
        get items() {
          return list();
        },
        $props: {
          get items() {
            return list();
          },
        },
      },
    });
    window.addEventListener('scroll', () => this.schedule(), { passive: true });
    window.addEventListener('resize', () => this.schedule());
  }

  get length(): number {
    return this.items.length;
  }

  append(items: T[]): void {
    for (const item of items) {
      this.items.push(item);
      this.sizes.push(this.opts.minItemSize);
    }
    this.offsetsDirty = true;
    this.schedule();
  }

  /** Swaps the whole list (a route change): every view is parked, then reused for the new items. */
  reset(items: T[]): void {
    for (const view of this.views) {
      view.used = false;
      view.index = -1;
      view.el.style.transform = 'translateY(-9999px)';
    }
    this.byIndex.clear();
    this.items = [];
    this.sizes = [];
    this.offsetsDirty = true;
    this.append(items);
  }

  /** Re-render every visible item from its (mutated) data, like a reactive re-render. */
  refresh(): void {
    for (const view of this.views) if (view.used) view.renderer.update(this.items[view.index] as T);
  }

  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  private computeOffsets(): void {
    if (!this.offsetsDirty) return;
    const offsets = new Array<number>(this.sizes.length + 1);
    offsets[0] = 0;
    for (let i = 0; i < this.sizes.length; i++) offsets[i + 1] = (offsets[i] as number) + (this.sizes[i] as number);
    this.offsets = offsets;
    this.offsetsDirty = false;
    this.wrapper.style.minHeight = `${offsets[offsets.length - 1]}px`;
  }

  /** First index whose bottom edge lies below `y`. */
  private indexAt(y: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.offsets[mid + 1] as number) <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Stores the view's rendered height; true when it changed. Keeps the viewport still if the item is above it. */
  private measure(view: View<T>): boolean {
    const h = view.inner.offsetHeight;
    const old = this.sizes[view.index];
    if (old === undefined || h === 0 || h === old) return false;
    this.computeOffsets();
    const top = (this.offsets[view.index] as number) + this.wrapper.getBoundingClientRect().top;
    this.sizes[view.index] = h;
    this.offsetsDirty = true;
    // An item wholly above the viewport grew or shrank: scroll by the same amount so what the reader sees stays put.
    if (top + old < 0) window.scrollBy(0, h - old);
    return true;
  }

  private update(): void {
    for (let pass = 0; pass < 4; pass++) {
      this.computeOffsets();
      const top = -this.wrapper.getBoundingClientRect().top;
      const start = this.indexAt(Math.max(0, top - this.opts.buffer));
      const end = Math.min(this.items.length, this.indexAt(top + window.innerHeight + this.opts.buffer) + 1);
      // Release views whose items left the range; they keep their old content, parked off-screen.
      for (const view of this.views) {
        if (view.used && (view.index < start || view.index >= end)) {
          view.used = false;
          this.byIndex.delete(view.index);
          view.el.style.transform = 'translateY(-9999px)';
        }
      }
      const fresh: View<T>[] = [];
      for (let i = start; i < end; i++) {
        if (this.byIndex.has(i)) continue;
        // Like the library: a parked view that last showed this very item is taken back first (no re-render,
        // no duplicate), otherwise any parked view is recycled for it.
        let view = this.views.find((v) => !v.used && v.index === i) ?? this.views.find((v) => !v.used);
        if (!view) {
          view = this.createView();
          this.views.push(view);
        }
        const same = view.index === i;
        view.used = true;
        view.index = i;
        this.byIndex.set(i, view);
        if (!same) view.renderer.update(this.items[i] as T);
        fresh.push(view);
      }
      let changed = false;
      for (const view of fresh) if (this.measure(view)) changed = true;
      this.computeOffsets();
      for (const view of this.byIndex.values()) {
        view.el.style.transform = `translateY(${this.offsets[view.index]}px)`;
      }
      if (!changed) {
        if (end >= this.items.length - 3) this.opts.onNearEnd();
        return;
      }
    }
  }

  private createView(): View<T> {
    const el = document.createElement('div');
    el.className = 'vue-recycle-scroller__item-view';
    el.addEventListener('mouseenter', () => el.classList.add('hover'));
    el.addEventListener('mouseleave', () => el.classList.remove('hover'));
    const inner = document.createElement('div');
    inner.className = 'wbpro-scroller-item';
    const renderer = this.opts.create();
    inner.append(renderer.el);
    el.append(inner);
    this.wrapper.append(el);
    this.resizeObserver.observe(inner);
    return { el, inner, renderer, index: -1, used: false };
  }
}
