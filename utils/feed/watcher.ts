import { HOST_TAG } from '@/utils/page-labels';
import type { FeedItemRef, FeedSite, Lifecycle } from './types';
import { throttledValidity } from './validity';

export { HOST_TAG };

/** What `itemAround` says of a node no longer in the observed tree. */
const DETACHED = Symbol('detached');

/** Longest a pass waits when no animation frame comes (hidden tab): YAWF's 100 ms cadence. */
const MAX_PASS_DELAY_MS = 100;

/**
 * What a pass needs to hear of: nodes added or taken out (new slots, a permalink or our host replaced) and the
 * attributes post ids are read from. A recycled article gets a new permalink `href` (weibo.com) or `mid` (m.weibo.cn)
 * even when its text nodes are patched in place. Text changes alone (`characterData`: Vue sets `nodeValue`, for the
 * post's text, counts and every "3分钟前" several times a minute) cannot change which post an item shows, so they are
 * not observed at all, which spares the page a record per text node it patches.
 */
const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['href', 'mid', 'data-mid'],
};

/**
 * A partial pass's first try: given the patched items that show a post (`patched`) and every patched item (`touched`,
 * some may show none), true when the patch needs nothing done (the item now shows a post already answered, with no
 * card to place or take out), and then `onPass` is not called. The page's usual patch while it scrolls is such a patch;
 * what it saves is in docs/performance.md, and the decision it goes by is the full pass's own (decide.ts).
 */
export type QuickPass = (patched: readonly FeedItemRef[], touched: ReadonlySet<Element>) => boolean;

export interface FeedWatcher {
  /** Ask for a pass; many asks within a frame make one pass. */
  schedule(): void;
  /** Run a pass now (an answer arrived: place its card before the next paint, not a frame later). */
  flush(): void;
  /** The site changed (SPA route change): re-resolve the container and pass. */
  setSite(site: FeedSite | null): void;
  stop(): void;
  /** Passes run so far (for tests and the benchmark). */
  readonly passes: number;
  /** Of those, partial passes the quick path took whole (for tests). */
  readonly quickPasses: number;
  /** The element currently observed, `document.body` while the feed container is absent. */
  readonly observed: Node | null;
}

/**
 * True when a mutation cannot change which posts are shown or where: timestamp rewrites ("3分钟前" → "4分钟前"),
 * and anything done by or inside our own card hosts. Weibo rewrites every visible timestamp every few seconds,
 * which would otherwise cost a pass each time.
 */
export function isNoise(m: MutationRecord, timeSelector: string): boolean {
  const target = m.target.nodeType === 1 ? (m.target as Element) : m.target.parentElement;
  if (!target) return false;
  if (target.closest(HOST_TAG)) return true;
  if (m.type === 'childList') {
    let onlyHosts = true;
    for (const list of [m.addedNodes, m.removedNodes]) {
      for (const n of list) if (n.nodeType !== 1 || (n as Element).localName !== HOST_TAG) onlyHosts = false;
    }
    if (onlyHosts && m.addedNodes.length + m.removedNodes.length > 0) return true;
  }
  // The permalink is also the time element, and its href changing means the node now shows another post.
  if (m.type === 'attributes') return false;
  return timeSelector !== '' && target.closest(timeSelector) !== null;
}

/** Whether a mutation took one of our card hosts out of the feed. */
function removesHost(m: MutationRecord): boolean {
  for (const n of m.removedNodes) if (n.nodeType === 1 && (n as Element).localName === HOST_TAG) return true;
  return false;
}

