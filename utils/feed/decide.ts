import type { AnalysedPost } from '@/utils/messaging';

/**
 * What the feed does for one post it finds drawn in the page: the one decision both passes make. A full pass acts on
 * it for every item; a partial pass's quick path skips the pass when it says there is nothing to do for any patched
 * item (`isQuiet`). Pure: no DOM, no clock. Its agreement between the two passes is tested in pass-equivalence.test.ts.
 */
export interface PostState {
  /** The background's answer; undefined while none is in, `null` when it had nothing for the post. */
  answer: AnalysedPost | null | undefined;
  /** The post needs no reading: answered, on its way, or backing off after a failure. */
  known: boolean;
  authorId: string | null;
  /** The long-text reader would queue this post now (off, asked before or already queued: false). */
  longTextDue: boolean;
}

export interface DecisionSettings {
  overlayEnabled: boolean;
  muted: ReadonlySet<string>;
  dismissed: ReadonlySet<string>;
}

export interface PostDecision {
  /** Read the post from the page and ask the background about it. */
  read: boolean;
  /** Ask for the post's whole text (it is cut and looks like shopping). */
  expand: boolean;
  /** The catalogue item ids of the post's card, in order; null: the post has no host. */
  items: readonly string[] | null;
}

export function decidePost(post: PostState, s: DecisionSettings, postId: string): PostDecision {
  if (!s.overlayEnabled) return { read: false, expand: false, items: null };
  const { answer } = post;
  const hidden =
    s.dismissed.has(postId) || (post.authorId !== null && s.muted.has(post.authorId)) || !answer?.detection.isGuide;
  return {
    read: !post.known,
    expand: answer?.expand === true && post.longTextDue,
    items: hidden || !answer || answer.items.length === 0 ? null : answer.items.map((i) => i.item_id),
  };
}

/** Nothing to do for the post: no reading, no whole text, no card, and no host of its own to take out. */
export function isQuiet(d: PostDecision, hasHost: boolean): boolean {
  return !d.read && !d.expand && d.items === null && !hasHost;
}
