import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';

/**
 * Export encrypted to the researcher (WebCrypto, so the same code runs in the dashboard and in Node): a random
 * AES-256-GCM key, wrapped with the researcher's RSA-OAEP (SHA-256) public key from the study config. The zip is
 * encrypted in chunks, each with its own nonce (a random prefix and the chunk's index) and the index and a last-chunk
 * flag as associated data, so a chunk cannot be reordered, dropped or the file cut short without the decryption
 * failing.
 *
 * File: one line of magic, one line of JSON header, then the chunks' ciphertexts back to back (each CHUNK bytes plus
 * the 16-byte tag, the last one shorter).
 */

export const ENCRYPTED_MAGIC = 'ZHONGCAO-ENCRYPTED-EXPORT';
export const ENCRYPTED_VERSION = 1;
export const ENCRYPTED_SUFFIX = '.zcenc';
/** Plaintext bytes per chunk. */
export const CHUNK = 4 * 1024 * 1024;
const TAG = 16;

/** The researcher's public key as a JWK (what `crypto.subtle.exportKey('jwk', …)` gives). */
export const ResearcherKeySchema = z
  .object({
    kty: z.literal('RSA'),
    // 2048-bit moduli and up: base64url of at least 256 bytes.
    n: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .min(342, 'an RSA key of at least 2048 bits'),
    e: z.string().regex(/^[A-Za-z0-9_-]+$/),
    alg: z.literal('RSA-OAEP-256').optional(),
  })
  .loose()
  .refine((k) => !('d' in k), 'a public key, not a private one (it has "d")')
  .describe('RSA-OAEP (SHA-256) public key of the researcher, as a JWK; exports are encrypted to it.');
export type ResearcherKey = z.infer<typeof ResearcherKeySchema>;

const HeaderSchema = z.strictObject({
  format: z.literal(ENCRYPTED_MAGIC),
  version: z.literal(ENCRYPTED_VERSION),
  alg: z.literal('RSA-OAEP-256+A256GCM'),
  /** SHA-256 of the public key's n, so the researcher knows which key opens it. */
  key_id: z.string().regex(/^[0-9a-f]{16}$/),
  wrapped_key: z.string().min(1),
  nonce_prefix: z.string().regex(/^[0-9a-f]{16}$/),
  chunk: z.number().int().min(1),
  /** Name of the zip inside. */
  name: z.string().min(1).max(200),
});
export type EncryptedHeader = z.infer<typeof HeaderSchema>;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const hexToBytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));

/** Short id of a researcher key (first 8 bytes of SHA-256 of its modulus), shown to the participant and in files. */
export function keyId(key: Pick<ResearcherKey, 'n'>): string {
  return bytesToHex(sha256(new TextEncoder().encode(key.n))).slice(0, 16);
}

function nonce(prefix: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const iv = new Uint8Array(12);
  iv.set(prefix, 0);
  new DataView(iv.buffer).setUint32(8, index);
  return iv;
}

function aad(index: number, last: boolean): Uint8Array<ArrayBuffer> {
  const a = new Uint8Array(5);
  new DataView(a.buffer).setUint32(0, index);
  a[4] = last ? 1 : 0;
  return a;
}

const importPublic = (jwk: ResearcherKey) =>
  crypto.subtle.importKey(
    'jwk',
    { ...jwk, alg: 'RSA-OAEP-256', ext: true } as JsonWebKey,
    { name: 'RSA-OAEP', hash: 'SHA-256' },
    false,
    ['wrapKey'],
  );

