/**
 * Writes a mock catalogue file, e.g. a large one for benchmarks:
 *   npm run catalogue -- --count 50000 --out .output/catalogue-50000.json [--seed 7] [--check]
 * The extension itself gets its catalogue from the build hook in wxt.config.ts; this is for tests and benches.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_COUNT, DEFAULT_SEED, generateCatalogue } from '../utils/catalogue/generate';
import { parseCatalogue } from '../utils/catalogue/load';

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  const count = positiveInt('count', values.count, DEFAULT_COUNT);
  const seed = positiveInt('seed', values.seed, DEFAULT_SEED);
  const out = resolve(values.out ?? `.output/catalogue-${count}.json`);

  const started = performance.now();
  const items = generateCatalogue({ seed, count });
  const generatedMs = performance.now() - started;

  if (values.check) {
    const { errors } = parseCatalogue(items);
    if (errors.length > 0) {
      console.error(`${errors.length} invalid items, first: ${JSON.stringify(errors[0])}`);
      process.exitCode = 1;
      return;
    }
  }

  const json = JSON.stringify(items);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, json);
  console.log(
    `${items.length} items (seed ${seed}) in ${generatedMs.toFixed(0)} ms → ${out} (${(json.length / 1e6).toFixed(1)} M chars)`,
  );
}

main();
