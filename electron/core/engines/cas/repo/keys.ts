import { createHash } from 'node:crypto';
import { CodedError } from '../../../../../shared/result.js';
import { createRepoKey, openRepoKey, SEALED_PREFIX_BYTES, wrapRepoKey, type KeyUnlock, type RepoKey } from '../crypto/index.js';
import { asyncBlobId, plainSealer, type Sealer } from '../seal.js';
import type { Storage } from '../storage/types.js';
import type { RepoConfig } from './config.js';

export interface Opened {
  sealer: Sealer;
  chunkerSeed: string;
}

/** Reads one blob's stored bytes out of a sealed pack, decrypting only the age chunks that hold it. */
export interface SealedRangeReader {
  readRange(storage: Storage, name: string, offset: number, length: number): Promise<Buffer>;
}

export type KeyedSealer = Sealer & SealedRangeReader;

function keyedSealer(key: RepoKey): KeyedSealer {
  const readers = new Map<string, ReturnType<RepoKey['reader']>>();
  return {
    encrypted: true,
    seal: async (b) => Buffer.from(key.seal(b)),
    unseal: async (b) => key.unseal(b),
    blobId: (d) => key.chunkId(d).toString('hex'),
    hmacKeyHex: key.hmacKey.toString('hex'),
    blobIdAsync: asyncBlobId(key.hmacKey),
    async readRange(storage, name, offset, length) {
      let r = readers.get(name);
      if (!r) {
        const size = await storage.size(name);
        r = key.reader(await storage.getRange(name, 0, Math.min(size, SEALED_PREFIX_BYTES)), size);
        readers.set(name, r);
        if (readers.size > 256) readers.delete(readers.keys().next().value!);
      }
      const at = r.locate(offset, length);
      return r.read(await storage.getRange(name, at.offset, at.length), offset, length);
    },
  };
}

const opened = (key: RepoKey): Opened => ({ sealer: keyedSealer(key), chunkerSeed: key.subkey('chunker-gear-seed').toString('hex') });

const keyFileName = (keyFile: Buffer) => `keys/${createHash('sha256').update(keyFile).digest('hex').slice(0, 32)}`;
const putKeyFile = (storage: Storage, keyFile: Buffer) => storage.put(keyFileName(keyFile), keyFile);

/**
 * One key file per way in: the passphrase, and the age recipients (all in one file). Either alone is
 * enough; with recipients only, the repository is opened with a matching age identity.
 */
export async function createSealer(storage: Storage, config: RepoConfig, passphrase?: string, recipients: string[] = []): Promise<Opened> {
  if (config.encryption === 'none') return { sealer: plainSealer, chunkerSeed: config.chunker.seed };
  if (!passphrase && recipients.length === 0) throw new CodedError('bad-input', 'an encrypted repository needs a passphrase (TIDEMARK_PASSWORD) or age recipients');
  const { keyFile, key } = await createRepoKey(passphrase ? { passphrase } : { recipients });
  const recipientFile = passphrase && recipients.length > 0 ? await wrapRepoKey(key, { recipients }) : null;
  await putKeyFile(storage, keyFile);
  if (recipientFile) await putKeyFile(storage, recipientFile);
  return opened(key);
}

/** The secret that opens a key file: an age identity (AGE-SECRET-KEY-1…) or a passphrase. */
const isAgeIdentity = (secret: string) => /^AGE-SECRET-KEY-1/i.test(secret.trim());
const unlockWith = (secret: string): KeyUnlock => (isAgeIdentity(secret) ? { identities: [secret.trim()] } : { passphrase: secret });

/** The key file `secret` opens, and its key: every one is tried; a wrong secret is `forbidden`. Reads only. */
async function findKey(storage: Storage, secret: string): Promise<{ name: string; key: RepoKey }> {
  const keys = await storage.list('keys');
  if (keys.length === 0) throw new CodedError('corrupt', `repository ${storage.location} is encrypted but has no key files`);
  let last: unknown;
  for (const name of keys) {
    try {
      return { name, key: await openRepoKey(await storage.get(name), unlockWith(secret)) };
    } catch (e) {
      last = e;
    }
  }
  if (last instanceof CodedError && last.code === 'forbidden') throw new CodedError('forbidden', `wrong ${isAgeIdentity(secret) ? 'age identity' : 'passphrase'} for repository ${storage.location}`);
  throw last;
}

/** Tries every key file; a wrong passphrase is `forbidden` and nothing is written. */
export async function openSealer(storage: Storage, config: RepoConfig, passphrase?: string): Promise<Opened> {
  if (config.encryption === 'none') return { sealer: plainSealer, chunkerSeed: config.chunker.seed };
  if (!passphrase) throw new CodedError('forbidden', `repository ${storage.location} is encrypted: a passphrase is needed (TIDEMARK_PASSWORD)`);
  return opened((await findKey(storage, passphrase)).key);
}

/** Why a passphrase cannot serve (an age identity is taken for one when it opens a repository). */
function passphraseProblem(p: string): string | null {
  if (p.length === 0) return 'the new passphrase must not be empty';
  if (isAgeIdentity(p)) return 'the new passphrase looks like an age identity, and would be taken for one';
  return null;
}

/**
 * A new passphrase for an encrypted repository (restic's `key passwd`): the key file the current
 * passphrase opens is replaced by one for the new passphrase, written and read back before the old
 * one is deleted, so at every moment one of the two opens the repository. Key files for age
 * recipients stay as they are; nothing but `keys/` is touched.
 */
export async function changePassphrase(storage: Storage, config: RepoConfig, current: string, next: string): Promise<void> {
  if (config.encryption === 'none') throw new CodedError('bad-input', `repository ${storage.location} is not encrypted: it has no passphrase`);
  if (isAgeIdentity(current)) throw new CodedError('bad-input', 'give the current passphrase, not an age identity');
  const problem = passphraseProblem(next);
  if (problem) throw new CodedError('bad-input', problem);
  if (next === current) throw new CodedError('bad-input', 'the new passphrase is the one the repository already has');
  const found = await findKey(storage, current);
  const keyFile = await wrapRepoKey(found.key, { passphrase: next });
  await putKeyFile(storage, keyFile);
  // read back from where it landed: only a key file that opens with the new passphrase replaces the old
  await openRepoKey(await storage.get(keyFileName(keyFile)), { passphrase: next });
  await storage.delete(found.name);
}
