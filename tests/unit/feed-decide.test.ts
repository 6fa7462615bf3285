import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decidePost, isQuiet } from '@/utils/feed/decide';
import { createPostDirectory } from '@/utils/feed/posts';
import { createFeedSettings, loadFeedSettings } from '@/utils/feed/settings-store';
import { settings as stored } from '@/utils/settings';
import { catalogueItem, guideResult, plainResult } from './feed.fixture';

const cream = catalogueItem('600000000001', '修护面霜 50ml');
const on = { overlayEnabled: true, muted: new Set<string>(), dismissed: new Set<string>() };
const guide = guideResult('PostAaaa1', [cream]);

describe('what the feed does for one drawn post', () => {
  it('reads a post nobody has answered yet, and nothing while the overlay is off', () => {
    const unknown = { answer: undefined, known: false, authorId: null, longTextDue: false };
    expect(decidePost(unknown, on, 'PostAaaa1')).toEqual({ read: true, expand: false, items: null });
    expect(decidePost(unknown, { ...on, overlayEnabled: false }, 'PostAaaa1')).toEqual({
      read: false,
      expand: false,
      items: null,
    });
  });

  it('gives a guide post with items its card, unless its author is muted or the post dismissed', () => {
    const post = { answer: guide, known: true, authorId: '1000000001', longTextDue: false };
    expect(decidePost(post, on, 'PostAaaa1').items).toEqual(['600000000001']);
    expect(decidePost(post, { ...on, muted: new Set(['1000000001']) }, 'PostAaaa1').items).toBeNull();
    expect(decidePost(post, { ...on, dismissed: new Set(['PostAaaa1']) }, 'PostAaaa1').items).toBeNull();
    expect(decidePost({ ...post, answer: guideResult('PostAaaa1', []) }, on, 'PostAaaa1').items).toBeNull();
  });

  it('asks for a cut post’s whole text only while the reader would take it', () => {
    const cut = { answer: { ...plainResult('PostLong5'), expand: true as const }, known: true, authorId: null };
    expect(decidePost({ ...cut, longTextDue: true }, on, 'PostLong5').expand).toBe(true);
    expect(decidePost({ ...cut, longTextDue: false }, on, 'PostLong5').expand).toBe(false);
  });

  it('is quiet only with nothing to read, expand, place or take out', () => {
    const none = { read: false, expand: false, items: null };
    expect(isQuiet(none, false)).toBe(true);
    expect(isQuiet(none, true)).toBe(false);
    expect(isQuiet({ ...none, read: true }, false)).toBe(false);
    expect(isQuiet({ ...none, expand: true }, false)).toBe(false);
    expect(isQuiet({ ...none, items: ['600000000001'] }, false)).toBe(false);
  });
});

describe('the directory of posts', () => {
  it('keeps one author per post; an answer’s empty name never erases the name read from the page', () => {
    const posts = createPostDirectory();
    posts.setAuthor('PostAaaa1', { uid: '1000000001', name: '美妆博主' });
    posts.setAuthor('PostAaaa1', { uid: '1000000001', name: '' });
    expect(posts.author('PostAaaa1')).toEqual({ uid: '1000000001', name: '美妆博主' });
    posts.setAnswer('PostAaaa1', guide);
    expect(posts.isGuide('PostAaaa1')).toBe(true);
    posts.clearAnswers();
    expect(posts.answer('PostAaaa1')).toBeUndefined();
    expect(posts.author('PostAaaa1')?.uid).toBe('1000000001');
  });
});

describe('the feed’s settings store', () => {
  it('tells listeners of changed values only', () => {
    const store = createFeedSettings({ mutedAuthors: [] });
    const heard: string[] = [];
    store.subscribe((now, before) => heard.push(`${before.lang}→${now.lang}`));
    store.set({ lang: 'zh-CN' });
    store.set({ lang: 'en' });
    expect(heard).toEqual(['zh-CN→en']);
    store.set({ mutedAuthors: ['1'] });
    expect(store.muted().has('1')).toBe(true);
  });

  it('reads every setting from storage and follows it live', async () => {
    fakeBrowser.reset();
    await stored.dismissedPosts.setValue(['PostAaaa1']);
    const stops: (() => void)[] = [];
    const store = await loadFeedSettings({
      onInvalidated: (fn) => {
        stops.push(fn);
        return () => {};
      },
    });
    expect(store.dismissed().has('PostAaaa1')).toBe(true);
    expect(store.get().overlayEnabled).toBe(true);
    await stored.overlayEnabled.setValue(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.get().overlayEnabled).toBe(false);
    for (const stop of stops) stop();
    await stored.overlayEnabled.setValue(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.get().overlayEnabled).toBe(false);
  });
});
