/**
 * Page-world instrumentation injected with `context.addInitScript` before the feed's own scripts run. It is plain
 * JavaScript in a string because tsx would wrap a serialised TS function in `__name(...)`, which the page lacks.
 *
 * It runs identically with and without the extension, so its own (small) cost cancels out of every with − without
 * difference. What it records, all in page `performance.now()` milliseconds:
 * - `seen`: when each post id (the permalink `a[class*=_time_]` href's last segment) first showed up in a feed item;
 * - `card`: when the post's `<zhongcao-cards data-post-id>` host first took height, i.e. its cards were drawn and laid
 *   out (not just the host placed: the renderer loads lazily; the roots are closed, so their content is not read);
 * - `frames`: requestAnimationFrame deltas while `scrolling` is true;
 * - `longTasks`: every `longtask` PerformanceObserver entry (≥ 50 ms), with the container attribution.
 */
export const INSTRUMENT_SCRIPT = String.raw`(() => {
  if (window.top !== window || window.__zcBench) return;
  const B = {
    seen: new Map(), card: new Map(), frames: [], longTasks: [], scrolling: false, last: 0,
    reset() { this.seen.clear(); this.card.clear(); this.frames.length = 0; },
    sync(label) { console.timeStamp(label); return performance.now(); },
    dump() {
      return { seen: [...this.seen], card: [...this.card], frames: this.frames.slice(), longTasks: this.longTasks.slice() };
    },
  };
  Object.defineProperty(window, '__zcBench', { value: B, enumerable: false });
  const TIME = 'a[class*="_time_"]';
  const ID = /\/([A-Za-z0-9]{5,20})\/?(?:[?#].*)?$/;
  const noteLink = (a, t) => {
    const m = ID.exec(a.getAttribute('href') || '');
    if (m && !B.seen.has(m[1])) B.seen.set(m[1], t);
  };
  // The cards' roots are closed: a card shows as its host taking height (drawn and laid out). One ResizeObserver, so
  // nothing here forces a layout; a host relabelled for another post is observed afresh.
  const sized = new ResizeObserver((entries) => {
    const t = performance.now();
    for (const e of entries) {
      if (e.contentRect.height <= 0) continue;
      const id = e.target.getAttribute('data-post-id');
      if (id && !B.card.has(id)) B.card.set(id, t);
    }
  });
  const noteHost = (h) => {
    const id = h.getAttribute('data-post-id');
    if (!id || B.card.has(id)) return;
    sized.unobserve(h);
    sized.observe(h);
  };
  const scan = (node, t) => {
    if (node.nodeType !== 1) return;
    if (node.localName === 'zhongcao-cards') return noteHost(node, t);
    if (node.matches(TIME)) return noteLink(node, t);
    if (node.firstElementChild === null) return;
    for (const a of node.querySelectorAll(TIME)) noteLink(a, t);
    for (const h of node.querySelectorAll('zhongcao-cards')) noteHost(h, t);
  };
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      if (r.type === 'attributes') {
        const el = r.target;
        if (el.localName === 'zhongcao-cards') noteHost(el, t);
        else if (r.attributeName === 'href' && el.matches(TIME)) noteLink(el, t);
      } else for (const n of r.addedNodes) scan(n, t);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['href', 'data-post-id'] });
  const tick = (now) => {
    if (B.scrolling && B.last) B.frames.push(now - B.last);
    B.last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const a = e.attribution && e.attribution[0];
        B.longTasks.push({ start: e.startTime, duration: e.duration, name: e.name,
          container: a ? a.containerType + ':' + (a.containerSrc || a.containerName || '') : '' });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

export interface BenchDump {
  seen: [string, number][];
  card: [string, number][];
  frames: number[];
  longTasks: { start: number; duration: number; name: string; container: string }[];
}
