/**
 * `npm run analyse -- <files…>`: Weibo posts saved on disk → one row per post (NDJSON, or CSV) with the extension's
 * own reading, guide decision and catalogue matches. `main` is the whole command; scripts/analyse.ts only wires it
 * to the process.
 */
import { once } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { toCardItem } from '../../utils/catalogue/entry';
import { generateCatalogue } from '../../utils/catalogue/generate';
import { parseCatalogueFile } from '../../utils/catalogue/import/index';
import { analysePost, DEFAULT_THRESHOLD } from '../../utils/detect/analyse';
import { buildCatalogueIndex, type CatalogueIndex } from '../../utils/match/index';
import { collectReferences } from '../../utils/match/references';
import { bidToMid } from '../../utils/sites/weibo-id';
import { readJsonValues } from './inputs';
import { idsOf, quotedOf, readPost, withLongText } from './read-post';
import { csvHeader, csvLine, type Row, toRow } from './row';
import { SeenSet } from './seen-set';
import { findPosts, type Obj } from './shapes';

export const USAGE = `Usage: npm run analyse -- [options] <file…>

Reads Weibo posts saved as JSON and writes one line per post to stdout: post_id, mid, author, text, links, is_guide,
score, reasons, references, item_ids, promoted, truncated, repost.

Inputs (any mix, one file or many):
  m.weibo.cn api/container/getIndex and statuses/show answers; weibo.com ajax/feed/* and ajax/statuses/* answers;
  arrays of posts, or of records holding one under "mblog"; NDJSON of any of these (one value a line).
  Long-text answers (m.weibo.cn statuses/extend, weibo.com ajax/statuses/longtext) name no post: save them under
  a name ending in the post's mid or bid (weibo_detail_4645748019299849, longtext_Kjc77D1jz.json); they are read
  first and give that post its whole text wherever it appears.
  A post is written once, the first time it appears (by mid); a quoted post is named in its repost's row and gets
  a row of its own only where it appears by itself.

Options:
  --csv                 write CSV (UTF-8 with BOM) instead of NDJSON
  --catalogue <file>    match against this catalogue instead of the generated one: items.json, a 淘宝联盟
                        选品库 export (.xlsx, .csv) or a Taobao Union API answer (JSON), as the dashboard imports
  --threshold <score>   guide threshold (default ${DEFAULT_THRESHOLD})
  --no-dedupe           write a post each time it appears (by default a post id is written once)
  -h, --help            show this help

Exit code: 0 when at least one file was read, 1 when none could be, 2 on a usage or catalogue error.
A summary goes to stderr: files read, posts, guides, skipped, time, posts/s, peak RSS.`;

export interface Io {
  stdout: Writable;
  stderr: Writable;
}

export interface AnalyseOptions {
  csv: boolean;
  threshold: number;
  dedupe: boolean;
  index: CatalogueIndex;
}

export interface Summary {
  filesRead: number;
  filesFailed: number;
  posts: number;
  guides: number;
  skipped: number;
  duplicates: number;
  /** Long-text answers read from files, and how many of them gave a post its whole text. */
  longTexts: number;
  longTextsUsed: number;
  seconds: number;
}

/**
 * A long-text answer's post is named at the end of its file name: its mid (`weibo_detail_4645748019299849`), or its
 * mblogid/bid after a separator (`longtext_Kjc77D1jz.json`), which is the mid in base62.
 */
export function midFromFileName(path: string): string | null {
  const name = basename(path).replace(/\.json$/i, '');
  const mid = /(?:^|\D)(\d{10,20})$/.exec(name)?.[1];
  if (mid) return mid;
  const bid = /[_.-]([0-9A-Za-z]{8,10})$/.exec(name)?.[1];
  return bid && /\d/.test(bid) && /[A-Za-z]/.test(bid) ? bidToMid(bid) : null;
}

// A long-text answer is a few kilobytes; larger files are not looked at in the first pass.
const LONG_TEXT_FILE_LIMIT = 1024 * 1024;
const FLUSH_AT = 64 * 1024;
const MAX_SKIP_NOTES = 5;

