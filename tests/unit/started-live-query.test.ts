import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ZhongcaoDB } from '@/utils/db';
import { startLiveQuery } from '@/utils/popup/started-live-query';

const opened: ZhongcaoDB[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

const save = (item_id: string, saved_at: number) => ({
  item_id,
  post_id: null,
  author_id: null,
  author_name: null,
  title: '商品',
  pict_url: 'catalogue/img/x.svg',
  price_fen_at_save: 100,
  saved_at,
});

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

describe('the popup’s first read, started before React mounts', () => {
  it('has no value until the read is in, then hands it to late subscribers and stays live', async () => {
    const db = new ZhongcaoDB(`zc-started-${crypto.randomUUID()}`);
    opened.push(db);
    await db.saves.add(save('600000000001', 1));
    const q = startLiveQuery(() => db.saves.orderBy('saved_at').primaryKeys());
    expect(q.hasValue()).toBe(false);
    await until(q.hasValue);
    expect(q.getValue()).toEqual({ data: ['600000000001'], error: null });

    const seen: unknown[] = [];
    const sub = q.subscribe((v) => seen.push(v.data));
    expect(seen).toEqual([['600000000001']]);
    await db.saves.add(save('600000000002', 2));
    await until(() => seen.length === 2);
    expect(seen[1]).toEqual(['600000000001', '600000000002']);
    sub.unsubscribe();
    await db.saves.delete('600000000001');
    await until(() => (q.getValue()?.data as string[] | undefined)?.length === 1);
    expect(seen).toHaveLength(2);
  });

  it('lets the popup wait for the first result, but not longer than it chooses', async () => {
    let finish = () => {};
    const q = startLiveQuery(
      () =>
        new Promise<string>((resolve) => {
          finish = () => resolve('page');
        }),
    );
    const t0 = Date.now();
    await q.firstResult(50);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(q.hasValue()).toBe(false);
    finish();
    await q.firstResult(10_000);
    expect(q.getValue()).toEqual({ data: 'page', error: null });
  });

  it('turns a failing read into an error value instead of throwing', async () => {
    const q = startLiveQuery(() => Promise.reject(new Error('disk gone')));
    await until(q.hasValue);
    expect(q.getValue()).toEqual({ data: undefined, error: 'disk gone' });
  });
});
