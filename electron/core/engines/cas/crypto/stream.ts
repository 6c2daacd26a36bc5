import { hkdfSync } from 'node:crypto';
import { corrupt } from './errors.js';
import { sodium, TAG_BYTES } from './sodium.js';

// age's payload: STREAM over ChaCha20-Poly1305 in 64 KiB chunks. The 12-byte nonce is an 11-byte
// big-endian chunk counter plus a flag byte that is 1 only on the last chunk, so truncating or
// reordering chunks fails authentication. Only an entirely empty payload has an empty (last) chunk;
// a payload that fills whole chunks ends with a full chunk carrying the last flag.

export const CHUNK_BYTES = 64 * 1024;
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;
export const PAYLOAD_NONCE_BYTES = 16;

export function payloadKey(fileKey: Buffer, nonce: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
}

export function chunkCount(plainBytes: number): number {
  return Math.max(1, Math.ceil(plainBytes / CHUNK_BYTES));
}

export function sealedPayloadBytes(plainBytes: number): number {
  return plainBytes + TAG_BYTES * chunkCount(plainBytes);
}

/** Plaintext size for a sealed payload size; throws `corrupt` for a size no age writer produces. */
export function openedPayloadBytes(sealedBytes: number): number {
  if (sealedBytes === TAG_BYTES) return 0;
  const full = Math.floor(sealedBytes / SEALED_CHUNK_BYTES);
  const rest = sealedBytes % SEALED_CHUNK_BYTES;
  if (sealedBytes < TAG_BYTES || (rest > 0 && rest <= TAG_BYTES)) throw corrupt('age payload is truncated or has an impossible size');
  return sealedBytes - TAG_BYTES * (full + (rest > 0 ? 1 : 0));
}

function nonceFor(nonce: Buffer, index: number, last: boolean): Buffer {
  // Counters stay below 2^48 (16 EiB of payload), so the top five counter bytes are always zero.
  nonce.writeUIntBE(index, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

export function sealChunk(key: Buffer, nonce: Buffer, index: number, last: boolean, plain: Uint8Array, out: Uint8Array): void {
  sodium.crypto_aead_chacha20poly1305_ietf_encrypt(out, plain, null, null, nonceFor(nonce, index, last), key);
}

export function openChunk(key: Buffer, nonce: Buffer, index: number, last: boolean, sealed: Uint8Array, out: Uint8Array): void {
  try {
    sodium.crypto_aead_chacha20poly1305_ietf_decrypt(out, null, sealed, null, nonceFor(nonce, index, last), key);
  } catch {
    throw corrupt(`age payload chunk ${index} failed authentication: the data is damaged or truncated`);
  }
}

/** Encrypts `plain` into `out`, which must be exactly `sealedPayloadBytes(plain.length)` long. */
export function sealPayload(key: Buffer, plain: Uint8Array, out: Uint8Array): void {
  const n = chunkCount(plain.length);
  const nonce = Buffer.alloc(12);
  for (let i = 0; i < n; i++) {
    const from = i * CHUNK_BYTES;
    const to = Math.min(from + CHUNK_BYTES, plain.length);
    const at = i * SEALED_CHUNK_BYTES;
    sealChunk(key, nonce, i, i === n - 1, plain.subarray(from, to), out.subarray(at, at + (to - from) + TAG_BYTES));
  }
}

export function openPayload(key: Buffer, sealed: Uint8Array, into?: Buffer): Buffer {
  const out = outputBuffer(openedPayloadBytes(sealed.length), into);
  const n = chunkCount(out.length);
  const nonce = Buffer.alloc(12);
  for (let i = 0; i < n; i++) {
    const from = i * SEALED_CHUNK_BYTES;
    const to = Math.min(from + SEALED_CHUNK_BYTES, sealed.length);
    const at = i * CHUNK_BYTES;
    openChunk(key, nonce, i, i === n - 1, sealed.subarray(from, to), out.subarray(at, at + (to - from) - TAG_BYTES));
  }
  return out;
}

/** A view of `into` when the caller lends a reusable buffer (fresh 16 MiB buffers cost page faults), else a new one. */
export function outputBuffer(size: number, into?: Buffer): Buffer {
  if (!into) return Buffer.allocUnsafe(size);
  if (into.length < size) throw new RangeError(`output buffer of ${into.length} bytes is smaller than the ${size} needed`);
  return into.subarray(0, size);
}