class Output {
  private buf = '';
  closed = false;

  constructor(private readonly out: Writable) {
    out.on('error', () => {
      // The reader went away (`| head`): stop writing, finish quietly.
      this.closed = true;
    });
  }

  async write(s: string): Promise<void> {
    if (this.closed) return;
    this.buf += s;
    if (this.buf.length >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buf || this.closed) return;
    const chunk = this.buf;
    this.buf = '';
    try {
      if (!this.out.write(chunk) && !this.closed) {
        await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
      }
    } catch {
      this.closed = true;
    }
  }
}

function note(io: Io, line: string): void {
  io.stderr.write(`analyse: ${line}\n`);
}

export async function analyseFiles(files: readonly string[], opts: AnalyseOptions, io: Io): Promise<Summary> {
  const started = performance.now();
  const s: Summary = {
    filesRead: 0,
    filesFailed: 0,
    posts: 0,
    guides: 0,
    skipped: 0,
    duplicates: 0,
    longTexts: 0,
    longTextsUsed: 0,
    seconds: 0,
  };
  const out = new Output(io.stdout);
  const seen = opts.dedupe ? new SeenSet() : null;
  const longTexts = new Map<string, { content: string; urlStruct?: unknown }>();
  let skipNotes = 0;
  const skip = (file: string, why: string) => {
    s.skipped++;
    if (skipNotes++ < MAX_SKIP_NOTES) note(io, `${file}: skipped ${why}`);
  };

  // First pass: long-text answers, so a post gets its whole text wherever in the inputs it appears.
  const done = new Set<string>();
  for (const file of files) {
    const mid = midFromFileName(file);
    if (!mid || done.has(file)) continue;
    const size = await stat(file).then(
      (st) => (st.isFile() ? st.size : -1),
      () => -1,
    );
    if (size < 0 || size > LONG_TEXT_FILE_LIMIT) continue;
    const found: { content: string; urlStruct?: unknown }[] = [];
    let posts = 0;
    const r = await readJsonValues(file, (v) =>
      findPosts(v, (f) => {
        if (f.kind === 'long-text') found.push({ content: f.content, urlStruct: f.urlStruct });
        else posts++;
      }),
    );
    const first = found[0];
    if (r.ok && posts === 0 && first) {
      longTexts.set(mid, first);
      done.add(file);
      s.filesRead++;
    }
  }

  if (opts.csv) await out.write(csvHeader());
  for (const file of files) {
    if (done.has(file) || out.closed) continue;
    done.add(file);
    let posts = 0;
    let stray = 0;
    const onPost = async (json: Obj) => {
      posts++;
      let row: Row;
      try {
        const { postId, mid } = idsOf(json);
        let post = readPost(json);
        if (!post) return skip(file, `${postId || mid || 'a post'}: not a post the reader understands`);
        const key = mid || postId || post.id;
        if (seen?.seen(key)) {
          s.duplicates++;
          return;
        }
        const long = post.truncated ? longTexts.get(mid) : undefined;
        if (long) {
          post = withLongText(post, long.content, long.urlStruct);
          s.longTextsUsed++;
        }
        const { detection, matches } = analysePost(post, opts.index, { threshold: opts.threshold });
        const quoted = quotedOf(json);
        const q = quoted ? idsOf(quoted) : null;
        row = toRow({
          post,
          postId: postId || post.id,
          mid,
          truncated: post.truncated === true,
          detection,
          matches,
          references: collectReferences(post),
          repost: q
            ? { post_id: q.postId || q.mid || post.repost?.id || '', author: post.repost?.author ?? null }
            : null,
        });
      } catch (e) {
        return skip(file, `a post: ${(e as Error)?.message ?? String(e)}`);
      }
      s.posts++;
      if (row.is_guide) s.guides++;
      await out.write(opts.csv ? csvLine(row) : `${JSON.stringify(row)}\n`);
    };
    const pending: Obj[] = [];
    const r = await readJsonValues(file, async (value) => {
      findPosts(value, (f) => {
        if (f.kind === 'post') pending.push(f.json);
        else stray++;
      });
      // One value at a time: a whole getIndex answer holds a few dozen posts, an NDJSON line one.
      for (const json of pending.splice(0)) await onPost(json);
      if (out.closed) return false;
    });
    if (!r.ok) {
      s.filesFailed++;
      note(io, `${file}: ${r.reason}`);
      continue;
    }
    if (r.bad > 0) {
      s.skipped += r.bad;
      const where = r.firstBadLine ? ` (first at line ${r.firstBadLine})` : '';
      note(io, `${file}: ${r.bad} ${r.mode === 'ndjson' ? 'lines' : 'entries'} not JSON${where}, skipped`);
    }
    if (r.ok && r.warning) note(io, `${file}: ${r.warning}`);
    if (stray > 0) {
      note(io, `${file}: a long-text answer whose file name does not end in its post's mid, not applied`);
    }
    if (posts === 0) {
      s.filesFailed++;
      if (stray === 0) note(io, `${file}: no posts found`);
      continue;
    }
    s.filesRead++;
  }
  s.longTexts = longTexts.size;
  await out.flush();
  s.seconds = (performance.now() - started) / 1000;
  return s;
}

