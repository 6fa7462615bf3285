import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZhongcaoDB } from '@/utils/db';
import { deleteAllData, purgeOlderThan } from '@/utils/db/maintenance';
import { authorNamesFor } from '@/utils/popup/queries';
import { type AuthorDeps, rememberAuthor } from '@/utils/worker/authors';

const RUNTIME_ID = 'zhongcao-test-id';
const feedTab = { id: RUNTIME_ID, tab: { id: 7 }, url: 'https://weibo.com/' };

let db: ZhongcaoDB;
let paused: boolean;
let warnings: string[];
let deps: Partial<AuthorDeps>;

beforeEach(() => {
  db = new ZhongcaoDB(`zc-authors-${crypto.randomUUID()}`);
  paused = false;
  warnings = [];
  deps = {
    db,
    now: () => 1_750_000_000_000,
    loggingPaused: async () => paused,
    runtimeId: RUNTIME_ID,
    warn: (m) => warnings.push(m),
  };
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('rememberAuthor (background)', () => {
  it('keeps the latest name per uid, as text, trimmed', async () => {
    expect(await rememberAuthor({ authorId: '1810198745', name: ' 小美的好物 ' }, feedTab, deps)).toEqual({
      stored: true,
    });
    await rememberAuthor({ authorId: '1810198745', name: '<img src=x onerror=alert(1)>改名了' }, feedTab, deps);
    expect(await db.authors.toArray()).toEqual([
      { author_id: '1810198745', name: '<img src=x onerror=alert(1)>改名了', updated_at: 1_750_000_000_000 },
    ]);
  });

  it.each([
    ['another extension', { ...feedTab, id: 'evil' }],
    ['a page on another site', { ...feedTab, url: 'https://evil.example/' }],
    [
      'an extension page (not a content script)',
      { id: RUNTIME_ID, url: `chrome-extension://${RUNTIME_ID}/popup.html` },
    ],
  ])('refuses a name from %s and stores nothing', async (_name, sender) => {
    await expect(rememberAuthor({ authorId: '1', name: 'x' }, sender, deps)).rejects.toThrow(/rememberAuthor/);
    expect(await db.authors.count()).toBe(0);
  });

  it.each([
    ['not an object', 'hello'],
    ['no name', { authorId: '1' }],
    ['an empty name', { authorId: '1', name: '   ' }],
    ['a huge name', { authorId: '1', name: '名'.repeat(61) }],
    ['a huge uid', { authorId: '1'.repeat(65), name: 'x' }],
    ['a number for a name', { authorId: '1', name: 42 }],
    ['extra keys', { authorId: '1', name: 'x', evil: true }],
  ])('refuses a bad shape (%s) with an error and stores nothing', async (_name, data) => {
    await expect(rememberAuthor(data, feedTab, deps)).rejects.toThrow(/rememberAuthor: invalid request/);
    expect(await db.authors.count()).toBe(0);
  });

  it('writes nothing while logging is paused', async () => {
    paused = true;
    expect(await rememberAuthor({ authorId: '1', name: 'x' }, feedTab, deps)).toEqual({ stored: false });
    expect(await db.authors.count()).toBe(0);
  });

  it('a full disk is a warned no-op, not an error', async () => {
    const full = Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
    db.authors.put = (() => Promise.reject(full)) as never;
    expect(await rememberAuthor({ authorId: '1', name: 'x' }, feedTab, deps)).toEqual({ stored: false });
    expect(warnings).toHaveLength(1);
  });

  it('goes with the retention purge once last shown before the window, like the clicks it names', async () => {
    const day = 86_400_000;
    const now = 1_750_000_000_000;
    await rememberAuthor({ authorId: 'old', name: 'x' }, feedTab, { ...deps, now: () => now - 8 * day });
    await rememberAuthor({ authorId: 'new', name: 'y' }, feedTab, { ...deps, now: () => now - 6 * day });
    await purgeOlderThan(7, db, now);
    expect((await db.authors.toArray()).map((a) => a.author_id)).toEqual(['new']);
  });

  it('is cleared by 删除全部数据 with everything else', async () => {
    await rememberAuthor({ authorId: '1', name: 'x' }, feedTab, deps);
    await deleteAllData(db);
    expect(await db.authors.count()).toBe(0);
  });
});

describe('authorNamesFor (popup)', () => {
  it("prefers the feed's latest name, then a save's, then an order's, and leaves unknown uids out", async () => {
    await db.saves.put({
      item_id: '600000000001',
      post_id: 'P1',
      author_id: 'U1',
      author_name: '旧名字',
      title: 't',
      pict_url: 'catalogue/img/a.webp',
      price_fen_at_save: 100,
      saved_at: 1,
    });
    await db.saves.put({
      item_id: '600000000002',
      post_id: 'P2',
      author_id: 'U2',
      author_name: '存的名字',
      title: 't',
      pict_url: 'catalogue/img/a.webp',
      price_fen_at_save: 100,
      saved_at: 2,
    });
    await rememberAuthor({ authorId: 'U1', name: '新名字' }, feedTab, deps);
    await rememberAuthor({ authorId: 'U3', name: '只点过' }, feedTab, deps);
    expect(await authorNamesFor(db, ['U1', 'U2', 'U3', 'U4', 'U1'])).toEqual({
      U1: '新名字',
      U2: '存的名字',
      U3: '只点过',
    });
  });
});
