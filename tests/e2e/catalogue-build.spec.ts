import fs from 'node:fs';
import path from 'node:path';
import { parseCatalogue } from '../../utils/catalogue/load';
import { EXTENSION_PATH, expect, test } from './fixtures';

// Other tools read the catalogue from the build at this exact path.
test('the production build ships ≥ 5,000 catalogue items at catalogue/items.json, every one valid', async ({
  serviceWorker,
}) => {
  const file = path.join(EXTENSION_PATH, 'catalogue', 'items.json');
  const { items, errors } = parseCatalogue(JSON.parse(fs.readFileSync(file, 'utf8')));
  expect(errors).toEqual([]);
  expect(items.length).toBeGreaterThanOrEqual(5000);
  // Every picture the items name is packaged too (never fetched from the network).
  for (const pict of new Set(items.map((i) => i.pict_url))) {
    expect(fs.existsSync(path.join(EXTENSION_PATH, pict)), pict).toBe(true);
  }
  // And the running extension serves the same file to itself.
  const count = await serviceWorker.evaluate(async () => {
    const res = await fetch(chrome.runtime.getURL('/catalogue/items.json'));
    return ((await res.json()) as unknown[]).length;
  });
  expect(count).toBe(items.length);
});