export function summaryLine(s: Summary): string {
  const rate = s.seconds > 0 ? Math.round(s.posts / s.seconds) : s.posts;
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return (
    `${s.filesRead} files read, ${s.filesFailed} not; ${s.posts} posts, ${s.guides} guides, ` +
    `${s.skipped} skipped, ${s.duplicates} repeats dropped, ${s.longTextsUsed} of ${s.longTexts} long texts used; ` +
    `${s.seconds.toFixed(2)} s, ${rate} posts/s, peak RSS ${rssMb} MB`
  );
}

// The generated catalogue is the same on every call: built once per process.
let defaultIndex: CatalogueIndex | undefined;

/**
 * The catalogue to match against: the generated mock, or a file in any format the dashboard's 商品库 imports
 * (our items.json, 淘宝联盟 选品库 .xlsx / .csv, Taobao Union API JSON), read by the same parser.
 */
async function loadIndex(path: string | undefined, io: Io): Promise<{ index: CatalogueIndex } | { error: string }> {
  if (path === undefined) {
    defaultIndex ??= buildCatalogueIndex(generateCatalogue());
    return { index: defaultIndex };
  }
  let parsed: ReturnType<typeof parseCatalogueFile>;
  try {
    parsed = parseCatalogueFile(new Uint8Array(await readFile(path)));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: `catalogue ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}` };
  }
  const items = parsed.entries.map(toCardItem);
  const refused = parsed.issues.filter((i) => i.action === 'refused');
  if (items.length === 0) {
    const first = refused[0];
    return { error: `catalogue ${path}: no usable items${first ? ` (row ${first.row}: ${first.reason})` : ''}` };
  }
  note(io, `catalogue ${path}: ${items.length} items (${parsed.format}), ${refused.length} rows refused`);
  return { index: buildCatalogueIndex(items) };
}

const OPTIONS = {
  csv: { type: 'boolean' },
  catalogue: { type: 'string' },
  threshold: { type: 'string' },
  'no-dedupe': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
}

/** The command: returns its exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (e) {
    note(io, `${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    note(io, `no input files\n\n${USAGE}`);
    return 2;
  }
  const threshold = values.threshold === undefined ? DEFAULT_THRESHOLD : Number(values.threshold);
  if (!Number.isFinite(threshold)) {
    note(io, `--threshold must be a number, got ${values.threshold}`);
    return 2;
  }
  const loaded = await loadIndex(values.catalogue, io);
  if ('error' in loaded) {
    note(io, loaded.error);
    return 2;
  }
  const summary = await analyseFiles(
    positionals,
    { csv: values.csv === true, threshold, dedupe: values['no-dedupe'] !== true, index: loaded.index },
    io,
  );
  note(io, summaryLine(summary));
  return summary.filesRead > 0 ? 0 : 1;
}
