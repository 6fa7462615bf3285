import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The event log is one module (utils/db/event-log.ts), and it is the only way to reach the `events` table: its reads
 * drain the staged batches first, which a reader elsewhere would have to remember. This scans the product's source
 * (entrypoints/, components/, utils/, scripts/; tests may look at the table to check what was stored) with comments
 * stripped, and names every file that reaches the table another way:
 * - a property `events` on something called `db` (`db.events`, `deps.db.events`, `this.db?.events`, `db['events']`);
 * - Dexie's `table('events')`, and a transaction scope naming `'events'` as a string;
 * - `events` destructured out of something called `db` (`const { events } = db`).
 * Other names for the database (say `const d = db; d.events`) are not followed: that would take the type checker.
 */
const ROOT = resolve(__dirname, '../..');
const OWNER = 'utils/db/event-log.ts';
const SCANNED = ['entrypoints', 'components', 'utils', 'scripts'];

const PATTERNS: { what: string; re: RegExp }[] = [
  { what: 'db.events', re: /\bdb\s*\??\.\s*events\b/ },
  { what: "db['events']", re: /\bdb\s*(?:\?\.)?\[\s*['"`]events['"`]\s*\]/ },
  { what: "table('events')", re: /\.table\s*\(\s*['"`]events['"`]\s*\)/ },
  { what: "transaction(…'events'…)", re: /\.transaction\s*\([^)]*['"`]events['"`]/ },
  { what: '{ events } = db', re: /\{[^{}]*\bevents\b[^{}]*\}\s*=\s*(?:[\w$.]*\.)?db\b/ },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(p);
  }
  return out;
}

/** Comments out, strings kept (a table name is a string); good enough for our own source. */
function withoutComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** `file: what` for every way into `events` the file takes, outside the owner. */
function eventTableTouches(files: readonly { path: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    if (path === OWNER) continue;
    const code = withoutComments(text);
    for (const { what, re } of PATTERNS) if (re.test(code)) found.push(`${path}: ${what}`);
  }
  return found;
}

describe('the event log is the only way to the events table', () => {
  it('no product file outside utils/db/event-log.ts reaches the events table', () => {
    const files = SCANNED.flatMap((d) => sourceFiles(resolve(ROOT, d))).map((p) => ({
      path: relative(ROOT, p),
      text: readFileSync(p, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.path === OWNER)).toBe(true);
    expect(eventTableTouches(files), 'read the log through utils/db/event-log.ts, which drains staged rows').toEqual(
      [],
    );
  });

  it('sees each way in, and not the words in a comment or another table', () => {
    const touches = eventTableTouches([
      { path: 'a.ts', text: 'const n = await db.events.count();' },
      { path: 'b.ts', text: 'await deps.db.events.where("ts").below(1).delete();' },
      { path: 'c.ts', text: "const t = db.table('events');" },
      { path: 'd.ts', text: "await db.transaction('rw', ['events', 'meta'], go);" },
      { path: 'e.ts', text: 'const { events, meta } = this.db;' },
      { path: 'f.ts', text: "const rows = await db['events'].toArray();" },
      {
        path: 'g.ts',
        text: '// db.events is read in event-log.ts\nconst x = parsed.data.events;\ndb.staged.add(row);',
      },
      { path: OWNER, text: 'await db.events.toArray();' },
    ]);
    expect(touches).toEqual([
      'a.ts: db.events',
      'b.ts: db.events',
      "c.ts: table('events')",
      "d.ts: transaction(…'events'…)",
      'e.ts: { events } = db',
      "f.ts: db['events']",
    ]);
  });
});
