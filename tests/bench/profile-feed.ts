/**
 * Where the content script's time goes (a tool, not a test): loads an extension build (default: an unminified one,
 * `npx wxt build -c tests/bench/profile.config.ts` writes it to .output/profile/chrome-mv3), scrolls the demo feed through
 * PROFILE_POSTS posts at BENCH_SPEED px/s with the V8 CPU profiler on, and prints the extension's self time by
 * function, with per-post figures. Run: `npx tsx tests/bench/profile-feed.ts`.
 */
import path from 'node:path';
import { launchBrowser } from '../../scripts/browser';

const BUILD = path.resolve(process.env.PROFILE_BUILD ?? '.output/profile/chrome-mv3');
const POSTS = Number(process.env.PROFILE_POSTS ?? 400);
const SPEED = Number(process.env.BENCH_SPEED ?? 3000);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const context = await launchBrowser({ extension: true, extensionPath: BUILD });
try {
  if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('https://weibo.com/');
  await page.waitForFunction('document.documentElement.dataset.zcReady === "1"');
  await page.locator('zhongcao-cards').first().waitFor({ state: 'attached', timeout: 30_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  const seen = (await page.evaluate(`(async () => {
    const seen = new Set();
    const idOf = (a) => /\\/\\d+\\/([A-Za-z0-9]+)/.exec(a.getAttribute('href') || '')?.[1];
    let last = performance.now();
    return await new Promise((resolve) => {
      const step = (now) => {
        for (const a of document.querySelectorAll('article a[class*="_time_"]')) { const id = idOf(a); if (id) seen.add(id); }
        if (seen.size >= ${POSTS}) return resolve(seen.size);
        window.scrollBy(0, (${SPEED} * Math.min(now - last, 100)) / 1000);
        last = now;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  })()`)) as number;
  const wall = Date.now() - t0;
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isExt = (n: Node | undefined): n is Node => n?.callFrame.url.startsWith('chrome-extension://') ?? false;
  const fileOf = (n: Node) => n.callFrame.url.replace(/^chrome-extension:\/\/[^/]+\//, '');
  const frameOf = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${fileOf(n)}:${n.callFrame.lineNumber + 1}`;
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  // Inclusive time: every extension function on a sample's stack is credited once, so entry points (the observer's
  // pass, the renderer's commit, the exposure scan) show what they cost with everything they call.
  const inclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
  let ext = 0;
  for (const [id, ms] of self) {
    // Extension time: samples whose own frame is in an extension script, plus native/GC frames called from one.
    const stack: Node[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (isExt(n)) stack.push(n);
    }
    const owner = stack[0];
    if (!owner) continue;
    ext += ms;
    const n = byId.get(id) as Node;
    add(
      byFn,
      `${frameOf(owner)}${n === owner ? '' : ` → ${n.callFrame.functionName || n.callFrame.url || '(native)'}`}`,
      ms,
    );
    add(byFile, fileOf(owner), ms);
    for (const k of new Set(stack.map(frameOf))) add(inclusive, k, ms);
  }
  console.log(
    `${seen} posts in ${(wall / 1000).toFixed(1)} s; extension JS ${ext.toFixed(0)} ms = ${(ext / seen).toFixed(3)} ms per post`,
  );
  for (const [f, ms] of [...byFile].sort((a, b) => b[1] - a[1])) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${f}`);
  const printTop = (title: string, m: Map<string, number>) => {
    console.log(title);
    for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 40)))
      console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${(ms / seen).toFixed(4)} ms/post  ${k}`);
  };
  printTop('top functions (self, with the native callee where the sample was outside extension code):', byFn);
  printTop('top functions (inclusive: with everything they call):', inclusive);
} finally {
  await context.close();
}
