import { describe, expect, it } from 'vitest';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { parseCatalogueText } from '../../utils/catalogue/load';

const good = generateCatalogue({ count: 40 });

describe('catalogue validation is remembered across worker restarts, keyed by the file hash', () => {
  it('validates a new file, skips its corrupt and duplicate entries, and reuses that verdict for the same text', async () => {
    const entries: unknown[] = [...good];
    entries[3] = { ...good[3], zk_final_price: 'free' };
    entries[7] = { item_id: 'x' };
    entries.push(good[0]);
    const text = JSON.stringify(entries);

    const first = await parseCatalogueText(text, null);
    expect(first.validated).toBe(true);
    expect(first.items).toHaveLength(38);
    expect(first.check.skipped.sort((a, b) => a - b)).toEqual([3, 7, 40]);

    const again = await parseCatalogueText(text, first.check);
    expect(again.validated).toBe(false);
    expect(again.items.map((i) => i.item_id)).toEqual(first.items.map((i) => i.item_id));
  });

  it('validates again when the file changed, so a corrupt entry in a new file is never trusted', async () => {
    const first = await parseCatalogueText(JSON.stringify(good), null);
    const changed: unknown[] = [...good];
    changed[5] = { ...good[5], skus: [] };
    const second = await parseCatalogueText(JSON.stringify(changed), first.check);
    expect(second.validated).toBe(true);
    expect(second.items.map((i) => i.item_id)).not.toContain(good[5]?.item_id);
  });

  it('reports a file that is not JSON and yields no items instead of throwing', async () => {
    const r = await parseCatalogueText('{"oops"', null);
    expect(r.items).toEqual([]);
    expect(r.errors[0]?.message).toMatch(/not JSON/);
  });
});
