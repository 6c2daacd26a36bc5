import { hkdfSync } from 'node:crypto';
import { b64decode, b64encode } from './base64.js';
import { bech32Decode, bech32Encode } from './bech32.js';
import { badInput, corrupt } from './errors.js';
import type { Stanza } from './header.js';
import { randomBuffer, sodium, TAG_BYTES, ZERO_NONCE } from './sodium.js';

// age's native X25519 recipient type: an ephemeral DH share in the stanza line, the file key wrapped
// with ChaCha20-Poly1305 under HKDF(shared secret, salt = share || recipient).

const LABEL = 'age-encryption.org/v1/X25519';
const FILE_KEY_BYTES = 16;

export interface X25519Identity {
  scalar: Buffer;
  publicKey: Buffer;
}

export function generateIdentity(): X25519Identity {
  const scalar = randomBuffer(32);
  return { scalar, publicKey: publicKeyOf(scalar) };
}

export function publicKeyOf(scalar: Buffer): Buffer {
  const pub = Buffer.alloc(32);
  sodium.crypto_scalarmult_base(pub, scalar);
  return pub;
}

export function formatIdentity(scalar: Buffer): string {
  return bech32Encode('age-secret-key-', scalar).toUpperCase();
}

export function formatRecipient(publicKey: Buffer): string {
  return bech32Encode('age', publicKey);
}

export function parseIdentity(s: string): X25519Identity {
  const d = bech32Decode(s.trim());
  if (!d || d.hrp !== 'age-secret-key-' || d.bytes.length !== 32) throw badInput('not an age X25519 identity (expected AGE-SECRET-KEY-1…)');
  return { scalar: d.bytes, publicKey: publicKeyOf(d.bytes) };
}

export function parseRecipient(s: string): Buffer {
  const d = bech32Decode(s.trim());
  if (!d || d.hrp !== 'age' || d.bytes.length !== 32) throw badInput(`not an age X25519 recipient (expected age1…): ${s.slice(0, 80)}`);
  return d.bytes;
}

function wrapKey(secret: Buffer, share: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.concat([share, recipient]), LABEL, 32));
}

export function wrapX25519(fileKey: Buffer, recipient: Buffer): Stanza {
  const ephemeral = randomBuffer(32);
  const share = publicKeyOf(ephemeral);
  const secret = Buffer.alloc(32);
  try {
    sodium.crypto_scalarmult(secret, ephemeral, recipient);
  } catch {
    throw badInput('age recipient is a low-order point and cannot be encrypted to');
  }
  const body = Buffer.alloc(FILE_KEY_BYTES + TAG_BYTES);
  sodium.crypto_aead_chacha20poly1305_ietf_encrypt(body, fileKey, null, null, ZERO_NONCE, wrapKey(secret, share, recipient));
  return { args: ['X25519', b64encode(share)], body };
}

/** The file key if one of the X25519 stanzas is for `id`; null if none is; `corrupt` if a stanza is malformed. */
export function unwrapX25519(stanzas: Stanza[], id: X25519Identity): Buffer | null {
  for (const s of stanzas) {
    if (s.args[0] !== 'X25519') continue;
    const share = s.args.length === 2 ? b64decode(s.args[1]!) : null;
    if (share === null || share.length !== 32 || s.body.length !== FILE_KEY_BYTES + TAG_BYTES) throw corrupt('age header has a malformed X25519 stanza');
    const secret = Buffer.alloc(32);
    try {
      sodium.crypto_scalarmult(secret, id.scalar, share);
    } catch {
      throw corrupt('age header has an X25519 stanza with a low-order share');
    }
    const fileKey = Buffer.alloc(FILE_KEY_BYTES);
    try {
      sodium.crypto_aead_chacha20poly1305_ietf_decrypt(fileKey, null, s.body, null, ZERO_NONCE, wrapKey(secret, share, id.publicKey));
      return fileKey;
    } catch {
      // Encrypted to someone else: keep looking.
    }
  }
  return null;
}
