import { createRequire } from 'node:module';

// sodium-native ships no type declarations; this is the typed subset Tidemark uses, loaded through
// require so no ambient `declare module` leaks into the rest of the project.
export interface SodiumSubset {
  crypto_aead_chacha20poly1305_ietf_encrypt(c: Uint8Array, m: Uint8Array, ad: null, nsec: null, npub: Uint8Array, k: Uint8Array): number;
  crypto_aead_chacha20poly1305_ietf_decrypt(m: Uint8Array, nsec: null, c: Uint8Array, ad: null, npub: Uint8Array, k: Uint8Array): number;
  crypto_scalarmult_base(q: Uint8Array, n: Uint8Array): void;
  crypto_scalarmult(q: Uint8Array, n: Uint8Array, p: Uint8Array): void;
  randombytes_buf(buf: Uint8Array): void;
  sodium_memzero(buf: Uint8Array): void;
}

export const sodium = createRequire(import.meta.url)('sodium-native') as SodiumSubset;

export const TAG_BYTES = 16;
export const ZERO_NONCE = Buffer.alloc(12);

export function randomBuffer(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  sodium.randombytes_buf(b);
  return b;
}