/** Encrypts `plain` (the whole zip, as chunks in any sizes) to the researcher's key; returns the file's parts. */
export async function encryptExport(
  plain: readonly Uint8Array[],
  researcherKey: ResearcherKey,
  name: string,
): Promise<Uint8Array<ArrayBuffer>[]> {
  const wrapping = await importPublic(researcherKey);
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  const wrapped = new Uint8Array(await crypto.subtle.wrapKey('raw', key, wrapping, { name: 'RSA-OAEP' }));
  const prefix = crypto.getRandomValues(new Uint8Array(8));
  const header: EncryptedHeader = {
    format: ENCRYPTED_MAGIC,
    version: ENCRYPTED_VERSION,
    alg: 'RSA-OAEP-256+A256GCM',
    key_id: keyId(researcherKey),
    wrapped_key: b64(wrapped),
    nonce_prefix: bytesToHex(prefix),
    chunk: CHUNK,
    name,
  };
  const out: Uint8Array<ArrayBuffer>[] = [new TextEncoder().encode(`${ENCRYPTED_MAGIC}\n${JSON.stringify(header)}\n`)];
  const total = plain.reduce((n, c) => n + c.length, 0);
  const chunks = Math.max(1, Math.ceil(total / CHUNK));
  // Regroup the zip's pieces into CHUNK-sized plaintexts without copying the whole zip at once.
  let part = 0;
  let at = 0;
  for (let i = 0; i < chunks; i++) {
    const size = Math.min(CHUNK, total - i * CHUNK);
    const buf = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const src = plain[part] as Uint8Array;
      const take = Math.min(size - filled, src.length - at);
      buf.set(src.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (at === src.length) {
        part++;
        at = 0;
      }
    }
    const cipher = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce(prefix, i), additionalData: aad(i, i === chunks - 1) },
      key,
      buf,
    );
    out.push(new Uint8Array(cipher));
  }
  return out;
}

export type DecryptResult = { ok: true; name: string; zip: Uint8Array; keyId: string } | { ok: false; problem: string };

/** Reads the header of an encrypted export, or says why it is not one. */
export function readHeader(file: Uint8Array): { header: EncryptedHeader; body: Uint8Array } | string {
  const magic = new TextEncoder().encode(`${ENCRYPTED_MAGIC}\n`);
  if (file.length < magic.length || magic.some((b, i) => file[i] !== b)) return 'not an encrypted Zhongcao export';
  const end = file.indexOf(0x0a, magic.length);
  if (end < 0) return 'header cut short';
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(file.subarray(magic.length, end)));
  } catch {
    return 'header is not JSON';
  }
  const parsed = HeaderSchema.safeParse(raw);
  if (!parsed.success) return `header: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  return { header: parsed.data, body: file.subarray(end + 1) };
}

/** Decrypts with the researcher's private key (a CryptoKey for RSA-OAEP SHA-256 with `unwrapKey`). */
export async function decryptExport(file: Uint8Array, privateKey: CryptoKey): Promise<DecryptResult> {
  const read = readHeader(file);
  if (typeof read === 'string') return { ok: false, problem: read };
  const { header, body } = read;
  let key: CryptoKey;
  try {
    key = await crypto.subtle.unwrapKey(
      'raw',
      unb64(header.wrapped_key),
      privateKey,
      { name: 'RSA-OAEP' },
      { name: 'AES-GCM', length: 256 },
      false,
      ['decrypt'],
    );
  } catch {
    return { ok: false, problem: `not encrypted to this key (the file is for key ${header.key_id})` };
  }
  const prefix = hexToBytes(header.nonce_prefix);
  const step = header.chunk + TAG;
  const chunks = Math.max(1, Math.ceil(body.length / step));
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; i < chunks; i++) {
    const piece = body.slice(i * step, Math.min(body.length, (i + 1) * step));
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: nonce(prefix, i), additionalData: aad(i, i === chunks - 1) },
        key,
        piece,
      );
      parts.push(new Uint8Array(plain));
      size += plain.byteLength;
    } catch {
      return { ok: false, problem: `chunk ${i + 1} of ${chunks} fails its check: the file was changed or cut short` };
    }
  }
  const zip = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    zip.set(p, at);
    at += p.length;
  }
  return { ok: true, name: header.name, zip, keyId: header.key_id };
}

/** A fresh researcher key pair (3072-bit RSA-OAEP, SHA-256) as JWKs: the public one goes into the study config. */
export async function generateResearcherKeys(): Promise<{ publicKey: JsonWebKey; privateKey: JsonWebKey }> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['wrapKey', 'unwrapKey'],
  );
  return {
    publicKey: await crypto.subtle.exportKey('jwk', pair.publicKey),
    privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey),
  };
}

export function importPrivateKey(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['unwrapKey']);
}
