/**
 * Mozilla's add-on linter (`web-ext lint`) on the Firefox build, as AMO runs it on upload: fails on any error, prints
 * every warning. Warnings we accept are listed with the reason in the README ("Firefox"); one not listed there is
 * marked new so it gets a reason or a fix.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const build = path.join(root, '.output/firefox-mv3');

interface LintMessage {
  code: string;
  message: string;
  /** The linter's longer text; for a manifest warning it names the key. */
  description?: string | string[];
  file?: string;
  line?: number;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/** Codes of the warnings the README accepts, with the files they are accepted in (`*` for any file). */
export const ACCEPTED_WARNINGS: Record<string, RegExp> = {
  // data_collection_permissions: required of new add-ons, ignored by the Firefox versions before it.
  KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION: /^manifest\.json$/,
  KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION: /^manifest\.json$/,
  // React DOM's own innerHTML (its dangerouslySetInnerHTML and <script> handling; we use neither), and the content
  // script's import() of the extension's own card-renderer.js URL.
  UNSAFE_VAR_ASSIGNMENT: /^(card-renderer\.js|chunks\/.+\.js|content-scripts\/feed\.js)$/,
  // Zod's probe of whether `new Function` is allowed (CSP forbids it in extensions, so it falls back); the import
  // workers (catalogue, research) bundle Zod too.
  DANGEROUS_EVAL: /^(background\.js|chunks\/.+\.js|assets\/import-worker-[\w-]+\.js)$/,
};

function main(): number {
  if (!fs.existsSync(path.join(build, 'manifest.json'))) {
    console.error(`No Firefox build at ${build}: run \`npm run build:firefox\` (or \`npm run zip\`) first.`);
    return 1;
  }
  const bin = path.join(root, 'node_modules/.bin/web-ext');
  const run = spawnSync(bin, ['lint', '--source-dir', build, '--output', 'json', '--no-config-discovery'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let report: LintReport;
  try {
    report = JSON.parse(run.stdout) as LintReport;
  } catch {
    console.error('web-ext lint gave no report:', run.stderr || run.stdout);
    return 1;
  }
  const where = (m: LintMessage) => `${m.file ?? ''}${m.line ? `:${m.line}` : ''}`;
  // For the manifest the longer text names the key at fault; for code, the short message says enough.
  const say = (m: LintMessage) =>
    m.file === 'manifest.json' && m.description
      ? [m.description]
          .flat()
          .join(' ')
          .replace(/<[^>]+>/g, '')
      : m.message;
  for (const m of report.errors) console.error(`error    ${m.code} ${where(m)}: ${say(m)}`);
  for (const m of report.warnings) {
    const accepted = ACCEPTED_WARNINGS[m.code]?.test(m.file ?? '') ?? false;
    console.log(`warning  ${m.code} ${where(m)}: ${say(m)}${accepted ? '' : '  [new: not accepted in the README]'}`);
  }
  const { errors, warnings, notices } = report.summary;
  console.log(`web-ext lint (firefox-mv3): ${errors} errors, ${warnings} warnings, ${notices} notices`);
  return errors > 0 ? 1 : 0;
}

process.exitCode = main();
