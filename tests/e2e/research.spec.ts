import fs from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Page, Worker } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ZcEvent } from '@/utils/events/schema';
import { type Manifest, writeStudyZip } from '@/utils/research/export';
import { EXAMPLE_STUDY, exampleEnrolment, inPages, syntheticStudyEvents } from '@/utils/research/synthetic';
import { expect, readStore, test } from './fixtures';

/**
 * Issue 8 acceptance with the production build: browse before consent, enrol from a study config on the dashboard,
 * browse the demo feed, export the study zip, and check inside it (NDJSON, CSV, manifest and dictionary agree; nothing
 * from before consent; no post text); then the researcher view refuses a tampered export and merges two good ones.
 */

type Stored = ZcEvent & Record<string, unknown>;

/** The stored log, read in the worker with the raw IndexedDB API (no Dexie in the test). */
const storedEvents = (worker: Worker) => readStore<Stored>(worker, 'events');

/** Brings guide posts' cards into view one after another and lets each sit there > 1 s (the exposure rule). */
async function browse(page: Page, cards: number): Promise<void> {
  await page.goto('https://weibo.com/');
  await expect(page.locator('zhongcao-cards').first()).toBeAttached({ timeout: 30_000 });
  await page.bringToFront();
  for (let i = 0; i < cards; i++) {
    const host = page.locator('zhongcao-cards').nth(i);
    if ((await host.count()) === 0) break;
    await host.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1_600);
  }
  await page.mouse.wheel(0, 3_000);
  await page.waitForTimeout(1_500);
}

/** Visible text of every post on the feed, in pieces long enough to be unmistakable. */
function postTextPieces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pieces = new Set<string>();
    for (const el of document.querySelectorAll('article, .wbpro-feed-content, [class*="_wbtext_"]')) {
      // biome-ignore lint/performance/useDomNodeTextContent: rendered lines are what a reader sees as post text
      for (const line of (el as HTMLElement).innerText.split(/\n+/)) {
        const s = line.trim();
        if (s.length >= 12) pieces.add(s.slice(0, 12));
      }
    }
    return [...pieces];
  });
}

async function exportFromDashboard(dash: Page): Promise<{ zip: Uint8Array; files: Record<string, Uint8Array> }> {
  const [download] = await Promise.all([
    dash.waitForEvent('download'),
    dash.getByRole('button', { name: '导出研究数据（ZIP）' }).click(),
  ]);
  await expect(dash.getByRole('status')).toContainText('已导出');
  const zip = new Uint8Array(fs.readFileSync((await download.path()) as string));
  return { zip, files: unzipSync(zip) };
}

