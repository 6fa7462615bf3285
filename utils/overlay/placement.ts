import type { FeedItemRef } from '@/utils/feed/types';
import { HOST_TAG } from '@/utils/feed/watcher';
import { HOST_ITEMS_ATTR, HOST_POST_ATTR } from '@/utils/page-labels';

/** `data-theme` on every host: the page's own theme when it declares one, else null (the stylesheet then follows
 * `prefers-color-scheme`). */
export type HostTheme = 'light' | 'dark' | null;

/** What a post shows: the catalogue item ids in display order. */
export type ShownItems = (postId: string) => readonly string[] | null;

/** The post's action bar: the item's last `footer` (a quoted repost has none on either site). */
function footerOf(item: Element): Element | null {
  const direct = item.querySelector(':scope > footer');
  if (direct) return direct;
  const all = item.querySelectorAll('footer');
  return all.length ? (all[all.length - 1] ?? null) : null;
}

/**
 * What we know of each host, kept in memory: its roots are closed, and its attributes are the page's to rewrite, so
 * neither is ever read back to learn which post a host shows.
 */
const roots = new WeakMap<Element, ShadowRoot>();
const posts = new WeakMap<Element, string>();
const itemLists = new WeakMap<Element, string>();

/** The closed shadow root we attached to one of our hosts (undefined for any other element). */
export function rootOf(host: Element | null | undefined): ShadowRoot | undefined {
  return host ? roots.get(host) : undefined;
}

/** The post a host of ours was last labelled for, from memory. */
export function postOf(host: Element): string | undefined {
  return posts.get(host);
}

/** No rendered cards in the host's shadow root (a `<style>` copy of the stylesheet is not a card). */
function isEmpty(host: Element): boolean {
  const root = roots.get(host);
  if (!root) return true;
  const n = root.childElementCount;
  return n === 0 || (n === 1 && root.firstElementChild?.localName === 'style');
}

/** After the post body, before the action bar. */
export function insertHost(item: Element, host: Element): void {
  const footer = footerOf(item);
  if (footer?.parentNode) footer.parentNode.insertBefore(host, footer);
  else item.appendChild(host);
}

/**
 * Keeps exactly one `<zhongcao-cards>` host in the feed item of every post that shows products, keyed by post id and
 * never by element identity: the feed recycles `article` nodes for other posts and leaves our host where it was, so
 * every sync re-checks that each host still sits under its own post and moves or removes it otherwise.
 */
export class HostPlacer {
  private readonly hosts = new Map<string, HTMLElement>();
  /** The item each host was last put in or found in. */
  private readonly placedIn = new WeakMap<HTMLElement, Element>();
  /**
   * Hosts whose posts left the page, kept for the next posts that need one. A shadow root costs more than its element:
   * the renderer registers its event listeners on each new root once, so a reused root skips that.
   */
  private readonly spare: HTMLElement[] = [];
  private theme: HostTheme = null;

  constructor(
    private readonly adopt: (root: ShadowRoot) => void,
    private readonly doc: Document = document,
    private readonly maxSpare = 24,
    /** Told of each new root once, before anything renders into it (the overlay's input gate). */
    private readonly onRoot?: (host: HTMLElement, root: ShadowRoot) => void,
  ) {}

