import { createCipheriv } from 'node:crypto';
import { Decrypter } from 'age-encryption';
import { beforeAll, describe, expect, test } from 'vitest';
import { createRepoKey, type RepoKey } from '../../../electron/core/engines/cas/crypto/index.js';
import { encodeHeader, parseHeader } from '../../../electron/core/engines/cas/crypto/header.js';
import { payloadKey } from '../../../electron/core/engines/cas/crypto/stream.js';
import { parseIdentity, wrapX25519 } from '../../../electron/core/engines/cas/crypto/x25519.js';
import { bytes, expectCoded } from './helpers.js';

const K = 64 * 1024;
let key: RepoKey;
let other: RepoKey;
beforeAll(async () => {
  ({ key } = await createRepoKey({ passphrase: 'tamper tests', scryptLogN: 10 }));
  ({ key: other } = await createRepoKey({ passphrase: 'someone else', scryptLogN: 10 }));
});

function flip(buf: Buffer, at: number): Buffer {
  const c = Buffer.from(buf);
  c[at] = c[at]! ^ 0x01;
  return c;
}

/** An age file built by hand with chosen chunks, to produce layouts a correct writer never emits. */
function craft(recipientKey: RepoKey, chunks: { plain: Buffer; last: boolean }[]): Buffer {
  const fileKey = Buffer.alloc(16, 9);
  const header = encodeHeader([wrapX25519(fileKey, parseIdentity(recipientKey.identity).publicKey)], fileKey);
  const nonce = Buffer.alloc(16, 5);
  const pk = payloadKey(fileKey, nonce);
  const sealed = chunks.map((c, i) => {
    const n = Buffer.alloc(12);
    n.writeUIntBE(i, 5, 6);
    n[11] = c.last ? 1 : 0;
    const cipher = createCipheriv('chacha20-poly1305', pk, n, { authTagLength: 16 });
    return Buffer.concat([cipher.update(c.plain), cipher.final(), cipher.getAuthTag()]);
  });
  return Buffer.concat([header, nonce, ...sealed]);
}

describe('damaged ciphertext is refused with a corrupt error', () => {
  const plain = bytes(3 * K + 100, 42);
  let sealed: Buffer;
  let headerLen: number;
  beforeAll(() => {
    sealed = key.seal(plain);
    headerLen = parseHeader(sealed).length;
  });

  test('a flipped bit anywhere in the payload', () => {
    for (const at of [0, 1, K, K + 15, K + 16, 2 * (K + 16) + 7, 3 * (K + 16) + 50]) {
      expectCoded(() => key.unseal(flip(sealed, headerLen + 16 + at)), 'corrupt', /authentication/);
    }
    expectCoded(() => key.unseal(flip(sealed, sealed.length - 1)), 'corrupt');
  });

  test('a flipped payload nonce', () => {
    expectCoded(() => key.unseal(flip(sealed, headerLen + 3)), 'corrupt');
  });

  test('a changed MAC, or a header changed under a valid stanza', () => {
    const macAt = sealed.indexOf('\n--- ') + 6;
    expectCoded(() => key.unseal(flip(sealed, macAt)), 'corrupt', /MAC|malformed/);
    // An extra stanza leaves the file key recoverable but must break the header MAC.
    const withGrease = Buffer.concat([sealed.subarray(0, 22), Buffer.from('-> grease x\n\n'), sealed.subarray(22)]);
    expectCoded(() => key.unseal(withGrease), 'corrupt', /MAC/);
  });

  test('a changed X25519 stanza', () => {
    const shareAt = sealed.indexOf('-> X25519 ') + 12;
    const c = Buffer.from(sealed);
    c[shareAt] = c[shareAt] === 0x41 ? 0x42 : 0x41;
    expectCoded(() => key.unseal(c), 'corrupt');
    const bodyAt = sealed.indexOf('\n', sealed.indexOf('-> X25519 ')) + 2;
    const d = Buffer.from(sealed);
    d[bodyAt] = d[bodyAt] === 0x41 ? 0x42 : 0x41;
    expectCoded(() => key.unseal(d), 'corrupt');
  });

  test('truncation at every kind of boundary, and appended bytes', () => {
    const cuts = [0, 10, 22, headerLen - 1, headerLen, headerLen + 8, headerLen + 16, headerLen + 16 + 15];
    const payloadStart = headerLen + 16;
    cuts.push(payloadStart + K + 16, payloadStart + 2 * (K + 16), payloadStart + 3 * (K + 16), sealed.length - 1, sealed.length - 16);
    for (const cut of cuts) expectCoded(() => key.unseal(sealed.subarray(0, cut)), 'corrupt');
    expectCoded(() => key.unseal(Buffer.concat([sealed, Buffer.from([0])])), 'corrupt');
    expectCoded(() => key.unseal(Buffer.concat([sealed, Buffer.alloc(K + 16)])), 'corrupt');
  });

  test('an object sealed for another repository', () => {
    expectCoded(() => key.unseal(other.seal(plain)), 'corrupt', /not encrypted to this repository/);
  });

  test('data that is not an age file at all', () => {
    expectCoded(() => key.unseal(Buffer.from('PK\x03\x04 just a zip')), 'corrupt', /not an age file/);
    expectCoded(() => key.unseal(Buffer.alloc(0)), 'corrupt', /not an age file/);
  });
});

describe('STREAM layouts that no correct writer produces', () => {
  test('sanity: the hand-built file is accepted when well formed', () => {
    expect(key.unseal(craft(key, [{ plain: bytes(K), last: false }, { plain: bytes(5), last: true }])).length).toBe(K + 5);
  });

  test('an empty last chunk after a full one is refused (as by the reference)', async () => {
    const file = craft(key, [{ plain: bytes(K), last: false }, { plain: Buffer.alloc(0), last: true }]);
    expectCoded(() => key.unseal(file), 'corrupt');
    const d = new Decrypter();
    d.addIdentity(key.identity);
    await expect(d.decrypt(file)).rejects.toThrow();
  });

  test('a payload cut exactly after a non-last chunk is refused', () => {
    expectCoded(() => key.unseal(craft(key, [{ plain: bytes(K), last: false }])), 'corrupt');
    expectCoded(() => key.unseal(craft(key, [{ plain: bytes(10), last: false }])), 'corrupt');
  });

  test('a last flag before the end is refused', () => {
    expectCoded(() => key.unseal(craft(key, [{ plain: bytes(K), last: true }, { plain: bytes(5), last: true }])), 'corrupt');
  });
});
