import { scrypt } from 'node:crypto';
import { b64decode, b64encode } from './base64.js';
import { badInput, corrupt, forbidden } from './errors.js';
import type { Stanza } from './header.js';
import { randomBuffer, sodium, TAG_BYTES, ZERO_NONCE } from './sodium.js';

// age's passphrase recipient. Node's native scrypt runs on the libuv pool, so unlocking a repository
// does not freeze the event loop the way a pure-JS scrypt would (seconds at age's default N = 2^18).

const SALT_LABEL = 'age-encryption.org/v1/scrypt';
const FILE_KEY_BYTES = 16;
/** age's default; memory is 128 · 8 · 2^logN bytes = 256 MiB, held only while the key is derived. */
export const DEFAULT_SCRYPT_LOG_N = 18;
/** Refuse headers that would make us allocate more than 1 GiB (age itself caps at 22). */
export const MAX_SCRYPT_LOG_N = 20;

function deriveKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, Buffer.concat([Buffer.from(SALT_LABEL), salt]), 32, { N, r: 8, p: 1, maxmem: 128 * 8 * N + (8 << 20) }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function wrapScrypt(fileKey: Buffer, passphrase: string, logN = DEFAULT_SCRYPT_LOG_N): Promise<Stanza> {
  if (passphrase.length === 0) throw badInput('the passphrase must not be empty');
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_SCRYPT_LOG_N) throw badInput(`scrypt work factor must be 1…${MAX_SCRYPT_LOG_N}`);
  const salt = randomBuffer(16);
  const body = Buffer.alloc(FILE_KEY_BYTES + TAG_BYTES);
  sodium.crypto_aead_chacha20poly1305_ietf_encrypt(body, fileKey, null, null, ZERO_NONCE, await deriveKey(passphrase, salt, logN));
  return { args: ['scrypt', b64encode(salt), String(logN)], body };
}

/** The file key, or null if the header has no scrypt stanza; `forbidden` for a wrong passphrase. */
export async function unwrapScrypt(stanzas: Stanza[], passphrase: string): Promise<Buffer | null> {
  const s = stanzas.find((x) => x.args[0] === 'scrypt');
  if (!s) return null;
  // A passphrase file must have exactly one recipient, or a second stanza could swap the key unnoticed.
  if (stanzas.length !== 1) throw corrupt('age header mixes a scrypt stanza with other recipients');
  const salt = s.args.length === 3 ? b64decode(s.args[1]!) : null;
  const logText = s.args[2] ?? '';
  if (salt === null || salt.length !== 16 || !/^[1-9][0-9]?$/.test(logText) || s.body.length !== FILE_KEY_BYTES + TAG_BYTES) {
    throw corrupt('age header has a malformed scrypt stanza');
  }
  const logN = Number(logText);
  if (logN > MAX_SCRYPT_LOG_N) throw corrupt(`scrypt work factor 2^${logN} is above the supported maximum 2^${MAX_SCRYPT_LOG_N}`);
  const key = await deriveKey(passphrase, salt, logN);
  const fileKey = Buffer.alloc(FILE_KEY_BYTES);
  try {
    sodium.crypto_aead_chacha20poly1305_ietf_decrypt(fileKey, null, s.body, null, ZERO_NONCE, key);
  } catch {
    throw forbidden('wrong passphrase for this repository');
  }
  return fileKey;
}
