import { openPayloadAfter, newFileKey, sealAge } from './age-file.js';
import { badInput, corrupt, forbidden } from './errors.js';
import { parseHeader, verifyHeaderMac, type ParsedHeader } from './header.js';
import { repoKeyFromSecret, repoSecretSchema, type RepoKey } from './repo-key.js';
import { unwrapScrypt, wrapScrypt } from './scrypt.js';
import { generateIdentity, formatIdentity, parseIdentity, parseRecipient, unwrapX25519, wrapX25519 } from './x25519.js';
import { randomBuffer } from './sodium.js';
import { asBuffer } from './view.js';

// A repository key file (`keys/<id>`) is an age file whose plaintext is the repository secret. The
// passphrase (or the user's own age identity) only ever unlocks this file; objects are encrypted to
// the repository's X25519 recipient, so scrypt runs once per open and not once per object.

export type KeyProtection = { passphrase: string; scryptLogN?: number } | { recipients: string[] };
export type KeyUnlock = { passphrase: string } | { identities: string[] };

export async function createRepoKey(protection: KeyProtection): Promise<{ keyFile: Buffer; key: RepoKey }> {
  const id = generateIdentity();
  const key = repoKeyFromSecret({ v: 1, identity: formatIdentity(id.scalar), chunkHmacKey: randomBuffer(32).toString('hex') });
  return { keyFile: await wrapRepoKey(key, protection), key };
}

/** Another key file for the same repository: a second passphrase, a passphrase change, a recovery recipient. */
export async function wrapRepoKey(key: RepoKey, protection: KeyProtection): Promise<Buffer> {
  const plain = Buffer.from(JSON.stringify(key.secret()) + '\n');
  const fileKey = newFileKey();
  if ('passphrase' in protection) return sealAge(plain, fileKey, [await wrapScrypt(fileKey, protection.passphrase, protection.scryptLogN)]);
  if (protection.recipients.length === 0) throw badInput('at least one age recipient is needed');
  return sealAge(plain, fileKey, protection.recipients.map((r) => wrapX25519(fileKey, parseRecipient(r))));
}

/** Reads nothing but `keyFile` and writes nothing; a wrong passphrase or identity is `forbidden`. */
export async function openRepoKey(input: Uint8Array, unlock: KeyUnlock): Promise<RepoKey> {
  const keyFile = asBuffer(input);
  let header: ParsedHeader;
  try {
    header = parseHeader(keyFile);
  } catch (e) {
    throw corrupt(`repository key file is damaged: ${(e as Error).message}`);
  }
  const fileKey = await unlockFileKey(header, unlock);
  verifyHeaderMac(header, fileKey);
  const plain = openPayloadAfter(keyFile, header, fileKey);
  let json: unknown;
  try {
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    throw corrupt('repository key file holds no valid secret');
  }
  const secret = repoSecretSchema.safeParse(json);
  if (!secret.success) throw corrupt('repository key file holds no valid secret');
  return repoKeyFromSecret(secret.data);
}

async function unlockFileKey(header: ParsedHeader, unlock: KeyUnlock): Promise<Buffer> {
  if ('passphrase' in unlock) {
    const fileKey = await unwrapScrypt(header.stanzas, unlock.passphrase);
    if (fileKey) return fileKey;
    throw forbidden('this repository key is not protected by a passphrase; open it with an age identity');
  }
  if (header.stanzas.some((s) => s.args[0] === 'scrypt')) throw forbidden('this repository key is protected by a passphrase, not by an age identity');
  for (const id of splitIdentities(unlock.identities).map(parseIdentity)) {
    const fileKey = unwrapX25519(header.stanzas, id);
    if (fileKey) return fileKey;
  }
  throw forbidden('wrong identity for this repository: none of the given age identities can open its key');
}

/** Accepts bare identities or the contents of identity files (`age-keygen` output, with comments). */
function splitIdentities(inputs: string[]): string[] {
  const ids = inputs.flatMap((t) => t.split(/\r?\n/)).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (ids.length === 0) throw badInput('no age identity given');
  return ids;
}
