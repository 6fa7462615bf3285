import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  activeCatalogue,
  catalogueChanged,
  catalogueForPosts,
  catalogueItemsById,
  resetActiveCatalogue,
} from '@/utils/catalogue/active';
import { generateCatalogue } from '@/utils/catalogue/generate';
import { ImportRefused, parseCatalogueFile, streamCatalogueFile } from '@/utils/catalogue/import/index';
import {
  activeItems,
  ensureMockSource,
  importCatalogue,
  listSources,
  MOCK_SOURCE_ID,
  moveSource,
  removeSource,
  setSourceEnabled,
  sha256OfBytes,
  shadowedCounts,
  sourceRows,
  sourcesOfItem,
} from '@/utils/catalogue/store';
import { ZhongcaoDB } from '@/utils/db';
import { analysePost } from '@/utils/detect/analyse';
import { buildCatalogueIndex, matchItems, matchText } from '@/utils/match/index';
import { packTextIndex, unpackTextIndex } from '@/utils/match/pack';
import type { Post } from '@/utils/types';
import { analyseBatch } from '@/utils/worker/analyse';
import { makePost } from './feed.fixture';

const post = (text: string, links: string[] = []): Post =>
  ({
    id: 'p',
    text,
    links: links.map((url) => ({ url })),
    author: { uid: '1', name: 'a', tier: 'none' },
  }) as unknown as Post;

