/**
 * The research export in Chromium, the way a participant runs it: the production build's dashboard, its Dexie
 * database holding N study events, the 导出研究数据（ZIP） button. Run after `npm run build`:
 *   npx tsx tests/bench/export-bench-chromium.ts [--n=1000000]
 * Seeds the events through the raw IndexedDB API in the dashboard page (the same cycle as syntheticStudyEvents),
 * reloads the dashboard, then times the click → download. Memory is sampled every 250 ms during the export: the
 * dashboard's JS heap (CDP Runtime.getHeapUsage) and the private memory of the extension's renderer processes
 * (/proc smaps_rollup, `--extension-process`), which holds the page, its ArrayBuffers and its Blob parts.
 */
import fs from 'node:fs';
import { exampleEnrolment } from '@/utils/research/synthetic';
import { extensionIdOf, getServiceWorker, launchBrowser } from '../../scripts/browser';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const N = Number(arg('n', '1000000'));
const MB = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

/** Whether `pid` descends from this Node process (other sessions' browsers run on the same machine). */
function ours(pid: string): boolean {
  let p = pid;
  for (let i = 0; i < 10 && p !== '1' && p !== '0'; i++) {
    if (p === String(process.pid)) return true;
    const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
    p = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '1';
  }
  return false;
}

/**
 * Private (unshared) bytes of each of our extension renderer processes, by pid: the dashboard page is in one of them,
 * the service worker may be in the same or another. Shared libraries are left out: the figure is what the process adds.
 */
function extensionPrivate(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !cmd.includes('--extension-process') || !ours(pid)) continue;
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      let kb = 0;
      for (const m of rollup.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) kb += Number(m[1]);
      out.set(pid, kb * 1024);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out;
}

const context = await launchBrowser({ extension: true });
try {
  const worker = await getServiceWorker(context);
  const id = extensionIdOf(worker);
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${id}/dashboard.html#research`);
  const enrolment = exampleEnrolment(1, 1_764_000_000_000);

  const t0 = performance.now();
  await dash.evaluate(
    async ({ enrolment, n }) => {
      await chrome.storage.local.set({ researchEnrolment: enrolment });
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('zhongcao');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tag = {
        study_id: enrolment.study.study_id,
        participant_id: enrolment.participant_id,
        consent_version: enrolment.study.consent.version,
      };
      for (let start = 0; start < n; start += 20_000) {
        if (start % 200_000 === 0) console.log(`seeding: ${start}`);
        const rows: Record<string, unknown>[] = [];
        for (let i = start; i < Math.min(n, start + 20_000); i++) {
          const post = Math.floor(i / 10);
          const step = i % 10;
          const base = {
            // No helper functions in here: tsx would wrap them in a `__name` call the page does not have.
            event_id: `${(((i * 2654435761 + 40503) >>> 0).toString(16)).padStart(8, '0')}-0000-4000-8001-${i.toString(16).padStart(12, '0')}`,
            schema_version: 2,
            ts: enrolment.enrolled_at + i * 1000,
            tz_offset: 480,
            page_id: `${Math.floor(i / 500)
              .toString(16)
              .padStart(8, '0')}-0000-4000-8008-000000000000`,
            author_id: `A${post % 37}`,
            ext_version: '0.1.0',
            ...tag,
          };
          const post_id = `P1x${post}`;
          const item_id = `68${String(post % 997).padStart(10, '0')}`;
          if (step === 0) rows.push({ ...base, type: 'detect', post_id, item_id: null, score: 4 });
          else if (step === 1)
            rows.push({
              ...base,
              type: 'post_exposure',
              post_id,
              item_id: null,
              visible_ms: 1300,
              max_ratio: 0.8,
              has_card: true,
              ref_kinds: 'short tpwd',
              ref_values: `short:S${post} tpwd:T${post}`,
            });
          else if (step === 2)
            rows.push({ ...base, type: 'exposure', post_id, item_id, visible_ms: 1200, max_ratio: 0.9 });
          else if (step === 3 && post % 4 === 0)
            rows.push({ ...base, type: 'interaction', post_id, item_id: null, action: 'like' });
          else if (step === 4 && post % 2 === 0)
            rows.push({ ...base, type: 'click', post_id, item_id, target: 'card' });
          else if (step === 5 && post % 5 === 0) rows.push({ ...base, type: 'save', post_id, item_id });
          else if (step === 6 && post % 10 === 0)
            rows.push({ ...base, type: 'purchase', post_id, item_id, order_id: `O1x${post}`, amount_fen: 9900 });
          else
            rows.push({
              ...base,
              type: 'view_time',
              post_id,
              item_id,
              visible_ms: 1500,
              max_ratio: 0.9,
              exposed: true,
            });
        }
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('events', 'readwrite', { durability: 'relaxed' });
          const store = tx.objectStore('events');
          for (const r of rows) store.put(r);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      }
      db.close();
    },
    { enrolment, n: N },
  );
  console.log(`seeded ${N.toLocaleString('en')} study events in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

  // A fresh dashboard, as a participant opening it to export.
  await dash.reload();
  await dash.getByRole('button', { name: '导出研究数据（ZIP）' }).waitFor();
  const cdp = await context.newCDPSession(dash);
  await cdp.send('HeapProfiler.collectGarbage');
  const heapNow = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  const heapBefore = await heapNow();
  const privBefore = extensionPrivate();
  const privPeak = new Map(privBefore);
  let heapPeak = heapBefore;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      heapPeak = Math.max(heapPeak, await heapNow().catch(() => 0));
      for (const [pid, bytes] of extensionPrivate()) privPeak.set(pid, Math.max(privPeak.get(pid) ?? 0, bytes));
      await new Promise((r) => setTimeout(r, 250));
    }
  })();

  const t1 = performance.now();
  const [download] = await Promise.all([
    dash.waitForEvent('download', { timeout: 1_800_000 }),
    dash.getByRole('button', { name: '导出研究数据（ZIP）' }).click(),
  ]);
  const path = await download.path();
  const ms = performance.now() - t1;
  sampling = false;
  await sampler;
  const status = await dash.getByRole('status').first().textContent();
  const size = path ? fs.statSync(path).size : 0;
  console.log(`Chromium ${context.browser()?.version() ?? ''}: ${status}`);
  console.log(
    `export of ${N.toLocaleString('en')} events: ${(ms / 1000).toFixed(1)} s (${Math.round(N / (ms / 1000)).toLocaleString('en')} events/s), zip ${MB(size)}`,
  );
  console.log(`dashboard JS heap: ${MB(heapBefore)} before → peak ${MB(heapPeak)}`);
  for (const [pid, peak] of privPeak)
    console.log(`extension renderer ${pid}, private memory: ${MB(privBefore.get(pid) ?? 0)} before → peak ${MB(peak)}`);
} finally {
  await context.close();
}
