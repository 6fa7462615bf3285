/**
 * `npx tsx tests/bench/db-bench-chromium.ts`: the same benchmark as db-bench.ts on Chromium's real IndexedDB
 * (headless /usr/bin/chromium, or CHROMIUM_PATH). The core is bundled with esbuild and run in a page served as an
 * https origin by Playwright routing; nothing touches the network. The profile is a temporary directory on disk:
 * a plain `browser.newPage()` context is incognito, whose IndexedDB lives in memory. Dexie alone, no messaging: the
 * write path the extension really takes is timed by write-bench.ts. Env: BENCH_EVENTS (100000), BENCH_BATCH (50).
 */
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const N = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const DURABILITY = (process.env.BENCH_DURABILITY ?? 'default') as 'default' | 'strict' | 'relaxed';

const bundle = await build({
  stdin: {
    contents:
      "import { runDbBench } from './tests/bench/db-bench-core.ts'; (globalThis as any).runDbBench = runDbBench;",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'iife',
  alias: { '@': root },
  logLevel: 'error',
});
const script = bundle.outputFiles[0]!.text;

const context = await chromium.launchPersistentContext('', {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.route('https://bench.zhongcao.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><meta charset="utf-8"><script>${script}</script>`,
    }),
  );
  await page.goto('https://bench.zhongcao.test/');
  const version = context.browser()?.version() ?? '';
  const lines = await page.evaluate(
    ([n, b, engine, d]) =>
      (
        globalThis as unknown as { runDbBench: (n: number, b: number, e: string, d: string) => Promise<string[]> }
      ).runDbBench(n, b, engine, d),
    [N, BATCH, `Chromium ${version} IndexedDB (headless, on-disk profile)`, DURABILITY] as [
      number,
      number,
      string,
      string,
    ],
  );
  for (const line of lines) console.log(line);
} finally {
  await context.close();
}
