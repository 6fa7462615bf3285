import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page, Worker } from '@playwright/test';
import { unzipSync } from 'fflate';
import type { ZcEvent } from '@/utils/events/schema';
import { generateResearcherKeys } from '@/utils/research/crypto';
import type { Manifest } from '@/utils/research/export';
import { eventDay } from '@/utils/research/review';
import { EXAMPLE_STUDY } from '@/utils/research/synthetic';
import { closedCards } from './closed-cards';
import { expect, readStore, test } from './fixtures';

/**
 * Issue 29 acceptance with the production build: enrol in a study whose config carries the researcher's public key
 * and a survey link; browse the demo feed (guide posts with and without catalogue items), like one, buy one; review
 * and take out a day; export (encrypted); `npm run study -- decrypt` opens it; DuckDB over events.parquet and over
 * events.ndjson gives the funnel and lift table the dashboard's researcher view shows for the same export.
 */

type Stored = ZcEvent & Record<string, unknown>;
const ROOT = path.resolve(import.meta.dirname, '../..');
const storedEvents = (worker: Worker) => readStore<Stored>(worker, 'events');
const DAY = 86_400_000;

async function duck(dir: string, file: string, parquet: boolean) {
  let text = fs.readFileSync(path.join(ROOT, 'docs/duckdb', file), 'utf8');
  if (parquet)
    text = text.replace(
      "read_json_auto('exports/*/events.ndjson', format = 'newline_delimited', union_by_name = true)",
      "read_parquet('exports/*/events.parquet', union_by_name = true)",
    );
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
  const rows = (await con.runAndReadAll(text)).getRowObjectsJS();
  con.closeSync();
  return rows;
}

/** Scrolls the feed a screen at a time, resting > 1 s on each so the posts in view meet the exposure rule. */
async function browse(page: Page, screens: number): Promise<void> {
  for (let i = 0; i < screens; i++) {
    await page.mouse.wheel(0, 800);
    await page.waitForTimeout(1_300);
  }
}

