import type { CDPSession, Page } from '@playwright/test';
import { type PageWorld, recordWorlds } from '../../scripts/browser';

declare global {
  /**
   * Set by `inContentWorld` in the content script's isolated world: `chrome.dom.openOrClosedShadowRoot`, the extension
   * API that opens a closed root to the extension's own scripts (and to tests measuring there, never to the page).
   */
  var zcShadowOf: (host: Element) => ShadowRoot | null;
}

/**
 * The cards live in closed shadow roots, which neither the page nor Playwright's locators can enter. Tests reach them
 * the way DevTools does: `DOM.getDocument` with `pierce: true` lists each host's shadow root, `DOM.resolveNode` and
 * `Runtime.callFunctionOn` read inside it, and clicks go to the control's box through `page.mouse` — real, trusted
 * input at a point, as a person's would be (and as the cards' input gate requires).
 */

const HOST = 'ZHONGCAO-CARDS';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

export interface HostInfo {
  postId: string | null;
  itemIds: string[];
  backendNodeId: number;
  root: { backendNodeId: number; mode: string } | null;
}

/** Which host: the nth in document order (default the first), or the one labelled for a post. */
export type HostRef = { nth?: number; postId?: string };

type Step = { role: string; name?: string | RegExp; exact?: boolean } | { css: string } | { nth: number };

/** Steps as JSON for the page (a RegExp name goes as its source). */
function toWire(steps: Step[]) {
  return steps.map((s) =>
    'nth' in s
      ? { nth: s.nth }
      : 'css' in s
        ? { css: s.css }
        : {
            role: s.role,
            name: typeof s.name === 'string' ? s.name : undefined,
            re: s.name instanceof RegExp ? s.name.source : undefined,
            exact: s.exact,
          },
  );
}

function attr(node: DomNode, name: string): string | null {
  const a = node.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1] ?? null;
  return null;
}

function findHosts(node: DomNode, out: DomNode[]): void {
  if (node.nodeName === HOST) out.push(node);
  for (const c of node.children ?? []) findHosts(c, out);
  if (node.contentDocument) findHosts(node.contentDocument, out);
  // Hosts never nest inside our own roots, but the page could put one in a root of its own.
  for (const r of node.shadowRoots ?? []) findHosts(r, out);
}

/**
 * Runs in the page on a shadow root (`this`): resolves a chain of steps the way Playwright's role locators do
 * (accessible name from aria-label, aria-labelledby, a label, or the text; a string name matches as a case-insensitive
 * substring unless exact) and returns the element, or null.
 */