  /**
   * Place, move or remove hosts so that every post `shown` gives items has one, in its item. True when a host was
   * created, reused or taken out (the renderer's portals need re-rendering).
   *
   * With `touched` (a partial pass), the caller vouches that nothing but those items changed since the last sync: not
   * the page elsewhere, not what `shown` answers. Then only hosts that sit in a touched item, or whose post a touched
   * item now shows, are checked, and a new host can only be due for a post a touched item shows. Without it, every
   * host and item is checked, and hosts the placer does not own are taken out of the page.
   */
  sync(items: readonly FeedItemRef[], shown: ShownItems, touched?: ReadonlySet<Element> | null): boolean {
    let changed = false;
    // The first item showing a post wins; a post listed twice still gets one host.
    const itemOf = new Map<string, Element>();
    for (const { id, el } of items) if (!itemOf.has(id)) itemOf.set(id, el);
    /** Posts shown by touched items now. */
    let touchedIds: Set<string> | null = null;
    if (touched) {
      touchedIds = new Set();
      for (const { id, el } of items) if (touched.has(el)) touchedIds.add(id);
    }

    // Freed hosts stay where they are until the end of the sync: one that is reused below (when no emptied host is
    // kept) is moved once, not taken out and put back.
    const freed: HTMLElement[] = [];
    for (const [postId, host] of this.hosts) {
      const item = itemOf.get(postId);
      const was = this.placedIn.get(host);
      // Untouched since the last sync: same item, not patched, and no patched item shows this post now.
      if (touched && was && item === was && !touched.has(was) && !touchedIds?.has(postId)) continue;
      const ids = shown(postId);
      if (!ids || ids.length === 0 || !item) {
        this.hosts.delete(postId);
        this.placedIn.delete(host);
        freed.push(host);
        changed = true;
        continue;
      }
      this.label(host, postId, ids);
      if (!host.isConnected || !item.contains(host)) insertHost(item, host);
      this.placedIn.set(host, item);
    }

    for (const [postId, item] of itemOf) {
      if (this.hosts.has(postId) || (touchedIds && !touchedIds.has(postId))) continue;
      const ids = shown(postId);
      if (!ids || ids.length === 0) continue;
      const host = this.takeEmptySpare() ?? freed.pop() ?? this.spare.pop() ?? this.create();
      this.label(host, postId, ids);
      this.paint(host);
      insertHost(item, host);
      this.hosts.set(postId, host);
      this.placedIn.set(host, item);
      changed = true;
    }
    for (const host of freed) {
      host.remove();
      if (this.spare.length < this.maxSpare) this.spare.push(host);
    }

    // Hosts we do not own: left by an earlier copy of the content script (extension updated) or put there by the page.
    // Checked on full syncs (a host copied in by the page lands outside the touched items' hosts, so the page's change
    // reached outside them, and the pass is a full one). The live collection is cached by the browser and re-walked
    // only after the DOM changed; it is copied before any removal, which would shift it.
    if (!touched) {
      const all = this.doc.getElementsByTagName(HOST_TAG);
      if (all.length !== this.hosts.size) {
        for (const el of [...all]) {
          const postId = posts.get(el);
          if (postId === undefined || this.hosts.get(postId) !== el) el.remove();
        }
      }
    }
    return changed;
  }

  /** Post id → shadow root of every host in the page. */
  roots(): Map<string, ShadowRoot> {
    const found = new Map<string, ShadowRoot>();
    for (const [postId, host] of this.hosts) {
      const root = rootOf(host);
      if (root) found.set(postId, root);
    }
    return found;
  }

  /**
   * A kept host whose old cards the renderer has already taken out. Preferred over one freed in this sync, which
   * still holds its post's cards until the renderer's next commit: moving it would take that whole subtree out of the
   * page and put it back in only for the renderer to remove it (both walk every node of the card), where an empty
   * host goes in alone.
   */
  private takeEmptySpare(): HTMLElement | null {
    for (let i = 0; i < this.spare.length; i++) {
      const host = this.spare[i] as HTMLElement;
      if (isEmpty(host)) {
        this.spare.splice(i, 1);
        return host;
      }
    }
    return null;
  }

  private create(): HTMLElement {
    const host = this.doc.createElement(HOST_TAG);
    // Closed: the page cannot read which items a card shows, what is saved, or restyle and click our buttons.
    const root = host.attachShadow({ mode: 'closed' });
    roots.set(host, root);
    this.adopt(root);
    this.onRoot?.(host, root);
    return host;
  }

  setTheme(theme: HostTheme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    for (const host of this.hosts.values()) this.paint(host);
  }

  removeAll(): void {
    for (const host of this.hosts.values()) host.remove();
    this.hosts.clear();
    this.spare.length = 0;
  }

  get size(): number {
    return this.hosts.size;
  }

  has(postId: string): boolean {
    return this.hosts.has(postId);
  }

  /** Whether a host was last put in or found in one of `items` (a partial sync would check it). */
  inAny(items: ReadonlySet<Element>): boolean {
    for (const host of this.hosts.values()) {
      const item = this.placedIn.get(host);
      if (item && items.has(item)) return true;
    }
    return false;
  }

  private paint(host: Element) {
    if (this.theme) host.setAttribute('data-theme', this.theme);
    else host.removeAttribute('data-theme');
  }

  /** Written for the page (the placement contract), compared with what we wrote last, never with what is there. */
  private label(host: Element, postId: string, ids: readonly string[]) {
    const itemIds = ids.join(' ');
    if (posts.get(host) !== postId) {
      posts.set(host, postId);
      host.setAttribute(HOST_POST_ATTR, postId);
    }
    if (itemLists.get(host) !== itemIds) {
      itemLists.set(host, itemIds);
      host.setAttribute(HOST_ITEMS_ATTR, itemIds);
    }
  }
}
