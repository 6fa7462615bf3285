// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventFactory } from '@/utils/events/factory';
import { type PostExposure, startPostExposure, viewableShare } from '@/utils/events/post-exposure';
import { ZcEventSchema } from '@/utils/events/schema';
import { FakeIO } from './fake-io';

function fakeCtx() {
  const cleanups: (() => void)[] = [];
  return {
    onInvalidated: (cb: () => void) => {
      cleanups.push(cb);
      return () => {};
    },
    addEventListener: (target: EventTarget, type: string, handler: (e: Event) => void) =>
      target.addEventListener(type, handler),
    invalidate() {
      for (const c of cleanups) c();
    },
  };
}

const make = createEventFactory({ pageId: '6f1c1f8e-3f4a-4b7e-9c1d-2a5b8e0f9d11', extVersion: '0.1.0' });
const GUIDES: Record<string, { hasCard: boolean; refs: { kind: 'tpwd' | 'short'; value: string }[] }> = {
  GuideNoCard: { hasCard: false, refs: [{ kind: 'tpwd', value: 'ZxplTi8oakt' }] },
  GuideCard: { hasCard: true, refs: [{ kind: 'short', value: 'AbC12dE' }] },
};

function post(id: string): HTMLElement {
  const article = document.createElement('article');
  article.dataset.postId = id;
  document.body.append(article);
  return article;
}

let ctx: ReturnType<typeof fakeCtx>;
let recorded: ReturnType<typeof make<'post_exposure'>>[];
let pe: PostExposure;
const io = () => FakeIO.instances.at(-1)!;
let focused = true;

beforeEach(() => {
  vi.useFakeTimers();
  FakeIO.instances = [];
  vi.stubGlobal('IntersectionObserver', FakeIO);
  focused = true;
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
  document.body.innerHTML = '';
  recorded = [];
  ctx = fakeCtx();
  pe = startPostExposure({
    ctx,
    site: { itemSelector: 'article', postIdOf: (el) => (el as HTMLElement).dataset.postId ?? null },
    isGuide: (id) => id in GUIDES,
    infoOf: (id) => ({ authorId: 'A1', hasCard: GUIDES[id]?.hasCard ?? false, references: GUIDES[id]?.refs ?? [] }),
    record: (fields, at) => recorded.push(make('post_exposure', fields, at)),
  });
});

afterEach(() => {
  ctx.invalidate();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('post-level exposure of guide posts', () => {
  it('held: a guide post without a card, 60 % in view for a second, is exposed once with its references', () => {
    const el = post('GuideNoCard');
    pe.scan();
    io().fire(el, 0.6);
    vi.advanceTimersByTime(999);
    expect(recorded).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(recorded).toHaveLength(1);
    const e = recorded[0]!;
    expect(e).toMatchObject({
      type: 'post_exposure',
      post_id: 'GuideNoCard',
      author_id: 'A1',
      item_id: null,
      visible_ms: 1000,
      max_ratio: 0.6,
      has_card: false,
      ref_kinds: 'tpwd',
      ref_values: 'tpwd:ZxplTi8oakt',
    });
    expect(ZcEventSchema.safeParse(e).success).toBe(true);
    // Once per post per page view: scrolled away and back, held again, nothing more.
    io().fire(el, 0);
    io().fire(el, 1);
    vi.advanceTimersByTime(5000);
    expect(recorded).toHaveLength(1);
  });

  it('a guide post with a card says so', () => {
    const el = post('GuideCard');
    pe.scan();
    io().fire(el, 1);
    vi.advanceTimersByTime(1000);
    expect(recorded.map((e) => [e.post_id, e.has_card, e.ref_kinds])).toEqual([['GuideCard', true, 'short']]);
  });

  it('flicked: in view twice for 0.6 s, or under half in view, is no exposure', () => {
    const el = post('GuideNoCard');
    pe.scan();
    io().fire(el, 0.8);
    vi.advanceTimersByTime(600);
    io().fire(el, 0.4);
    io().fire(el, 0.8);
    vi.advanceTimersByTime(600);
    io().fire(el, 0);
    vi.advanceTimersByTime(5000);
    expect(recorded).toHaveLength(0);
  });

  it('tab hidden: no time counts while hidden; the run resumes when the tab is back', () => {
    const el = post('GuideNoCard');
    pe.scan();
    io().fire(el, 1);
    vi.advanceTimersByTime(500);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(10_000);
    expect(recorded).toHaveLength(0);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(499);
    expect(recorded).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(recorded.map((e) => e.visible_ms)).toEqual([1000]);
  });

  it('unfocused: a window without focus never exposes the post', () => {
    focused = false;
    window.dispatchEvent(new Event('blur'));
    const el = post('GuideNoCard');
    pe.scan();
    io().fire(el, 1);
    vi.advanceTimersByTime(10_000);
    expect(recorded).toHaveLength(0);
    focused = true;
    window.dispatchEvent(new Event('focus'));
    vi.advanceTimersByTime(1000);
    expect(recorded).toHaveLength(1);
  });

  it('ordinary posts are not logged, and a recycled node that now shows one takes the guide post out of view', () => {
    const plain = post('Plain1');
    const recycled = post('GuideNoCard');
    pe.scan();
    io().fire(plain, 1);
    io().fire(recycled, 1);
    vi.advanceTimersByTime(500);
    recycled.dataset.postId = 'Plain2';
    io().fire(recycled, 1);
    vi.advanceTimersByTime(5000);
    expect(recorded).toHaveLength(0);
    // A scan after a new guide answer finds the node showing a guide post again.
    recycled.dataset.postId = 'GuideCard';
    pe.scan();
    vi.advanceTimersByTime(1000);
    expect(recorded.map((e) => e.post_id)).toEqual(['GuideCard']);
  });

  it('a post taller than the viewport counts its share of the viewport', () => {
    const el = post('GuideNoCard');
    pe.scan();
    // 2,400 px tall in an 800 px viewport: a third of it fills the viewport.
    io().fire(el, 0.3, 2400);
    vi.advanceTimersByTime(1000);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.max_ratio).toBe(0.9);
  });
});

describe('viewableShare', () => {
  it('is the ratio for posts that fit, and the share of the viewport for taller ones', () => {
    const viewport = { width: 1000, height: 800 };
    expect(viewableShare(0.5, { width: 600, height: 400 }, viewport)).toBe(0.5);
    expect(viewableShare(0.25, { width: 1000, height: 3200 }, viewport)).toBe(1);
    expect(viewableShare(0.1, { width: 1000, height: 3200 }, viewport)).toBeCloseTo(0.4);
    expect(viewableShare(0.7, { width: 600, height: 400 }, null)).toBe(0.7);
    expect(viewableShare(Number.NaN, { width: 600, height: 400 }, viewport)).toBe(0);
  });
});