function resolveInRoot(
  this: ShadowRoot,
  steps: { role?: string; name?: string; re?: string; exact?: boolean; css?: string; nth?: number }[],
) {
  const ROLE: Record<string, string> = {
    button: 'button, [role=button], input[type=button], input[type=submit]',
    link: 'a[href], [role=link]',
    dialog: '[role=dialog], dialog',
    status: '[role=status], output',
    alert: '[role=alert]',
    spinbutton: 'input[type=number], [role=spinbutton]',
    radio: 'input[type=radio], [role=radio]',
    region: 'section[aria-label], section[aria-labelledby], [role=region]',
    group: '[role=group], fieldset',
    article: 'article, [role=article]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
  };
  const nameOf = (el: Element): string => {
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const text = by
        .split(/\s+/)
        .map((id) => this.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
      if (text) return text;
    }
    if (el.id) {
      const l = this.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (l?.textContent) return l.textContent.trim();
    }
    const wrap = el.closest('label');
    if (wrap && el.localName === 'input') return (wrap.textContent ?? '').trim();
    return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  let current: Element[] | null = null;
  for (const s of steps) {
    if (s.nth !== undefined) {
      const list: Element[] = current ?? [];
      const el: Element | undefined = s.nth < 0 ? list[list.length + s.nth] : list[s.nth];
      current = el ? [el] : [];
      continue;
    }
    const scopes: (Element | ShadowRoot)[] = current ?? [this];
    const found: Element[] = [];
    const selector = s.css ?? ROLE[s.role ?? ''] ?? `[role=${s.role}]`;
    for (const scope of scopes) {
      for (const el of scope.querySelectorAll(selector)) {
        if (found.includes(el)) continue;
        if (s.role && (s.name !== undefined || s.re !== undefined)) {
          // Hidden elements have no accessible name to match (as Playwright's role locators skip them).
          if (el.closest('[hidden], [aria-hidden=true]')) continue;
          const n = nameOf(el);
          if (s.re !== undefined) {
            if (!new RegExp(s.re).test(n)) continue;
          } else if (s.exact ? n !== s.name : !n.toLowerCase().includes((s.name ?? '').toLowerCase())) continue;
        }
        found.push(el);
      }
    }
    current = found;
  }
  return current ?? [];
}

export class ClosedCards {
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly worlds: PageWorld[],
  ) {}

  static async open(page: Page): Promise<ClosedCards> {
    const cdp = await page.context().newCDPSession(page);
    const worlds = await recordWorlds(cdp);
    return new ClosedCards(page, cdp, worlds);
  }

  /**
   * Runs `fn(arg)` in the content script's isolated world, where `zcShadowOf(host)` gives a host's closed root: for
   * measuring many cards per animation frame while scrolling, which one DevTools call per root could not keep up with.
   * Its clicks would be untrusted; click with `CardControl.click`.
   */
  async inContentWorld<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    const expression = `(() => { const __name = (f) => f; globalThis.zcShadowOf ??= (h) => chrome.dom.openOrClosedShadowRoot(h); return (${fn.toString()})(${JSON.stringify(arg ?? null)}); })()`;
    for (const w of [...this.worlds].reverse()) {
      if (w.type !== 'isolated') continue;
      const ready = await this.cdp
        .send('Runtime.evaluate', { expression: 'globalThis.__zhongcaoReady === true', contextId: w.id })
        .catch(() => null);
      if (ready?.result.value !== true) continue;
      const r = await this.cdp.send('Runtime.evaluate', {
        expression,
        contextId: w.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (r.exceptionDetails)
        throw new Error(
          `in the content world: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`,
        );
      return r.result.value as T;
    }
    throw new Error('the content script’s world is not there');
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }

  /** Every `<zhongcao-cards>` in the page, in document order, with its shadow root as DevTools sees it. */
  async hosts(): Promise<HostInfo[]> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const found: DomNode[] = [];
    findHosts(root, found);
    return found.map((n) => {
      const shadow = n.shadowRoots?.[0];
      return {
        postId: attr(n, 'data-post-id'),
        itemIds: (attr(n, 'data-item-ids') ?? '').split(/\s+/).filter(Boolean),
        backendNodeId: n.backendNodeId,
        root: shadow
          ? { backendNodeId: shadow.backendNodeId, mode: (shadow as { shadowRootType?: string }).shadowRootType ?? '' }
          : null,
      };
    });
  }

  async count(): Promise<number> {
    return (await this.hosts()).length;
  }

  /** The host `ref` names now, or null. */
  async find(ref: HostRef = {}): Promise<HostInfo | null> {
    const all = await this.hosts();
    const list = ref.postId !== undefined ? all.filter((h) => h.postId === ref.postId) : all;
    return list[ref.nth ?? 0] ?? null;
  }

  /** Waits for the host `ref` names. */
  async waitFor(ref: HostRef = {}, timeout = 30_000): Promise<HostInfo> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const h = await this.find(ref);
      if (h?.root) return h;
      if (Date.now() > deadline) throw new Error(`no card host ${JSON.stringify(ref)} within ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** A handle on one host; each call finds it again (the feed recycles nodes). */
  host(ref: HostRef = {}): CardHost {
    return new CardHost(this, ref);
  }

  /** @internal The object id of a host's shadow root, in the page's main world. */
  async rootObject(ref: HostRef): Promise<string | null> {
    const h = await this.find(ref);
    if (!h?.root) return null;
    const { object } = await this.cdp.send('DOM.resolveNode', { backendNodeId: h.root.backendNodeId });
    return object.objectId ?? null;
  }

  /** @internal */
  async hostObject(ref: HostRef): Promise<string | null> {
    const h = await this.find(ref);
    if (!h) return null;
    const { object } = await this.cdp.send('DOM.resolveNode', { backendNodeId: h.backendNodeId });
    return object.objectId ?? null;
  }

  /** @internal Calls `fn` with `this` bound to the object; returns its value. */
  async call<T>(objectId: string, fn: string, ...args: unknown[]): Promise<T> {
    const r = await this.cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: fn,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
      awaitPromise: true,
    });
    if (r.exceptionDetails)
      throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  }

  /** @internal Runs `fn(object, arg)` in the page on the object (tsx's `__name` wrapper defined for it). */
  callWith<T, O, A>(objectId: string, fn: (object: O, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return this.call<T>(
      objectId,
      `function (arg) { const __name = (f) => f; return (${fn.toString()})(this, arg); }`,
      arg,
    );
  }

  /** @internal Resolves steps inside the root; the element's object id, or null. */
  async element(ref: HostRef, steps: Step[]): Promise<string | null> {
    const root = await this.rootObject(ref);
    if (!root) return null;
    const wire = toWire(steps);
    const r = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: root,
      functionDeclaration: `function (steps) { const __name = (f) => f; const list = (${resolveInRoot.toString()}).call(this, steps); return list[0] ?? null; }`,
      arguments: [{ value: wire }],
      returnByValue: false,
    });
    if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description}`);
    return r.result.subtype === 'null' || !r.result.objectId ? null : r.result.objectId;
  }

  /** @internal How many elements the steps match. */
  async countIn(ref: HostRef, steps: Step[]): Promise<number> {
    const root = await this.rootObject(ref);
    if (!root) return 0;
    const wire = toWire(steps);
    return this.call<number>(
      root,
      `function (steps) { const __name = (f) => f; return (${resolveInRoot.toString()}).call(this, steps).length; }`,
      wire,
    );
  }

  /** Scrolls the element into view if needed and clicks the middle of its box with the mouse (trusted input). */
  async clickObject(objectId: string): Promise<void> {
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { objectId }).catch(() => undefined);
    const { model } = await this.cdp.send('DOM.getBoxModel', { objectId });
    const q = model.content;
    const x = ((q[0] ?? 0) + (q[2] ?? 0) + (q[4] ?? 0) + (q[6] ?? 0)) / 4;
    const y = ((q[1] ?? 0) + (q[3] ?? 0) + (q[5] ?? 0) + (q[7] ?? 0)) / 4;
    await this.page.mouse.click(x, y);
  }

  /** The element's box in the viewport (CSS px). */
  async boxOf(objectId: string): Promise<{ x: number; y: number; width: number; height: number }> {
    const { model } = await this.cdp.send('DOM.getBoxModel', { objectId });
    const q = model.border;
    const xs = [q[0], q[2], q[4], q[6]] as number[];
    const ys = [q[1], q[3], q[5], q[7]] as number[];
    return {
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    };
  }
}

