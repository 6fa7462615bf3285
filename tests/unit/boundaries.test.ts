import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Where code runs decides what it may import (conventions: "folders say where code runs"). This reads the source's
 * value imports (type-only imports vanish in the bundle) and follows them from each entry point, so a change that
 * pulls the database into the content script, or worker code into a page, fails here by name.
 */
const ROOT = resolve(__dirname, '../..');
const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = resolve(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return null;
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const p = base + ext;
    if (existsSync(p) && !p.endsWith('/')) {
      try {
        readFileSync(p);
        return p;
      } catch {
        // a directory: try the next form
      }
    }
  }
  return null;
}

/** Value imports of one file: package names and project files. */
function importsOf(file: string): { packages: string[]; files: string[] } {
  const src = readFileSync(file, 'utf8');
  const packages: string[] = [];
  const files: string[] = [];
  const add = (spec: string) => {
    const p = resolveImport(file, spec);
    if (p) files.push(p);
    else if (!spec.startsWith('.') && !spec.startsWith('@/')) packages.push(spec);
  };
  for (const m of src.matchAll(IMPORT)) {
    // `import type …`, and `import { type A, type B } from …` with nothing but types, vanish from the bundle.
    const list = /^\s*(?:import|export)\s+\{([^}]*)\}\s+from/.exec(m[0])?.[1];
    const onlyTypes = list?.split(',').every((n) => /^\s*(?:type\s|$)/.test(n)) ?? false;
    if (m[2] === undefined && !onlyTypes) add(m[3] as string);
  }
  for (const m of src.matchAll(DYNAMIC)) add(m[1] as string);
  return { packages, files };
}

/** Every project file and package an entry point reaches through value imports, with one path to each. */
function closure(entry: string): { files: Map<string, string[]>; packages: Map<string, string[]> } {
  const files = new Map<string, string[]>([[entry, [entry]]]);
  const packages = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift() as string;
    const path = files.get(file) as string[];
    const { packages: pkgs, files: deps } = importsOf(file);
    for (const p of pkgs) if (!packages.has(p)) packages.set(p, [...path, p]);
    for (const d of deps) {
      if (files.has(d)) continue;
      files.set(d, [...path, d]);
      queue.push(d);
    }
  }
  return { files, packages };
}

const rel = (p: string) => relative(ROOT, p);

/** Worker code: only `entrypoints/background.ts` may import it. */
const WORKER = 'utils/worker/';

/** Every source file of the product (tests may import anything). */
function productFiles(dir = ROOT, top = true): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (top && !['entrypoints', 'components', 'utils', 'scripts'].includes(entry.name)) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...productFiles(p, false));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(p);
  }
  return out;
}
const show = (path: string[]) => path.map((p) => (p.startsWith('/') ? rel(p) : p)).join(' → ');

function offending(entry: string, fileBad: (rel: string) => boolean, packageBad: (name: string) => boolean) {
  const { files, packages } = closure(resolve(ROOT, entry));
  const out: string[] = [];
  for (const [f, path] of files) if (fileBad(rel(f))) out.push(show(path));
  for (const [p, path] of packages) if (packageBad(p)) out.push(show(path));
  return out;
}

describe('import boundaries: what runs where', () => {
  it('the feed content script pulls in no Dexie, no Zod, no database and no worker code', () => {
    expect(
      offending(
        'entrypoints/feed.content/index.tsx',
        (f) => f.startsWith('utils/db/') || f.startsWith(WORKER) || f === 'entrypoints/background.ts',
        (p) => p === 'dexie' || p.startsWith('dexie-') || p === 'zod' || p.startsWith('zod/'),
      ),
    ).toEqual([]);
  });

  it('the page bridge (MAIN world) imports only its own small module', () => {
    const { files, packages } = closure(resolve(ROOT, 'entrypoints/page-bridge.content.ts'));
    expect([...packages.keys()].filter((p) => p !== 'wxt/utils/define-content-script')).toEqual([]);
    expect([...files.keys()].map(rel).sort()).toEqual(
      [
        'entrypoints/page-bridge.content.ts',
        'utils/feed/bridge.ts',
        'utils/feed/page-json.ts',
        'utils/page-labels.ts',
        'utils/sites/hosts.ts',
      ].sort(),
    );
  });

  it('the cards’ renderer, loaded into the content script, has no database or worker code either', () => {
    expect(
      offending(
        'entrypoints/card-renderer.ts',
        (f) => f.startsWith('utils/db/') || f.startsWith(WORKER),
        (p) => p === 'dexie' || p === 'zod',
      ),
    ).toEqual([]);
  });

  it('components never reach the database or the worker', () => {
    const out: string[] = [];
    for (const f of productFiles()) {
      if (!rel(f).startsWith('components/')) continue;
      out.push(
        ...offending(
          rel(f),
          (x) => x.startsWith('utils/db/') || x.startsWith(WORKER),
          (p) => p === 'dexie',
        ),
      );
    }
    expect(out).toEqual([]);
  });

  it('only the background entry point imports worker code', () => {
    const out: string[] = [];
    for (const file of productFiles()) {
      const r = rel(file);
      if (r === 'entrypoints/background.ts' || r.startsWith(WORKER)) continue;
      for (const dep of importsOf(file).files) if (rel(dep).startsWith(WORKER)) out.push(`${r} → ${rel(dep)}`);
    }
    expect(out).toEqual([]);
    // And so no extension page reaches worker code by any path.
    for (const entry of ['entrypoints/popup/main.tsx', 'entrypoints/dashboard/main.tsx']) {
      expect(
        offending(
          entry,
          (f) => f.startsWith(WORKER),
          () => false,
        ),
      ).toEqual([]);
    }
  });

  it('fails when a boundary is crossed (the checker itself)', () => {
    // utils/worker/analyse.ts is worker code and imports the database's neighbours: reading it as an entry point
    // must find worker code in its closure.
    expect(
      offending(
        `${WORKER}analyse.ts`,
        (f) => f.startsWith(WORKER),
        () => false,
      ).length,
    ).toBeGreaterThan(0);
  });
});