/** Split a selector list on its top-level commas (not those inside `[...]`, `(...)` or quotes). */
export function splitSelectorList(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

/**
 * The one element type that every alternative of a selector list ends in (`article` for weibo.com's feed items), or
 * null when any alternative ends without one or is too complex to read safely (the caller then falls back to
 * `querySelectorAll`). Only a necessary condition: candidates of that type are still checked with `matches`.
 */
export function trailingTypeOf(selectorList: string): string | null {
  let tag: string | null = null;
  for (const alt of splitSelectorList(selectorList)) {
    // Functional pseudo-classes, escapes, namespaces and whitespace inside attribute values are left to the browser.
    if (/[()\\|]/.test(alt) || /\[[^\]]*\s[^\]]*\]/.test(alt)) return null;
    const m = /(?:^|[\s>+~])([a-zA-Z][\w-]*)(?:[.#:[][^\s>+~]*)?$/.exec(alt.trim());
    const t = m?.[1]?.toLowerCase();
    if (!t || (tag !== null && t !== tag)) return null;
    tag = t;
  }
  return tag;
}

const typeHints = new Map<string, string | null>();

/**
 * Every element under `scope` that matches `selector`, in document order, as `querySelectorAll` would list them. When
 * the selector names one element type, the browser's cached live collection of that type is filtered instead: it is
 * only re-walked after the DOM changed, and then by type alone, where `querySelectorAll` tests the whole selector
 * list against every element of the feed on every pass (about 5× the time on the demo feed).
 */
export function listMatching(scope: ParentNode, selector: string): Iterable<Element> {
  let tag = typeHints.get(selector);
  if (tag === undefined) {
    tag = trailingTypeOf(selector);
    typeHints.set(selector, tag);
  }
  const byType = (scope as Partial<Element>).getElementsByTagName;
  if (tag === null || typeof byType !== 'function') return scope.querySelectorAll(selector);
  const out: Element[] = [];
  for (const el of byType.call(scope, tag)) if (el.matches(selector)) out.push(el);
  return out;
}

/**
 * The feed container. The adapter lists alternatives most specific first; `querySelector` on the whole list would
 * return whichever comes first in the document (often a broad `main`), so they are tried in order, preferring one
 * that already holds a feed item.
 */
export function findFeedRoot(site: FeedSite, doc: Document = document): Element | null {
  let fallback: Element | null = null;
  for (const sel of splitSelectorList(site.feedRootSelector)) {
    let el: Element | null;
    try {
      el = doc.querySelector(sel);
    } catch {
      continue;
    }
    if (!el) continue;
    if (el.querySelector(site.itemSelector)) return el;
    fallback ??= el;
  }
  return fallback;
}

/**
 * One MutationObserver on the feed container (on `document.body` until the container exists). A patch by the page
 * runs a pass in the observer's callback; other asks (settings, answers, retries) are coalesced to one pass per
 * animation frame. Each pass hands the feed items with their post ids to `onPass`.
 *
 * A pass is full or partial. A full pass lists the items afresh and reads every id; it runs on every ask from outside
 * (`schedule`, `flush`, `setSite`) and whenever the page changed something outside the items it last listed (that is
 * where a feed adds, removes or recycles its slots). A patch inside known items only (a recycled `article` redrawn for
 * another post, the page's usual patch while it scrolls) runs a partial pass: the listing is kept, only the patched
 * items' ids are read again, and `onPass` gets them as `touched`, so that a pass costs in proportion to what the page
 * changed, not to the size of the feed.
 * Everything hangs off `ctx`, so an extension update or disable leaves no observer behind.
 */
export function watchFeed(
  ctx: Lifecycle,
  initialSite: FeedSite | null,
  onPass: (items: FeedItemRef[], site: FeedSite, touched: ReadonlySet<Element> | null) => void,
  quick?: QuickPass,
  /** False: every pass lists afresh (no partial passes); the slow path partial passes are tested against. */
  partial = true,
): FeedWatcher {
  let site = initialSite;
  let observed: Node | null = null;
  let pending = false;
  let passes = 0;
  let quickPasses = 0;
  let stopped = false;

  /** The last listing: every element matching the item selector, its post id (null: none read), and its index. */
  let listed: Element[] = [];
  let ids: (string | null)[] = [];
  const indexOf = new Map<Element, number>();
  /** The scope the listing was taken from; another scope means a full pass. */
  let listedIn: Node | null = null;
  /** The next pass must list afresh. */
  let fullDue = true;
  /** Listed items the page patched since the last pass. */
  let touched = new Set<Element>();

  /** Whether the extension is still there (updated, disabled, removed), asked of WXT at most once a second. */
  const valid = throttledValidity(ctx);

  /**
   * The listed item `node` is in (or is); null when it is in the observed tree but outside every listed item; and
   * `DETACHED` when it is no longer in the observed tree at all (a node the page patched and then took out in the
   * same patch: the taking out has a record of its own, on a parent still in the tree).
   */
  function itemAround(node: Node): Element | null | typeof DETACHED {
    let n: Node | null = node;
    for (; n && n !== observed; n = n.parentNode) {
      if (n.nodeType === 1 && indexOf.has(n as Element)) return n as Element;
    }
    return n ? null : DETACHED;
  }

  /** Sorts the page's mutations into patched items (`touched`) and changes that need a fresh listing (`fullDue`). */
  function collect(records: readonly MutationRecord[]) {
    if (!site) return;
    const timeSelector = site.timeSelector;
    // The patched item the last record lay in: a patch's records mostly lie in one item, and one `contains` call
    // spares the walk up from each of them.
    let last: Element | null = null;
    for (const m of records) {
      if (fullDue) return;
      if (last?.contains(m.target)) continue;
      const item = itemAround(m.target);
      if (item === DETACHED) continue;
      if (item && touched.has(item)) {
        last = item;
        continue;
      }
      // Our own changes never get here (each pass drops them), so a host taken out is the page's doing: its item is
      // checked again and the host put back.
      if (isNoise(m, timeSelector) && !removesHost(m)) continue;
      if (item) {
        touched.add(item);
        last = item;
      } else fullDue = true;
    }
  }

  const observer = new MutationObserver((records) => {
    // Whether the extension is still there is asked by the pass.
    if (!site) return;
    collect(records);
    // The pass runs here, in the observer's microtask right after the page's own patch: new posts are sent for
    // analysis at once and cards whose answers are known are placed before the frame is painted. One callback
    // carries every record of a patch, so this is still one pass per patch, not per mutation.
    if (fullDue || touched.size > 0) flushPatch();
  });

  function observe(target: Node) {
    if (observed === target) return;
    observer.disconnect();
    observed = target;
    fullDue = true;
    observer.observe(target, OBSERVE);
  }

  /** Watch the container when present; fall back to the body while it is missing (first load, route change). */
  function resolveRoot(): ParentNode | null {
    if (!site) return null;
    const root = findFeedRoot(site);
    if (root) {
      observe(root);
      return root;
    }
    if (document.body) observe(document.body);
    return document;
  }

  function relist(scope: ParentNode, s: FeedSite) {
    listed = [...listMatching(scope, s.itemSelector)];
    ids = listed.map((el) => s.postIdOf(el));
    indexOf.clear();
    for (let i = 0; i < listed.length; i++) indexOf.set(listed[i] as Element, i);
    listedIn = scope as Node;
  }

  /** `fromPatch`: called from the observer's callback, which has just handed over every record there was. */
  function run(fromPatch = false) {
    if (!pending || stopped) return;
    pending = false;
    if (!valid()) return stop();
    if (!site) return;
    const scope =
      observed && observed !== document.body && (observed as Element).isConnected ? observed : resolveRoot();
    if (!scope) return;
    // Patches the page made since the observer last called back (this pass was asked for from elsewhere).
    if (!fromPatch) collect(observer.takeRecords());
    let patched: ReadonlySet<Element> | null = null;
    if (fullDue || listedIn !== scope || !partial) {
      relist(scope as ParentNode, site);
    } else {
      patched = touched;
      for (const el of touched) {
        const i = indexOf.get(el);
        if (i !== undefined) ids[i] = site.postIdOf(el);
      }
    }
    fullDue = false;
    touched = new Set();
    passes++;
    // The quick check changes nothing in the page, so there are no records of ours to drop.
    if (patched && quick && quickPass(patched, quick)) {
      quickPasses++;
      return;
    }
    const items: FeedItemRef[] = [];
    for (let i = 0; i < listed.length; i++) {
      const id = ids[i];
      if (id) items.push({ id, el: listed[i] as Element });
    }
    try {
      onPass(items, site, patched);
    } catch (err) {
      // A page we do not control must never see our exceptions.
      console.debug('[zhongcao] feed pass failed', err);
    }
    // What the pass itself changed in the feed (hosts placed, moved, taken out) is not the page's doing: dropped here
    // rather than called back for. Nothing of the page's runs during a pass, so nothing of its is dropped with it.
    observer.takeRecords();
  }

  /** Whether `quick` took the partial pass for `patched`; a throw is logged and leaves the pass to `onPass`. */
  function quickPass(patched: ReadonlySet<Element>, quick: QuickPass): boolean {
    const refs: FeedItemRef[] = [];
    for (const el of patched) {
      const id = ids[indexOf.get(el) ?? -1];
      if (id) refs.push({ id, el });
    }
    try {
      return quick(refs, patched);
    } catch (err) {
      console.debug('[zhongcao] feed pass failed', err);
      return false;
    }
  }

  // Plain timers, not WXT's `ctx.requestAnimationFrame` / `ctx.setTimeout`: each of those adds an invalidation
  // listener that stays until the page unloads, and a scrolling feed asks for a pass every frame. `run` checks the
  // context itself, and `stop` cancels what is still due.
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  function schedule() {
    if (stopped) return;
    fullDue = true;
    if (pending) return;
    pending = true;
    frame = requestAnimationFrame(() => run());
    timer = setTimeout(() => run(), MAX_PASS_DELAY_MS);
  }

  /** A pass for the page's patch now: partial unless the patch reached outside the listed items. */
  function flushPatch() {
    if (stopped) return;
    pending = true;
    run(true);
  }

  function flush() {
    if (stopped) return;
    fullDue = true;
    pending = true;
    run();
  }

  function stop() {
    if (stopped) return;
    stopped = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    observer.disconnect();
    observed = null;
  }

  ctx.onInvalidated(stop);
  resolveRoot();
  schedule();

  return {
    schedule,
    flush,
    setSite(next) {
      site = next;
      observer.disconnect();
      observed = null;
      fullDue = true;
      if (next) resolveRoot();
      schedule();
    },
    stop,
    get passes() {
      return passes;
    },
    get quickPasses() {
      return quickPasses;
    },
    get observed() {
      return observed;
    },
  };
}