test('research mode: enrol, browse, export a zip that agrees with itself, import refuses tampering and merges', async ({
  page,
  context,
  extensionId,
  serviceWorker,
}) => {
  test.setTimeout(240_000);

  // Before consent: browsing logs events, none of which may reach the study.
  await browse(page, 2);
  await expect.poll(async () => (await storedEvents(serviceWorker)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await storedEvents(serviceWorker);
  expect(before.every((e) => !e.study_id)).toBe(true);

  // Enrol on the dashboard: a bad config is refused with the field named, the example study accepted.
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#research`);
  await expect(dash.getByRole('link', { name: '研究' })).toHaveAttribute('aria-current', 'page');
  const box = dash.getByLabel('研究配置（JSON）');
  await box.fill(JSON.stringify({ ...EXAMPLE_STUDY, retention_days: 'forever' }));
  await dash.getByRole('button', { name: '检查配置' }).click();
  await expect(dash.getByRole('alert')).toContainText('retention_days');
  await box.fill(JSON.stringify(EXAMPLE_STUDY, null, 2));
  await dash.getByRole('button', { name: '检查配置' }).click();
  await expect(dash.getByText(EXAMPLE_STUDY.consent.text, { exact: true })).toBeVisible();
  const join = dash.getByRole('button', { name: '同意并加入研究' });
  await expect(join).toBeDisabled();
  await dash.screenshot({ path: 'screenshots/research-consent.png', fullPage: true });
  await dash.getByLabel('我已阅读并同意上述知情同意书').check();
  await join.click();
  await expect(dash.getByText(`您已加入研究「${EXAMPLE_STUDY.title}」`)).toBeVisible();
  const pid = ((await dash.getByTestId('rs-participant').textContent()) ?? '').replace(/^.*：/, '');
  expect(pid).toMatch(/^[0-9a-f-]{36}$/);

  // Browse again after consent.
  await page.bringToFront();
  await browse(page, 3);
  const texts = await postTextPieces(page);
  expect(texts.length).toBeGreaterThan(5);
  await expect
    .poll(async () => (await storedEvents(serviceWorker)).filter((e) => e.type === 'exposure' && e.study_id).length, {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  const stored = await storedEvents(serviceWorker);
  const tagged = stored.filter((e) => e.study_id === EXAMPLE_STUDY.study_id);
  expect(tagged.every((e) => e.participant_id === pid && e.consent_version === 'v1')).toBe(true);

  // Export and look inside.
  await dash.bringToFront();
  const { zip, files } = await exportFromDashboard(dash);
  await dash.screenshot({ path: 'screenshots/research-enrolled.png', fullPage: true });
  expect(Object.keys(files).sort()).toEqual([
    'dictionary.json',
    'dictionary.md',
    'events.csv',
    'events.ndjson',
    'events.parquet',
    'manifest.json',
  ]);
  const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array)) as Manifest;
  expect(manifest).toMatchObject({
    participant_id: pid,
    study: { study_id: EXAMPLE_STUDY.study_id },
    schema_version: 2,
  });
  for (const [name, entry] of Object.entries(manifest.files)) {
    expect(bytesToHex(sha256(files[name] as Uint8Array)), name).toBe(entry.sha256);
  }
  const rows = strFromU8(files['events.ndjson'] as Uint8Array)
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const csv = strFromU8(files['events.csv'] as Uint8Array)
    .trimEnd()
    .split('\r\n');
  expect(rows.length).toBe(manifest.total);
  expect(csv.length - 1).toBe(manifest.total);
  expect(csv[0]?.split(',')).toEqual(manifest.fields);
  const counts: Record<string, number> = {};
  for (const r of rows) counts[String(r.type)] = (counts[String(r.type)] ?? 0) + 1;
  expect(counts).toEqual(manifest.counts);
  expect(counts.exposure ?? 0).toBeGreaterThan(0);
  // Every tagged stored event (and nothing else) is in the export.
  expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(tagged.map((e) => e.event_id)));
  const dict = JSON.parse(strFromU8(files['dictionary.json'] as Uint8Array)) as { fields: { name: string }[] };
  expect(dict.fields.map((f) => f.name)).toEqual(manifest.fields);
  for (const r of rows) expect(Object.keys(r)).toEqual(manifest.fields);
  // Nothing from before consent.
  const all = Object.values(files)
    .map((f) => strFromU8(f))
    .join('\n');
  for (const e of before) expect(all).not.toContain(e.event_id);
  expect(rows.every((r) => (r.ts as number) >= manifest.enrolled_at)).toBe(true);
  // No post text anywhere.
  for (const piece of texts) expect(all, piece).not.toContain(piece);

  // Researcher view: a tampered copy is refused, the real export plus a second participant's are merged.
  const tampered = zipSync({
    ...files,
    'events.ndjson': strToU8(strFromU8(files['events.ndjson'] as Uint8Array).replace('"exposure"', '"click"')),
  });
  const other = exampleEnrolment(2, manifest.enrolled_at);
  const otherChunks: Uint8Array[] = [];
  const otherManifest = await writeStudyZip({
    enrolment: other,
    extVersion: '0.1.0',
    now: Date.now(),
    pages: inPages(syntheticStudyEvents(other, 200, 5), 50),
    sink: (c) => otherChunks.push(c),
  });
  const second = Buffer.concat(otherChunks);
  const input = dash.getByLabel('导入参与者数据（ZIP）');
  await input.setInputFiles([{ name: 'tampered.zip', mimeType: 'application/zip', buffer: Buffer.from(tampered) }]);
  await expect(dash.locator('[data-import="rejected"]')).toContainText(
    '已拒绝 tampered.zip：events.ndjson 已被改动：SHA-256 与 manifest 不符',
  );
  await expect(dash.getByTestId('rs-combined')).toHaveCount(0);
  await input.setInputFiles([
    { name: 'p1.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) },
    { name: 'p2.zip', mimeType: 'application/zip', buffer: second },
  ]);
  await expect(dash.locator('[data-import="accepted"]')).toHaveCount(2);
  await expect(dash.getByTestId('rs-combined')).toHaveText(
    `合计：2 位参与者，${manifest.total + otherManifest.total} 条事件`,
  );
  const exposures = (counts.exposure ?? 0) + (otherManifest.counts.exposure ?? 0);
  await expect(dash.locator('tr[data-stage="exposure"] td').first()).toHaveText(String(exposures));
  const purchases = (counts.purchase ?? 0) + (otherManifest.counts.purchase ?? 0);
  await expect(dash.locator('tr[data-stage="purchase"] td').first()).toHaveText(String(purchases));
  await expect(dash.locator('tr[data-group="seen-only"] td').first()).not.toHaveText('0');
  await dash.screenshot({ path: 'screenshots/research-import.png', fullPage: true });

  // Leaving with deletion removes the study's events and the participant id; new events are not tagged.
  await dash.getByRole('button', { name: '退出研究' }).click();
  await dash.getByRole('button', { name: '确认退出' }).click();
  // The enrol panel comes back only once the deletion is done, saying how many went.
  const left = dash.getByRole('status').filter({ hasText: '已退出研究' });
  await expect(left).toHaveText(/^已退出研究，并删除了 \d+ 条研究数据。$/);
  expect(Number((await left.textContent())?.match(/\d+/)?.[0])).toBeGreaterThanOrEqual(tagged.length);
  await expect(dash.getByLabel('研究配置（JSON）')).toBeVisible();
  await dash.screenshot({ path: 'screenshots/research-left.png', fullPage: true });
  // A batch the worker was tagging as the participant left is settled once it lands: polled, not read once.
  await expect
    .poll(async () => (await storedEvents(serviceWorker)).filter((e) => e.study_id).length, { timeout: 5_000 })
    .toBe(0);
  const afterLeave = await storedEvents(serviceWorker);
  expect(afterLeave.length).toBeGreaterThanOrEqual(before.length);
});
