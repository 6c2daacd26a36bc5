import { createHash, createHmac, webcrypto } from 'node:crypto';

/**
 * The one seam every stored object (pack, index, manifest) passes through. Identity when the
 * repository is not encrypted; age encryption otherwise (cas/crypto). Chunk ids come from here too:
 * SHA-256 in the clear, HMAC-SHA256 under the repository key when encrypted (so ids leak nothing).
 */
export interface Sealer {
  readonly encrypted: boolean;
  seal(plain: Buffer): Promise<Buffer>;
  unseal(sealed: Buffer): Promise<Buffer>;
  /** hex chunk/blob id */
  blobId(data: Uint8Array): string;
  /** the HMAC key behind blobId when encrypted (helper threads compute ids too) */
  readonly hmacKeyHex?: string;
  /** blobId computed on the libuv thread pool (WebCrypto): restore verifies chunks off the job thread */
  blobIdAsync(data: Uint8Array): Promise<string>;
}

const hex = (b: ArrayBuffer) => Buffer.from(b).toString('hex');

export function asyncBlobId(hmacKey?: Uint8Array): (d: Uint8Array) => Promise<string> {
  if (!hmacKey) return async (d) => hex(await webcrypto.subtle.digest('SHA-256', d));
  const key = webcrypto.subtle.importKey('raw', hmacKey, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (d) => hex(await webcrypto.subtle.sign('HMAC', await key, d));
}

export const plainSealer: Sealer = {
  encrypted: false,
  seal: async (b) => b,
  unseal: async (b) => b,
  blobId: (d) => createHash('sha256').update(d).digest('hex'),
  blobIdAsync: asyncBlobId(),
};

export function hmacBlobId(key: Uint8Array): (d: Uint8Array) => string {
  return (d) => createHmac('sha256', key).update(d).digest('hex');
}
