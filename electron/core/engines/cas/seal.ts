import { createHash, createHmac } from 'node:crypto';

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
}

export const plainSealer: Sealer = {
  encrypted: false,
  seal: async (b) => b,
  unseal: async (b) => b,
  blobId: (d) => createHash('sha256').update(d).digest('hex'),
};

export function hmacBlobId(key: Uint8Array): (d: Uint8Array) => string {
  return (d) => createHmac('sha256', key).update(d).digest('hex');
}