const mock = generateCatalogue().slice(0, 50);
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/catalogue/${name}`));
let db: ZhongcaoDB;
let reads = 0;
const readPackaged = async () => {
  reads++;
  return { items: mock, sha256: 'm'.repeat(64) };
};

async function importFixture(name: string) {
  const bytes = fixture(name);
  return importCatalogue(db, { name, sha256: await sha256OfBytes(bytes) }, parseCatalogueFile(bytes), () => 5);
}

beforeEach(async () => {
  fakeBrowser.reset();
  resetActiveCatalogue();
  reads = 0;
  db = new ZhongcaoDB(`zc-cat-${crypto.randomUUID()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('the catalogue in IndexedDB', () => {
  it('loads the packaged mock once per extension version', async () => {
    await ensureMockSource(db, '1.0.0', readPackaged);
    await ensureMockSource(db, '1.0.0', readPackaged);
    expect(reads).toBe(1);
    await setSourceEnabled(db, MOCK_SOURCE_ID, false);
    await ensureMockSource(db, '1.0.1', readPackaged);
    expect(reads).toBe(2);
    const [source] = await listSources(db);
    expect(source).toMatchObject({ id: 'mock', rows: 50, version: '1.0.1', enabled: false });
  });

  it('imports sources side by side; a new source wins duplicates until reordered', async () => {
    await ensureMockSource(db, '1', readPackaged);
    const first = await importFixture('tbk-material-optional.json');
    expect(first).toMatchObject({ added: 2, updated: 0, refused: 4 });
    // The same bytes again replace their own source.
    const again = await importFixture('tbk-material-optional.json');
    expect(again).toMatchObject({ sourceId: first.sourceId, added: 0, updated: 2 });
    expect(await db.catalogueSources.count()).toBe(2);

    // A second source holding 700000000001 with another title.
    const other = parseCatalogueFile(
      new TextEncoder().encode(
        JSON.stringify([{ item_id: '700000000001', title: '另一个标题', zk_final_price: '1.00' }]),
      ),
    );
    const second = await importCatalogue(db, { name: 'b.json', sha256: 'b'.repeat(64) }, other);
    expect(second).toMatchObject({ added: 0, updated: 1 });
    const title = async () => (await activeItems(db)).find((i) => i.item_id === '700000000001')?.title;
    expect(await title()).toBe('另一个标题');
    expect(await sourcesOfItem(db, '700000000001')).toEqual({ winner: second.sourceId, others: [first.sourceId] });
    expect(Object.fromEntries(await shadowedCounts(db))).toEqual({
      [second.sourceId]: 0,
      [first.sourceId]: 1,
      mock: 0,
    });
    await moveSource(db, second.sourceId, 'down');
    expect(await title()).toBe('完美日记 小细跟口红 丝绒哑光 V01');
    await setSourceEnabled(db, first.sourceId, false);
    expect(await title()).toBe('另一个标题');
    await removeSource(db, second.sourceId);
    expect(await title()).toBeUndefined();
    expect(await sourceRows(db, second.sourceId).count()).toBe(0);
    await expect(removeSource(db, MOCK_SOURCE_ID)).rejects.toThrow(/turned off/);
    expect((await activeItems(db)).length).toBe(50);
  });

  it('indexes the lookup keys a reference resolves by', async () => {
    await importFixture('tbk-material-optional.json');
    expect((await db.catalogueItems.where('short_token').equals('gQ7rT2a').first())?.item_id).toBe('700000000001');
    expect((await db.catalogueItems.where('click_code').equals('Lb8MnPq').first())?.item_id).toBe('700000000002');
    expect((await db.catalogueItems.where('tpwd').equals('Ab3dEf9hIjK').first())?.item_id).toBe('700000000001');
  });

  it('an import that fails midway leaves the catalogue as it was', async () => {
    await ensureMockSource(db, '1', readPackaged);
    const before = await db.catalogueItems.count();
    const result = parseCatalogueFile(fixture('tbk-material-optional.json'));
    // A row IndexedDB cannot store (a function) aborts the transaction after the source rows were queued.
    (result.entries[1] as unknown as { title: unknown }).title = () => 1;
    await expect(importCatalogue(db, { name: 'x', sha256: 'c'.repeat(64) }, result)).rejects.toThrow();
    expect(await db.catalogueItems.count()).toBe(before);
    expect(await db.catalogueSources.count()).toBe(1);
  });

  it('a file refused while its later rows are read leaves the catalogue as it was', async () => {
    await ensureMockSource(db, '1', readPackaged);
    const before = await db.catalogueItems.count();
    const lines = ['商品id,商品名称,商品价格(单位：元)'];
    for (let i = 0; i < 5_000; i++) lines.push(`${100000000 + i},商品 ${i},9.9`);
    // The file is refused after three batches were stored, as the row limit or a zip bomb's real size would be.
    const stream = streamCatalogueFile(new TextEncoder().encode(lines.join('\n')), undefined, 1_000);
    let batches = 0;
    const failing = {
      format: stream.format,
      issues: stream.issues,
      unknownColumns: stream.unknownColumns,
      rowsRead: 0,
      batches: (function* () {
        for (const batch of stream.batches) {
          batches++;
          yield batch;
          if (batches === 3) throw new ImportRefused('refused at row 3,001');
        }
      })(),
    };
    await expect(importCatalogue(db, { name: 'x.csv', sha256: 'd'.repeat(64) }, failing)).rejects.toThrow(
      'refused at row 3,001',
    );
    expect(batches).toBe(3);
    expect(await db.catalogueItems.count()).toBe(before);
    expect(await db.catalogueSources.count()).toBe(1);
  });

  it('a file without one usable row is refused whole', async () => {
    const bytes = new TextEncoder().encode('商品id,商品名称,商品价格(单位：元)\n123456,x,-1\n');
    await expect(
      importCatalogue(db, { name: 'bad.csv', sha256: 'e'.repeat(64) }, streamCatalogueFile(bytes)),
    ).rejects.toThrow(ImportRefused);
    expect(await db.catalogueSources.count()).toBe(0);
  });

  it('the active catalogue is memoised until the sources change', async () => {
    const a = await activeCatalogue(readPackaged, db);
    expect(a.items).toHaveLength(50);
    expect(await activeCatalogue(readPackaged, db)).toBe(a);
    await importFixture('tbk-item-info.json');
    await catalogueChanged();
    const b = await activeCatalogue(readPackaged, db);
    expect(b.items).toHaveLength(51);
    expect(b.index.byItemId.get('710000000001')?.title).toBe('三顿半 超即溶咖啡 24颗');
    expect(reads).toBe(1);
  });
});

describe('what the analyser reads for a batch of posts', () => {
  it('resolves references through the key indexes, the winning enabled source first', async () => {
    await importFixture('tbk-material-optional.json');
    const posts = [post('复制￥Ab3dEf9hIjK￥打开淘宝'), post('戳 https://m.tb.cn/h.Ht5Yx9b 买')];
    const a = await catalogueForPosts(posts, readPackaged, db);
    expect(matchItems(posts[0] as Post, a.index).map((m) => m.itemId)).toEqual(['700000000001']);
    expect(matchItems(posts[1] as Post, a.index).map((m) => m.itemId)).toEqual(['700000000002']);
    expect(a.index.byItemId.get('700000000001')?.title).toBe('完美日记 小细跟口红 丝绒哑光 V01');
    // Another source with the same item wins while it is first; turned off, the first one answers again.
    const other = parseCatalogueFile(
      new TextEncoder().encode(
        JSON.stringify([{ item_id: '700000000001', title: '另一个标题', zk_final_price: '1.00' }]),
      ),
    );
    const second = await importCatalogue(db, { name: 'b.json', sha256: 'b'.repeat(64) }, other);
    await catalogueChanged();
    const b = await catalogueForPosts(posts, readPackaged, db);
    expect(b.index.byTpwd.get('Ab3dEf9hIjK')?.title).toBe('另一个标题');
    await setSourceEnabled(db, second.sourceId, false);
    await catalogueChanged();
    const c = await catalogueForPosts(posts, readPackaged, db);
    expect(c.index.byTpwd.get('Ab3dEf9hIjK')?.title).toBe('完美日记 小细跟口红 丝绒哑光 V01');
    expect((await catalogueItemsById(['700000000001', '700000000002'], db)).map((i) => i.item_id).sort()).toEqual([
      '700000000001',
      '700000000002',
    ]);
  });

  it('gives the same analysis as the whole catalogue in memory', async () => {
    const whole = buildCatalogueIndex(mock);
    const texts = mock
      .slice(0, 12)
      .map((item, i) =>
        i % 3 === 0
          ? post(`${item.brand}${item.short_title.replace(item.brand, '')}真的好用 链接 ${item.short_url}`)
          : i % 3 === 1
            ? post(`回购 ￥${item.tpwd}￥ 冲`, [item.click_url])
            : post(`种草 ${item.brand} ${item.short_title.replace(item.brand, '')} 闭眼入`),
      );
    await catalogueForPosts([], readPackaged, db);
    // The second read comes from the snapshot row.
    resetActiveCatalogue();
    const batch = await catalogueForPosts(texts, readPackaged, db);
    for (const p of texts) expect(analysePost(p, batch.index)).toEqual(analysePost(p, whole));
    expect(reads).toBe(1);
  });

  it('a waking worker reads the names row only, and an item found by title comes back whole', async () => {
    await catalogueForPosts([], readPackaged, db);
    const signature = (await db.catalogueSnapshots.get('resident'))?.signature;
    expect((await db.catalogueSnapshots.get('names'))?.signature).toBe(signature);
    // Were the whole items read on the feed's path, this emptied copy would leave the title index without items.
    await db.catalogueSnapshots.update('resident', { items: '[]' });
    resetActiveCatalogue();
    const item = mock[7];
    if (!item) throw new Error('mock too small');
    const text = `种草 好物推荐 ${item.brand} ${item.short_title.replace(item.brand, '')} 闭眼入 真的好用`;
    const posts = [makePost({ id: 'NxQ7a2b3C', text, author: { uid: '1', name: 'x', tier: 'gold' } })];
    const batch = await catalogueForPosts(posts, readPackaged, db);
    expect(batch.index.items.find((i) => i.item_id === item.item_id)).toEqual({
      item_id: item.item_id,
      brand: item.brand,
      short_title: item.short_title,
      volume: item.volume,
    });
    expect(batch.index.byItemId.has(item.item_id)).toBe(false);
    const { results } = await analyseBatch(
      { posts },
      { getCatalogue: (p) => catalogueForPosts(p, readPackaged, db), getThreshold: async () => 3 },
    );
    expect(results[0]?.matches).toEqual([expect.objectContaining({ itemId: item.item_id, kind: 'text' })]);
    expect(results[0]?.items).toEqual([item]);
    expect(reads).toBe(1);
  });

  it('without a names row (an older snapshot), the whole one serves and the names row is written', async () => {
    await catalogueForPosts([], readPackaged, db);
    await db.catalogueSnapshots.delete('names');
    resetActiveCatalogue();
    const batch = await catalogueForPosts([post('随便说说')], readPackaged, db);
    expect(batch.index.items).toHaveLength(50);
    expect(JSON.parse((await db.catalogueSnapshots.get('names'))?.items ?? '[]')).toHaveLength(50);
  });

  it('a packed title index unpacks to one that matches the same', () => {
    const built = buildCatalogueIndex(mock);
    const packed = unpackTextIndex(structuredClone(packTextIndex(built.text)));
    const again = { ...built, text: packed };
    for (const item of mock.slice(0, 20)) {
      const text = `${item.brand} ${item.short_title} 好用`;
      expect(matchText(text, again)).toEqual(matchText(text, built));
    }
  });
});
