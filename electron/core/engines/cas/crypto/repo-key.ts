import { createHmac, hkdfSync } from 'node:crypto';
import type { Transform } from 'node:stream';
import { z } from 'zod';
import { b64encode } from './base64.js';
import { openAge, sealAge, newFileKey } from './age-file.js';
import { corrupt } from './errors.js';
import { encodeHeader, type ParsedHeader } from './header.js';
import { sealedReader, type SealedReader } from './random-access.js';
import { createOpenStream, createSealStream } from './seal-stream.js';
import { PAYLOAD_NONCE_BYTES, sealedPayloadBytes } from './stream.js';
import { asBuffer } from './view.js';
import { formatRecipient, parseIdentity, unwrapX25519, wrapX25519, type X25519Identity } from './x25519.js';

/** What a key file holds. Plain data, so an unlocked key can be posted to a worker thread. */
export const repoSecretSchema = z.object({
  v: z.literal(1),
  identity: z.string().startsWith('AGE-SECRET-KEY-1'),
  chunkHmacKey: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RepoSecret = z.infer<typeof repoSecretSchema>;

export interface RepoKey {
  /** `age1…`: every object is encrypted to this. */
  readonly recipient: string;
  /** `AGE-SECRET-KEY-1…`: with it, `age -d -i` decrypts any object of the repository. */
  readonly identity: string;
  readonly hmacKey: Buffer;
  /**
   * One age file per call (fresh file key, one X25519 stanza). Synchronous. With `into` (at least
   * `sealedSize(plain.length)` bytes, reused across calls) the result is a view of it and no memory
   * is allocated; it is valid until `into` is reused.
   */
  seal(plain: Uint8Array, into?: Uint8Array): Buffer;
  /** Throws `corrupt` for damaged, truncated or foreign ciphertext. Synchronous. `into` as for `seal`. */
  unseal(sealed: Uint8Array, into?: Uint8Array): Buffer;
  /** HMAC-SHA-256 under the repository's chunk key, so chunk ids do not reveal content hashes. */
  chunkId(data: Uint8Array): Buffer;
  /** Streaming seal: write plaintext, read one age file. */
  sealStream(): Transform;
  /** Streaming unseal: emits each chunk once authenticated; a truncated file errors at the end. */
  unsealStream(): Transform;
  /** Random access into a sealed object: `head` is its first `SEALED_PREFIX_BYTES` bytes (or more). */
  reader(head: Uint8Array, sealedSize: number): SealedReader;
  /** A 32-byte key for another purpose (e.g. the chunker's gear seed), independent of every other label. */
  subkey(label: string): Buffer;
  secret(): RepoSecret;
}

const ONE_STANZA_HEADER_BYTES = encodeHeader([{ args: ['X25519', b64encode(Buffer.alloc(32))], body: Buffer.alloc(32) }], Buffer.alloc(16)).length;

/** Bytes before the payload in every object `seal` writes: header with one X25519 stanza, then the nonce. */
export const SEALED_PREFIX_BYTES = ONE_STANZA_HEADER_BYTES + PAYLOAD_NONCE_BYTES;

/** Exact size of `seal(plain)` for a plaintext of `plainBytes`. */
export function sealedSize(plainBytes: number): number {
  return SEALED_PREFIX_BYTES + sealedPayloadBytes(plainBytes);
}

export function repoKeyFromSecret(input: RepoSecret): RepoKey {
  const parsed = repoSecretSchema.safeParse(input);
  if (!parsed.success) throw corrupt('repository key secret is malformed');
  const secret = parsed.data;
  let id: X25519Identity;
  try {
    id = parseIdentity(secret.identity);
  } catch {
    throw corrupt('repository key secret holds a malformed identity');
  }
  const hmacKey = Buffer.from(secret.chunkHmacKey, 'hex');
  const unwrap = (h: ParsedHeader): Buffer => {
    const fileKey = unwrapX25519(h.stanzas, id);
    if (fileKey === null) throw corrupt('object is not encrypted to this repository key');
    return fileKey;
  };
  const recipient = formatRecipient(id.publicKey);
  return {
    recipient,
    identity: secret.identity,
    hmacKey,
    seal(plain, into) {
      const fileKey = newFileKey();
      return sealAge(plain, fileKey, [wrapX25519(fileKey, id.publicKey)], into && asBuffer(into));
    },
    unseal: (sealed, into) => openAge(asBuffer(sealed), unwrap, into && asBuffer(into)),
    chunkId: (data) => createHmac('sha256', hmacKey).update(data).digest(),
    sealStream() {
      const fileKey = newFileKey();
      return createSealStream(fileKey, [wrapX25519(fileKey, id.publicKey)]);
    },
    unsealStream: () => createOpenStream(unwrap),
    reader: (head, size) => sealedReader(asBuffer(head), size, unwrap),
    subkey: (label) => Buffer.from(hkdfSync('sha256', hmacKey, 'tidemark/cas/subkey', label, 32)),
    secret: () => ({ ...secret }),
  };
}
