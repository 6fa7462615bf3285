import { PAGE_JSON_MAX_CHARS, PAGE_JSON_REQUEST, PAGE_JSON_RESPONSE } from '@/utils/feed/page-json';

/**
 * MAIN-world bridge: reads the post JSON Weibo keeps on its Vue components (`element.__vue__`), which the isolated
 * content script cannot see, and answers the content script's request on the same element. Kept tiny; the extension
 * works without it.
 */
type Vm =
  | { data?: unknown; item?: unknown; mblog?: unknown; $props?: Record<string, unknown>; $parent?: Vm }
  | undefined;

function looksLikePost(v: unknown): v is object {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return typeof r.mblogid === 'string' || typeof r.idstr === 'string' || typeof r.mid === 'string';
}

function postOf(vm: Vm): unknown {
  for (let depth = 0; vm && depth < 3; depth++, vm = vm.$parent) {
    // weibo.com's feed components hold the post as `data` (or `item` in the scroller); m.weibo.cn's cards as `mblog`.
    for (const v of [vm.data, vm.$props?.data, vm.item, vm.$props?.item, vm.mblog, vm.$props?.mblog]) {
      if (looksLikePost(v)) return v;
    }
  }
  return undefined;
}

export default defineContentScript({
  matches: ['https://weibo.com/*', 'https://www.weibo.com/*', 'https://m.weibo.cn/*'],
  world: 'MAIN',
  runAt: 'document_idle',
  main() {
    document.addEventListener(PAGE_JSON_REQUEST, (e) => {
      try {
        let el = e.target instanceof Element ? e.target : null;
        let post: unknown;
        for (let i = 0; el && i < 4 && post === undefined; i++, el = el.parentElement) {
          post = postOf((el as Element & { __vue__?: Vm }).__vue__);
        }
        if (post === undefined || !(e.target instanceof Element)) return;
        const json = JSON.stringify(post);
        if (json.length <= PAGE_JSON_MAX_CHARS) {
          e.target.dispatchEvent(new CustomEvent(PAGE_JSON_RESPONSE, { detail: json }));
        }
      } catch {
        // Reactive getters or odd page objects: no JSON then, the DOM extraction stands on its own.
      }
    });
  },
});
