// The cas repository's encryption, in the age format (see docs/cas-encryption.md).
export { createRepoKey, openRepoKey, wrapRepoKey, type KeyProtection, type KeyUnlock } from './key-file.js';
export { repoKeyFromSecret, sealedSize, SEALED_PREFIX_BYTES, type RepoKey, type RepoSecret } from './repo-key.js';
export type { SealedReader } from './random-access.js';
export { DEFAULT_SCRYPT_LOG_N, MAX_SCRYPT_LOG_N } from './scrypt.js';
export { CHUNK_BYTES as AGE_CHUNK_BYTES } from './stream.js';

const AGE_MAGIC = Buffer.from('age-encryption.org/v1\n');

/** True if `data` starts like an age file (binary, not armored). */
export function isSealed(data: Uint8Array): boolean {
  return data.length >= AGE_MAGIC.length && AGE_MAGIC.equals(data.subarray(0, AGE_MAGIC.length));
}
