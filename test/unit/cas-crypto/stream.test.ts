import { createHash } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Decrypter } from 'age-encryption';
import { beforeAll, describe, expect, test } from 'vitest';
import { CodedError } from '../../../shared/result.js';
import { createRepoKey, sealedSize, type RepoKey } from '../../../electron/core/engines/cas/crypto/index.js';
import { bytes } from './helpers.js';

const K = 64 * 1024;
let key: RepoKey;
beforeAll(async () => {
  ({ key } = await createRepoKey({ passphrase: 'stream tests', scryptLogN: 10 }));
});

/** Feeds `data` in pieces of the given sizes (cycled), so boundaries fall everywhere. */
async function through(t: Transform, data: Buffer, pieces: number[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let off = 0, i = 0; off < data.length; i++) {
    const n = pieces[i % pieces.length]!;
    parts.push(data.subarray(off, off + n));
    off += n;
  }
  const out: Buffer[] = [];
  await pipeline(Readable.from(parts), t, async (src: AsyncIterable<Buffer>) => {
    for await (const c of src) out.push(c);
  });
  return Buffer.concat(out);
}

describe('streaming seal and unseal', () => {
  test.each([0, 1, K - 1, K, K + 1, 2 * K, 200_001])('%i bytes: stream-sealed file is a normal age file', async (n) => {
    const plain = bytes(n, n);
    const sealed = await through(key.sealStream(), plain, [1, 7000, K, 3 * K + 5]);
    expect(sealed.length).toBe(sealedSize(n));
    expect(key.unseal(sealed).equals(plain)).toBe(true);
    const d = new Decrypter();
    d.addIdentity(key.identity);
    expect(Buffer.from(await d.decrypt(sealed)).equals(plain)).toBe(true);
  });

  test.each([0, 1, K, K + 17, 2 * K, 200_001])('%i bytes: stream-unseal reads sealed files fed in any piece sizes', async (n) => {
    const plain = bytes(n, n + 1);
    const sealed = key.seal(plain);
    for (const pieces of [[1], [13, 100], [K + 16], [5 * K]]) {
      if (pieces[0] === 1 && n > K) continue; // byte-at-a-time over large inputs only costs time
      expect((await through(key.unsealStream(), sealed, pieces)).equals(plain)).toBe(true);
    }
  });

  test('a 40 MiB object streams through seal and unseal, emitted one 64 KiB chunk at a time', async () => {
    const block = bytes(1 << 20, 77);
    const total = 40;
    const hashIn = createHash('sha256');
    const hashOut = createHash('sha256');
    async function* source() {
      for (let i = 0; i < total; i++) {
        block[0] = i;
        hashIn.update(block);
        yield Buffer.from(block);
      }
    }
    let peakPending = 0;
    await pipeline(source(), key.sealStream(), key.unsealStream(), async (src: AsyncIterable<Buffer>) => {
      for await (const c of src) {
        hashOut.update(c);
        peakPending = Math.max(peakPending, c.length);
      }
    });
    expect(hashOut.digest('hex')).toBe(hashIn.digest('hex'));
    expect(peakPending).toBeLessThanOrEqual(K);
  });

  test('truncated, tampered or foreign streams end in a corrupt error', async () => {
    const plain = bytes(3 * K + 9);
    const sealed = key.seal(plain);
    const other = (await createRepoKey({ passphrase: 'other', scryptLogN: 10 })).key;
    const flipped = Buffer.from(sealed);
    flipped[sealed.length - 100] = flipped[sealed.length - 100]! ^ 1;
    const cases: Buffer[] = [
      sealed.subarray(0, sealed.length - 1),
      sealed.subarray(0, sealed.length - 9 - 16), // cut at the last chunk boundary
      sealed.subarray(0, 60), // inside the header
      flipped,
      Buffer.concat([sealed, Buffer.from('x')]),
      other.seal(plain),
      Buffer.from('definitely not age\n'),
    ];
    for (const bad of cases) {
      const err = await through(key.unsealStream(), bad, [4096]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CodedError);
      expect((err as CodedError).code).toBe('corrupt');
    }
  });
});