/** One host, found again by its ref on each call. */
export class CardHost {
  constructor(
    readonly cards: ClosedCards,
    readonly ref: HostRef,
  ) {}

  info(): Promise<HostInfo | null> {
    return this.cards.find(this.ref);
  }

  /** The root's whole text (what a person reads on the card, generated content aside). */
  async text(): Promise<string> {
    const root = await this.cards.rootObject(this.ref);
    if (!root) return '';
    return this.cards.call<string>(root, 'function () { return this.textContent ?? ""; }');
  }

  /** Runs `fn(root, arg)` in the page on the host's shadow root. */
  async evaluate<T, A = undefined>(fn: (root: ShadowRoot, arg: A) => T, arg?: A): Promise<T> {
    const root = await this.cards.rootObject(this.ref);
    if (!root) throw new Error(`no card host ${JSON.stringify(this.ref)}`);
    return this.cards.callWith(root, fn, arg);
  }

  /** Runs `fn(host, arg)` in the page on the host element itself. */
  async evaluateHost<T, A = undefined>(fn: (host: HTMLElement, arg: A) => T, arg?: A): Promise<T> {
    const host = await this.cards.hostObject(this.ref);
    if (!host) throw new Error(`no card host ${JSON.stringify(this.ref)}`);
    return this.cards.callWith(host, fn, arg);
  }

  getByRole(role: string, opts: { name?: string | RegExp; exact?: boolean } = {}): CardControl {
    return new CardControl(this, [{ role, ...opts }]);
  }

  button(name: string | RegExp, exact = false): CardControl {
    return this.getByRole('button', { name, exact });
  }

  locator(css: string): CardControl {
    return new CardControl(this, [{ css }]);
  }
}

/** A control inside a host's closed root, like a Playwright locator (first match unless `nth`). */
export class CardControl {
  constructor(
    private readonly host: CardHost,
    private readonly steps: Step[],
  ) {}

  getByRole(role: string, opts: { name?: string | RegExp; exact?: boolean } = {}): CardControl {
    return new CardControl(this.host, [...this.steps, { role, ...opts }]);
  }

  button(name: string | RegExp, exact = false): CardControl {
    return this.getByRole('button', { name, exact });
  }

  locator(css: string): CardControl {
    return new CardControl(this.host, [...this.steps, { css }]);
  }

  nth(n: number): CardControl {
    return new CardControl(this.host, [...this.steps, { nth: n }]);
  }