test('research study: key and survey, post-level exposures, review, encrypted export, DuckDB = dashboard', async ({
  page,
  context,
  extensionId,
  serviceWorker,
}) => {
  test.setTimeout(300_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-study-e2e-'));
  const keys = await generateResearcherKeys();
  const keyPath = path.join(tmp, 'researcher-private.jwk.json');
  fs.writeFileSync(keyPath, JSON.stringify(keys.privateKey));
  const study = {
    ...EXAMPLE_STUDY,
    encryption: { public_key: keys.publicKey },
    survey: { url: 'https://survey.example.edu/s/feeds?pid={participant}' },
  };

  // Enrol: the facts say the export is encrypted; the survey link and completion code appear, nothing opens by itself.
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#research`);
  await dash.getByLabel('研究配置（JSON）').fill(JSON.stringify(study));
  await dash.getByRole('button', { name: '检查配置' }).click();
  await expect(dash.getByTestId('rs-encrypted')).toContainText('导出文件将加密');
  await dash.getByLabel('我已阅读并同意上述知情同意书').check();
  const pagesBefore = context.pages().length;
  await dash.getByRole('button', { name: '同意并加入研究' }).click();
  await expect(dash.getByText(`您已加入研究「${study.title}」`)).toBeVisible();
  const pid = ((await dash.getByTestId('rs-participant').textContent()) ?? '').replace(/^.*：/, '');
  expect(pid).toMatch(/^[0-9a-f-]{36}$/);
  await expect(dash.getByTestId('rs-completion-code')).toHaveText(
    `您的完成码：${pid.replace(/-/g, '').slice(0, 8).toUpperCase()}`,
  );
  await expect(dash.getByRole('link', { name: '打开问卷' })).toHaveAttribute(
    'href',
    `https://survey.example.edu/s/feeds?pid=${pid}`,
  );
  expect(context.pages().length).toBe(pagesBefore);

  // An earlier day of the study, as if enrolled two days ago and browsing yesterday (written the way the worker
  // stores tagged events), for the participant to take out in the review.
  const now = Date.now();
  const yesterday = now - 1.5 * DAY;
  const seeded = await serviceWorker.evaluate(
    async ({ pid, studyId, consent, yesterday }) => {
      // The enrolment lives in the extension's IndexedDB (meta, `setting:researchEnrolment`), out of the page's reach.
      const idb = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('zhongcao');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const metaStore = (mode: IDBTransactionMode) => idb.transaction('meta', mode).objectStore('meta');
      const row = await new Promise<{ key: string; value: { enrolled_at: number } }>((resolve, reject) => {
        const r = metaStore('readonly').get('setting:researchEnrolment');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      row.value.enrolled_at -= 2 * 86_400_000;
      await new Promise<void>((resolve, reject) => {
        const r = metaStore('readwrite').put(row);
        r.onsuccess = () => resolve();
        r.onerror = () => reject(r.error);
      });
      idb.close();
      const tags = { study_id: studyId, participant_id: pid, consent_version: consent };
      const page_id = crypto.randomUUID();
      const base = {
        schema_version: 2,
        tz_offset: 480,
        page_id,
        author_id: '1642634100',
        ext_version: '0.1.0',
        ...tags,
      };
      const rows = [0, 1, 2].flatMap((i) => [
        {
          ...base,
          event_id: crypto.randomUUID(),
          ts: yesterday + i * 10_000,
          type: 'detect',
          post_id: `Seed${i}`,
          item_id: null,
          score: 5,
        },
        {
          ...base,
          event_id: crypto.randomUUID(),
          ts: yesterday + i * 10_000 + 2_000,
          type: 'post_exposure',
          post_id: `Seed${i}`,
          item_id: null,
          visible_ms: 1500,
          max_ratio: 0.9,
          has_card: false,
          ref_kinds: 'tpwd',
          ref_values: `tpwd:Seed${i}`,
        },
      ]);
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('zhongcao');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('events', 'readwrite');
          for (const r of rows) tx.objectStore('events').put(r);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
      return rows.map((r) => r.event_id);
    },
    { pid, studyId: study.study_id, consent: study.consent.version, yesterday },
  );
  const seededDay = eventDay({ ts: yesterday, tz_offset: 480 });

  // Browse: guide posts with cards and without (links no catalogue holds) are exposed as posts.
  await page.bringToFront();
  await page.goto('https://weibo.com/');
  await expect(page.locator('zhongcao-cards').first()).toBeAttached({ timeout: 30_000 });
  await page.waitForTimeout(1_500);
  // Until both kinds were exposed (guide posts without catalogue items are rarer than those with).
  const kinds = async () => {
    const rows = (await storedEvents(serviceWorker)).filter((e) => e.type === 'post_exposure' && e.ts > now);
    return [rows.some((e) => e.has_card === true), rows.some((e) => e.has_card === false)];
  };
  for (let i = 0; i < 12 && (await kinds()).includes(false); i++) await browse(page, 6);
  await expect.poll(kinds, { timeout: 10_000 }).toEqual([true, true]);

  // Like one guide post through its own action bar, and buy from one card.
  const cards = await closedCards(page);
  const likedPost = (await cards.waitFor()).postId ?? '';
  const host = cards.host({ postId: likedPost });
  await host.evaluateHost((h) => {
    h.scrollIntoView({ block: 'start' });
    scrollBy(0, -70);
  });
  await page.waitForTimeout(1_500);
  await page.locator(`article:has(zhongcao-cards[data-post-id="${likedPost}"]) footer button.woo-like-main`).click();
  await host.getByRole('button', { name: '立即购买' }).first().click();
  const sheet = host.getByRole('dialog');
  await expect.poll(() => sheet.isVisible()).toBe(true);
  await sheet.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)).then(() => 0));
  // 确认下单 is ignored in the sheet's first half second.
  await page.waitForTimeout(600);
  await sheet.getByRole('button', { name: '确认下单' }).click();
  await expect.poll(() => sheet.getByRole('status').textContent()).toContain('下单成功');
  await expect
    .poll(async () => {
      const rows = await storedEvents(serviceWorker);
      return [
        rows.some((e) => e.type === 'interaction' && e.post_id === likedPost && e.action === 'like' && !!e.study_id),
        rows.some((e) => e.type === 'purchase' && !!e.study_id),
      ];
    })
    .toEqual([true, true]);
  const tagged = (await storedEvents(serviceWorker)).filter((e) => e.participant_id === pid);

  // Review: counts by type and day; take out yesterday.
  await dash.bringToFront();
  await dash.getByRole('button', { name: '查看将导出的数据' }).click();
  const review = dash.getByTestId('rs-review');
  await expect(review.locator(`tr[data-day="${seededDay}"] td`).first()).toHaveText('6');
  await expect(review.locator('tr[data-type="post_exposure"]')).toBeVisible();
  await expect(dash.getByTestId('rs-review-rows').locator('tbody tr')).not.toHaveCount(0);
  await review.getByLabel(`移除 ${seededDay}`).check();
  await expect(dash.getByTestId('rs-review-summary')).toHaveText(
    new RegExp(`^将移除 6 条，导出 ${tagged.length - 6} 条$`),
  );
  await dash.screenshot({ path: 'screenshots/research-review.png', fullPage: true });

  // Export: an encrypted file, opened by the researcher's tool.
  const [download] = await Promise.all([
    dash.waitForEvent('download'),
    dash.getByRole('button', { name: '导出研究数据（ZIP）' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip\.zcenc$/);
  const inbox = path.join(tmp, 'inbox');
  fs.mkdirSync(inbox);
  const sealedPath = path.join(inbox, download.suggestedFilename());
  await download.saveAs(sealedPath);
  expect(fs.readFileSync(sealedPath).includes(Buffer.from('events.ndjson'))).toBe(false);
  const out = path.join(tmp, 'opened');
  const log = execFileSync('npm', ['run', '--silent', 'study', '--', 'decrypt', keyPath, inbox, '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(log).toContain('1 of 1 exports decrypted and verified');
  const zipName = fs.readdirSync(out).find((f) => f.endsWith('.zip')) as string;
  const zip = fs.readFileSync(path.join(out, zipName));
  const files = unzipSync(zip);
  const manifest = JSON.parse(Buffer.from(files['manifest.json'] as Uint8Array).toString()) as Manifest;
  expect(manifest.removed).toEqual({ total: 6, by_type: { detect: 3, post_exposure: 3 } });
  expect(manifest.total).toBe(tagged.length - 6);
  const ndjson = Buffer.from(files['events.ndjson'] as Uint8Array).toString();
  for (const id of seeded) expect(ndjson).not.toContain(id);
  const folder = path.join(tmp, 'exports', pid);
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), data);

  // DuckDB: Parquet and NDJSON agree.
  const funnelNd = await duck(tmp, 'funnel.sql', false);
  const depthNd = await duck(tmp, 'depth.sql', false);
  expect(await duck(tmp, 'funnel.sql', true)).toEqual(funnelNd);
  expect(await duck(tmp, 'depth.sql', true)).toEqual(depthNd);
  const f = funnelNd[0] as Record<string, unknown>;
  expect(Number(f.post_exposures)).toBeGreaterThan(0);
  expect(Number(f.purchases)).toBe(1);

  // ... and the researcher view shows the same numbers for the same export.
  await dash
    .getByLabel('导入参与者数据（ZIP）')
    .setInputFiles([{ name: zipName, mimeType: 'application/zip', buffer: zip }]);
  await expect(dash.locator('[data-import="accepted"]')).toHaveCount(1);
  for (const [stage, column] of [
    ['post_exposure', 'post_exposures'],
    ['exposure', 'exposures'],
    ['click', 'clicks'],
    ['save', 'saves'],
    ['purchase', 'purchases'],
  ] as const)
    await expect(dash.locator(`tr[data-stage="${stage}"] td`).first(), stage).toHaveText(String(Number(f[column])));
  const pct = (v: unknown) => (v === null ? '—' : `${(Number(v) * 100).toFixed(1)}%`);
  for (const r of depthNd) {
    const cells = dash.locator(`[data-testid="rs-lift"] tr[data-group="${r.group}"] td`);
    await expect(cells.nth(0), String(r.group)).toHaveText(String(Number(r.n)));
    await expect(cells.nth(1), String(r.group)).toHaveText(String(Number(r.converted)));
    await expect(cells.nth(2), String(r.group)).toHaveText(`${pct(r.rate)}${r.small ? '*' : ''}`);
    await expect(cells.nth(3), String(r.group)).toHaveText(
      r.rate_lo === null ? '—' : `${pct(r.rate_lo)} – ${pct(r.rate_hi)}`,
    );
  }
  // The liked post is in the liked group, which bought (the order came from a card on a liked post or not).
  expect(Number(depthNd.find((r) => r.group === 'like')?.n)).toBeGreaterThanOrEqual(1);
  await dash.screenshot({ path: 'screenshots/research-study.png', fullPage: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});
