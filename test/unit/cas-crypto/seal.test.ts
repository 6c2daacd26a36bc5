import { createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import { beforeAll, describe, expect, test } from 'vitest';
import { createRepoKey, isSealed, openRepoKey, sealedSize, type RepoKey } from '../../../electron/core/engines/cas/crypto/index.js';
import { parseHeader } from '../../../electron/core/engines/cas/crypto/header.js';
import { bytes } from './helpers.js';

const K = 64 * 1024;
// Both sides of the STREAM last-chunk rule: empty, around one chunk, around several chunks.
const SIZES = [0, 1, K - 1, K, K + 1, 2 * K - 1, 2 * K, 2 * K + 1, 3 * K, 1_000_003];

let key: RepoKey;
beforeAll(async () => {
  ({ key } = await createRepoKey({ passphrase: 'seal tests', scryptLogN: 10 }));
});

/** Decrypts the payload with OpenSSL's ChaCha20-Poly1305 and explicit nonces: an independent reading of the chunk layout. */
async function chunksByHand(sealed: Buffer, identity: string): Promise<{ plain: Buffer; lastFlags: number[]; sizes: number[] }> {
  const header = parseHeader(sealed);
  const d = new Decrypter();
  d.addIdentity(identity);
  const fileKey = Buffer.from(await d.decryptHeader(sealed.subarray(0, header.length)));
  const nonce = sealed.subarray(header.length, header.length + 16);
  const payloadKey = Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
  const payload = sealed.subarray(header.length + 16);
  const plain: Buffer[] = [];
  const lastFlags: number[] = [];
  const sizes: number[] = [];
  for (let i = 0, off = 0; off < payload.length; i++, off += K + 16) {
    const chunk = payload.subarray(off, Math.min(off + K + 16, payload.length));
    const last = off + chunk.length === payload.length ? 1 : 0;
    const n = Buffer.alloc(12);
    n.writeUIntBE(i, 5, 6);
    n[11] = last;
    const dec = createDecipheriv('chacha20-poly1305', payloadKey, n, { authTagLength: 16 });
    dec.setAuthTag(chunk.subarray(chunk.length - 16));
    plain.push(dec.update(chunk.subarray(0, chunk.length - 16)));
    dec.final();
    lastFlags.push(last);
    sizes.push(chunk.length - 16);
  }
  return { plain: Buffer.concat(plain), lastFlags, sizes };
}

describe('RepoKey.seal / unseal', () => {
  test.each(SIZES)('round trips %i bytes, at the predicted size', (n) => {
    const plain = bytes(n, n + 7);
    const sealed = key.seal(plain);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.length).toBe(sealedSize(n));
    expect(key.unseal(sealed).equals(plain)).toBe(true);
  });

  test.each(SIZES)('%i bytes: chunks are 64 KiB, counter-numbered, last flag only on the final one', async (n) => {
    const plain = bytes(n, 3);
    const { plain: out, lastFlags, sizes } = await chunksByHand(key.seal(plain), key.identity);
    expect(out.equals(plain)).toBe(true);
    const chunks = Math.max(1, Math.ceil(n / K));
    expect(lastFlags).toEqual([...Array<number>(chunks - 1).fill(0), 1]);
    // A payload of whole chunks ends on a full chunk: no trailing empty chunk.
    expect(sizes.at(-1)).toBe(n === 0 ? 0 : n - (chunks - 1) * K);
  });

  test.each(SIZES)('%i bytes: interoperates with the age-encryption reference both ways', async (n) => {
    const plain = bytes(n, 11);
    const d = new Decrypter();
    d.addIdentity(key.identity);
    expect(Buffer.from(await d.decrypt(key.seal(plain))).equals(plain)).toBe(true);
    const e = new Encrypter();
    e.addRecipient(key.recipient);
    expect(key.unseal(Buffer.from(await e.encrypt(plain))).equals(plain)).toBe(true);
  });

  test('seal and unseal into a lent buffer give the same bytes without allocating', () => {
    const big = Buffer.allocUnsafe(sealedSize(3 * K + 1));
    const out = Buffer.allocUnsafe(3 * K + 1);
    for (const n of [0, 10, K, 3 * K + 1]) {
      const plain = bytes(n, n + 2);
      const sealed = key.seal(plain, big);
      expect(sealed.buffer).toBe(big.buffer);
      expect(sealed.length).toBe(sealedSize(n));
      expect(key.unseal(Buffer.from(sealed)).equals(plain)).toBe(true);
      const opened = key.unseal(key.seal(plain), out);
      expect(opened.buffer).toBe(out.buffer);
      expect(opened.equals(plain)).toBe(true);
    }
    expect(() => key.seal(bytes(K), Buffer.alloc(K))).toThrow(RangeError);
  });

  test('plain Uint8Arrays (what a Buffer becomes after postMessage) are accepted everywhere', async () => {
    const plain = bytes(K + 3, 12);
    const sealed = key.seal(new Uint8Array(plain));
    const copy = new Uint8Array(sealed.length + 8).subarray(8); // a view at a non-zero offset
    copy.set(sealed);
    expect(key.unseal(copy).equals(plain)).toBe(true);
    expect(key.unseal(copy, new Uint8Array(K + 3)).equals(plain)).toBe(true);
    const { keyFile } = await createRepoKey({ passphrase: 'u8', scryptLogN: 10 });
    await expect(openRepoKey(new Uint8Array(keyFile), { passphrase: 'u8' })).resolves.toBeTruthy();
  });

  test('every seal uses a fresh file key and nonce', () => {
    const plain = bytes(1000);
    const a = key.seal(plain);
    const b = key.seal(plain);
    const [ha, hb] = [parseHeader(a), parseHeader(b)];
    expect(ha.stanzas[0]!.args[1]).not.toBe(hb.stanzas[0]!.args[1]); // ephemeral share
    expect(a.subarray(ha.length, ha.length + 16).equals(b.subarray(hb.length, hb.length + 16))).toBe(false); // payload nonce
    expect(a.subarray(ha.length + 16).equals(b.subarray(hb.length + 16))).toBe(false);
  });

  test('the header is one X25519 stanza, nothing else readable', () => {
    const sealed = key.seal(Buffer.from('secret manifest text'));
    const header = parseHeader(sealed);
    expect(header.stanzas.map((s) => s.args[0])).toEqual(['X25519']);
    expect(sealed.includes('secret manifest text')).toBe(false);
  });

  test('chunkId is HMAC-SHA-256 under the repository chunk key', async () => {
    const data = bytes(100_000);
    expect(key.hmacKey.length).toBe(32);
    expect(key.chunkId(data).equals(createHmac('sha256', key.hmacKey).update(data).digest())).toBe(true);
    expect(key.chunkId(data).equals(key.chunkId(Buffer.from(data)))).toBe(true);
    const other = (await createRepoKey({ passphrase: 'x', scryptLogN: 10 })).key;
    expect(other.chunkId(data).equals(key.chunkId(data))).toBe(false);
  });

  test('isSealed tells age files from plain data', () => {
    expect(isSealed(Buffer.from('age-encryption.org/v1\n-> X25519'))).toBe(true);
    expect(isSealed(Buffer.from('-----BEGIN AGE ENCRYPTED FILE-----'))).toBe(false);
    expect(isSealed(Buffer.alloc(0))).toBe(false);
  });
});