  first(): CardControl {
    return this.nth(0);
  }

  count(): Promise<number> {
    return this.host.cards.countIn(this.host.ref, this.steps);
  }

  private async object(): Promise<string> {
    const id = await this.host.cards.element(this.host.ref, this.steps);
    if (!id) throw new Error(`not found in card host ${JSON.stringify(this.host.ref)}: ${JSON.stringify(this.steps)}`);
    return id;
  }

  /** Waits for the control, then clicks it with the mouse at its middle. */
  async click(timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const id = await this.host.cards.element(this.host.ref, this.steps);
      if (id && (await this.host.cards.call<boolean>(id, VISIBLE_FN)) && !(await this.isDisabled())) {
        await this.host.cards.clickObject(id);
        return;
      }
      if (Date.now() > deadline)
        throw new Error(`could not click ${JSON.stringify(this.steps)} in ${JSON.stringify(this.host.ref)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async exists(): Promise<boolean> {
    return (await this.host.cards.element(this.host.ref, this.steps)) !== null;
  }

  async isVisible(): Promise<boolean> {
    const id = await this.host.cards.element(this.host.ref, this.steps);
    return id ? this.host.cards.call<boolean>(id, VISIBLE_FN) : false;
  }

  /** Runs `fn` on the element, or gives `missing` when there is none now (so `expect.poll` keeps trying). */
  private async run<T>(fn: string, missing: T, arg?: unknown): Promise<T> {
    const id = await this.host.cards.element(this.host.ref, this.steps);
    return id ? this.host.cards.call<T>(id, fn, arg) : missing;
  }

  textContent(): Promise<string | null> {
    return this.run<string | null>(
      'function () { return (this.textContent ?? "").replace(/\\s+/g, " ").trim(); }',
      null,
    );
  }

  getAttribute(name: string): Promise<string | null> {
    return this.run<string | null>('function (n) { return this.getAttribute(n); }', null, name);
  }

  inputValue(): Promise<string | null> {
    return this.run<string | null>('function () { return this.value ?? ""; }', null);
  }

  isChecked(): Promise<boolean> {
    return this.run<boolean>(
      'function () { return this.checked === true || this.getAttribute("aria-checked") === "true"; }',
      false,
    );
  }

  isDisabled(): Promise<boolean> {
    return this.host.cards
      .element(this.host.ref, this.steps)
      .then((id) => (id ? this.host.cards.call<boolean>(id, 'function () { return this.disabled === true; }') : false));
  }

  /** Whether it has focus (the root's active element). */
  isFocused(): Promise<boolean> {
    return this.run<boolean>('function () { return this.getRootNode().activeElement === this; }', false);
  }

  async box() {
    return this.host.cards.boxOf(await this.object());
  }

  /** Runs `fn(el, arg)` in the page on the element. */
  async evaluate<T, A = undefined>(fn: (el: HTMLElement, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return this.host.cards.callWith(await this.object(), fn, arg);
  }

  async scrollIntoViewIfNeeded(): Promise<void> {
    await this.evaluate((el) => {
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.bottom > innerHeight) el.scrollIntoView({ block: 'center' });
    });
  }
}

/** In the page, `this` an element: drawn with a box and not hidden by style. */
const VISIBLE_FN =
  'function () { const r = this.getBoundingClientRect(); if (r.width === 0 || r.height === 0) return false; return typeof this.checkVisibility === "function" ? this.checkVisibility({ visibilityProperty: true }) : true; }';

/** A ClosedCards for the page, detached when the page closes. */
export async function closedCards(page: Page): Promise<ClosedCards> {
  const cards = await ClosedCards.open(page);
  page.once('close', () => void cards.detach());
  return cards;
}

/** The element focused now, looking through shadow roots with DevTools (closed ones too). */
export async function deepFocused(
  cards: ClosedCards,
): Promise<{ click: string | null; text: string; inDialog: boolean }> {
  for (const h of await cards.hosts()) {
    if (!h.root) continue;
    const card = cards.host({ postId: h.postId ?? undefined });
    const r = await card.evaluate((root) => {
      const a = root.activeElement;
      if (!a) return null;
      return {
        click: a.getAttribute('data-zc-click'),
        text: (a.textContent ?? '').trim().slice(0, 20),
        inDialog: !!a.closest('[role=dialog]'),
      };
    });
    if (r) return r;
  }
  return cards.page.evaluate(() => {
    const a = document.activeElement;
    return { click: null, text: (a?.textContent ?? '').trim().slice(0, 20), inDialog: false };
  });
}
