/**
 * Benchmark (not a test): `npm run analyse` on a ~1 GB NDJSON made by repeating the real posts of
 * ../shared/real-weibo (each line a fresh mid and post id, so dedupe keeps every one and its memory is measured too).
 * Runs the command as a child process, polls its peak RSS (VmHWM), prints the rate, and deletes the file.
 * Run: `npx tsx tests/bench/analyse-bench.ts [megabytes] [--array] [--csv]` (default 1024 MB). `--array` writes one
 * JSON array instead of NDJSON (the streamed array path); `--csv` passes --csv to the command. Not part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const REAL = resolve(ROOT, '../shared/real-weibo');
const args = process.argv.slice(2);
const megabytes = Number(args.find((a) => /^\d+$/.test(a)) ?? 1024);
const asArray = args.includes('--array');
const csv = args.includes('--csv');

type Obj = Record<string, unknown>;

/** Every real post object, with the wrapper it came in (record, getIndex card): lines of three shapes. */
function templates(): { wrap: 'record' | 'card' | 'post'; value: Obj }[] {
  const out: { wrap: 'record' | 'card' | 'post'; value: Obj }[] = [];
  for (const r of JSON.parse(readFileSync(join(REAL, 'mblogs.json'), 'utf8')) as Obj[]) {
    out.push({ wrap: 'record', value: r });
  }
  for (const f of readdirSync(join(REAL, 'raw')).filter((n) => n.endsWith('.json'))) {
    const answer = JSON.parse(readFileSync(join(REAL, 'raw', f), 'utf8')) as { data: { cards: Obj[] } };
    for (const card of answer.data.cards) if (card.mblog) out.push({ wrap: 'card', value: card });
  }
  // A third of the lines as bare post objects, the shape of a crawler's own dump.
  for (const t of out.slice(0, Math.floor(out.length / 2))) {
    const mblog = t.value.mblog as Obj;
    out.push({ wrap: 'post', value: mblog });
  }
  return out;
}

/** The line for post number `n`: the template with a new mid, id and post id (bid or mblogid). */
function line(t: { wrap: string; value: Obj }, n: number): string {
  const mblog = (t.wrap === 'post' ? t.value : t.value.mblog) as Obj;
  const mid = String(4_900_000_000_000_000 + n);
  const postId = `B${n.toString(36).padStart(8, '0')}`;
  const fresh: Obj = { ...mblog, mid, id: mid, idstr: mid };
  if ('mblogid' in mblog) fresh.mblogid = postId;
  if ('bid' in mblog || !('mblogid' in mblog)) fresh.bid = postId;
  return JSON.stringify(t.wrap === 'post' ? fresh : { ...t.value, mblog: fresh });
}

async function writeInput(path: string, bytes: number): Promise<number> {
  const ts = templates();
  const out = createWriteStream(path);
  let written = 0;
  let n = 0;
  if (asArray) out.write('[\n');
  while (written < bytes) {
    const sep = asArray ? (n === 0 ? '' : ',\n') : '';
    const l = `${sep}${line(ts[n % ts.length] as { wrap: string; value: Obj }, n)}${asArray ? '' : '\n'}`;
    written += Buffer.byteLength(l);
    n++;
    if (!out.write(l)) await once(out, 'drain');
  }
  out.end(asArray ? '\n]\n' : '');
  await once(out, 'finish');
  return n;
}

function vmHwmKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(REAL, 'mblogs.json'))) {
    console.error(`analyse-bench: ${REAL} is absent; it needs the real posts to repeat`);
    process.exitCode = 1;
    return;
  }
  const path = join(tmpdir(), `analyse-bench-${process.pid}.${asArray ? 'json' : 'ndjson'}`);
  const cleanup = () => rmSync(path, { force: true });
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const t0 = performance.now();
    const lines = await writeInput(path, megabytes * 1024 * 1024);
    const size = statSync(path).size;
    console.log(
      `input: ${path}, ${(size / 1024 / 1024).toFixed(0)} MB, ${lines} lines, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // One node process (no tsx wrapper), so its /proc entry is the command's own.
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/analyse.ts', ...(csv ? ['--csv'] : []), path], {
      cwd: ROOT,
      stdio: ['ignore', openSync('/dev/null', 'w'), 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    let peakKb = 0;
    const poll = setInterval(() => {
      peakKb = Math.max(peakKb, vmHwmKb(child.pid ?? 0));
    }, 100);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearInterval(poll);
    const seconds = (performance.now() - started) / 1000;
    const posts = Number(/; (\d+) posts,/.exec(stderr)?.[1] ?? 0);
    console.log(stderr.trim().split('\n').slice(-1)[0]);
    console.log(
      `exit ${code}; ${posts} posts in ${seconds.toFixed(1)} s (process): ${Math.round(posts / seconds)} posts/s, ` +
        `${(size / 1024 / 1024 / seconds).toFixed(1)} MB/s; peak RSS (VmHWM, polled) ${(peakKb / 1024).toFixed(0)} MB`,
    );
  } finally {
    cleanup();
  }
}

await main();
