import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decryptExport, ENCRYPTED_SUFFIX, generateResearcherKeys, importPrivateKey } from '../utils/research/crypto';
import { verifyExport } from '../utils/research/import';

/**
 * The researcher's tool (Node's WebCrypto, the same code as the dashboard's):
 *   npm run study -- keygen <dir>                      writes researcher-private.jwk.json and researcher-public.jwk.json
 *   npm run study -- decrypt <private key> <files or folders…> [--out <dir>]
 * decrypt opens every *.zcenc export given (folders are searched one level deep), writes the zip beside it (or into
 * --out), and checks it as the dashboard's import does (hashes, versions, every row). Exit code 1 if any failed.
 */

export interface DecryptOutcome {
  file: string;
  ok: boolean;
  /** The zip written, when decrypted. */
  zip?: string;
  participant?: string;
  rows?: number;
  problem?: string;
}

function listInputs(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) if (f.endsWith(ENCRYPTED_SUFFIX)) out.push(join(p, f));
    } else out.push(p);
  }
  return out;
}

export async function decryptFiles(
  keyPath: string,
  paths: readonly string[],
  outDir?: string,
): Promise<DecryptOutcome[]> {
  const key = await importPrivateKey(JSON.parse(readFileSync(keyPath, 'utf8')) as JsonWebKey);
  const results: DecryptOutcome[] = [];
  for (const file of listInputs(paths)) {
    const opened = await decryptExport(new Uint8Array(readFileSync(file)), key);
    if (!opened.ok) {
      results.push({ file, ok: false, problem: opened.problem });
      continue;
    }
    const dir = outDir ?? dirname(file);
    mkdirSync(dir, { recursive: true });
    // The name inside is the participant's; only its base name is used, so it cannot write elsewhere.
    const zip = join(dir, basename(opened.name));
    writeFileSync(zip, opened.zip);
    const checked = verifyExport(basename(zip), opened.zip);
    results.push(
      checked.ok
        ? { file, ok: true, zip, participant: checked.manifest.participant_id, rows: checked.rows.length }
        : { file, ok: false, zip, problem: checked.problem },
    );
  }
  return results;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'keygen') {
    const dir = resolve(rest[0] ?? '.');
    mkdirSync(dir, { recursive: true });
    const { publicKey, privateKey } = await generateResearcherKeys();
    writeFileSync(join(dir, 'researcher-private.jwk.json'), `${JSON.stringify(privateKey, null, 2)}\n`, {
      mode: 0o600,
    });
    writeFileSync(join(dir, 'researcher-public.jwk.json'), `${JSON.stringify(publicKey, null, 2)}\n`);
    console.log(
      `keys written to ${dir}; put researcher-public.jwk.json into the study config as encryption.public_key`,
    );
    return 0;
  }
  if (command === 'decrypt') {
    const outAt = rest.indexOf('--out');
    const outDir = outAt >= 0 ? rest[outAt + 1] : undefined;
    const args = outAt >= 0 ? rest.filter((_, i) => i !== outAt && i !== outAt + 1) : rest;
    const [keyPath, ...files] = args;
    if (!keyPath || files.length === 0) {
      console.error('usage: npm run study -- decrypt <private key .jwk.json> <files or folders…> [--out <dir>]');
      return 2;
    }
    const results = await decryptFiles(keyPath, files, outDir);
    for (const r of results) {
      console.log(
        r.ok
          ? `ok       ${r.file} → ${r.zip} (participant ${r.participant}, ${r.rows} rows)`
          : `FAILED   ${r.file}: ${r.problem}`,
      );
    }
    console.log(`${results.filter((r) => r.ok).length} of ${results.length} exports decrypted and verified`);
    return results.length > 0 && results.every((r) => r.ok) ? 0 : 1;
  }
  console.error('usage: npm run study -- keygen <dir> | decrypt <private key> <files or folders…> [--out <dir>]');
  return 2;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
