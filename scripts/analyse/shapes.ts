/**
 * Finds post objects in any JSON value Weibo's servers answer with, or a crawler saved: m.weibo.cn `getIndex`
 * (`data.cards[].mblog`, cards nested in `card_group`), `statuses/show` (`data` is the post, maybe with `longText`),
 * weibo.com `ajax/feed/*` (`statuses[]`, `data.statuses[]`, `data.list[]`), `ajax/statuses/*` (`data.list[]` or the
 * post itself), arrays of posts, records holding one under `mblog`. Also recognises a long-text answer
 * (`statuses/extend`, `ajax/statuses/longtext`), which names no post. Untrusted input: never throws.
 */
export type Obj = Record<string, unknown>;

/** A post object (its own `longText`, as `statuses/show` gives it, is the reader's), or a long-text answer. */
export type Found = { kind: 'post'; json: Obj } | { kind: 'long-text'; content: string; urlStruct?: unknown };

// Deep enough for the deepest real nesting (answer → data → cards → card → card_group → card → mblog), no deeper.
const MAX_DEPTH = 8;

export function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

function idLike(v: unknown): boolean {
  return (typeof v === 'string' && /^[A-Za-z0-9]{1,32}$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v));
}

/** A post has an id and a text, and a user or a Weibo post id (`mblogid`, `bid`): a bare `{id, text}` is not one. */
export function isPostLike(o: Obj): boolean {
  const text = typeof o.text === 'string' || typeof o.text_raw === 'string' || typeof o.raw_text === 'string';
  if (!text) return false;
  if (idLike(o.mblogid) || idLike(o.bid)) return true;
  return (idLike(o.mid) || idLike(o.idstr) || idLike(o.id)) && obj(o.user) !== null;
}

function longTextOf(v: unknown): string | undefined {
  const content = obj(v)?.longTextContent;
  return typeof content === 'string' ? content : undefined;
}

/** Calls `emit` for every post and long-text answer in `value`, in document order. */
export function findPosts(value: unknown, emit: (found: Found) => void, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const v of value) findPosts(v, emit, depth + 1);
    return;
  }
  const o = obj(value);
  if (!o) return;
  if (isPostLike(o)) {
    emit({ kind: 'post', json: o });
    return;
  }
  const content = longTextOf(o);
  if (content !== undefined) {
    emit({ kind: 'long-text', content, urlStruct: o.url_struct });
    return;
  }
  for (const key of ['mblog', 'card_group', 'cards', 'statuses', 'list', 'data']) {
    if (o[key] !== undefined) findPosts(o[key], emit, depth + 1);
  }
}
