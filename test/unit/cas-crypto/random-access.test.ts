import { beforeAll, describe, expect, test } from 'vitest';
import { createRepoKey, SEALED_PREFIX_BYTES, type RepoKey } from '../../../electron/core/engines/cas/crypto/index.js';
import { bytes, expectCoded } from './helpers.js';

const K = 64 * 1024;
let key: RepoKey;
beforeAll(async () => {
  ({ key } = await createRepoKey({ passphrase: 'random access', scryptLogN: 10 }));
});

describe('reading a range out of a sealed object', () => {
  const plain = bytes(5 * K + 333, 21);
  let sealed: Buffer;
  beforeAll(() => {
    sealed = key.seal(plain);
  });

  const fetch = (r: { offset: number; length: number }) => sealed.subarray(r.offset, r.offset + r.length);

  test('any range comes back exactly, fetching only the chunks that hold it', () => {
    const reader = key.reader(sealed.subarray(0, SEALED_PREFIX_BYTES), sealed.length);
    expect(reader.plainSize).toBe(plain.length);
    const ranges = [[0, 1], [0, K], [K - 1, 2], [K, K], [3 * K + 5, 1000], [5 * K, 333], [5 * K + 332, 1], [0, plain.length], [12345, 0]];
    for (let i = 0; i < 40; i++) {
      const off = (i * 7919 * 13) % plain.length;
      ranges.push([off, Math.min(plain.length - off, (i * 4099) % (2 * K) + 1)]);
    }
    for (const [off, len] of ranges as [number, number][]) {
      const loc = reader.locate(off, len);
      const chunks = len === 0 ? 0 : Math.floor((off + len - 1) / K) - Math.floor(off / K) + 1;
      expect(loc.length).toBeLessThanOrEqual(chunks * (K + 16));
      expect(reader.read(fetch(loc), off, len).equals(plain.subarray(off, off + len))).toBe(true);
    }
  });

  test('a damaged chunk in the range is corrupt; damage elsewhere does not matter', () => {
    const reader = key.reader(sealed.subarray(0, SEALED_PREFIX_BYTES), sealed.length);
    const damaged = Buffer.from(sealed);
    const at = SEALED_PREFIX_BYTES + 2 * (K + 16) + 10; // inside chunk 2
    damaged[at] = damaged[at]! ^ 1;
    const inChunk2 = reader.locate(2 * K + 100, 10);
    expectCoded(() => reader.read(damaged.subarray(inChunk2.offset, inChunk2.offset + inChunk2.length), 2 * K + 100, 10), 'corrupt');
    const inChunk0 = reader.locate(100, 10);
    expect(reader.read(damaged.subarray(inChunk0.offset, inChunk0.offset + inChunk0.length), 100, 10).equals(plain.subarray(100, 110))).toBe(true);
  });

  test('the last chunk is checked as last: a file cut at a chunk boundary fails there', () => {
    const cut = sealed.subarray(0, SEALED_PREFIX_BYTES + 3 * (K + 16));
    const reader = key.reader(cut.subarray(0, SEALED_PREFIX_BYTES), cut.length);
    expect(reader.plainSize).toBe(3 * K);
    const loc = reader.locate(2 * K, 10);
    expectCoded(() => reader.read(cut.subarray(loc.offset, loc.offset + loc.length), 2 * K, 10), 'corrupt');
  });

  test('ranges outside the object, a short fetch, a foreign object or a short head are refused', async () => {
    const reader = key.reader(sealed.subarray(0, SEALED_PREFIX_BYTES), sealed.length);
    expectCoded(() => reader.locate(plain.length - 1, 2), 'corrupt', /outside/);
    expectCoded(() => reader.locate(-1, 2), 'corrupt', /outside/);
    const loc = reader.locate(0, 10);
    expectCoded(() => reader.read(fetch(loc).subarray(1), 0, 10), 'corrupt', /wrong length/);
    const other = (await createRepoKey({ passphrase: 'o', scryptLogN: 10 })).key;
    const foreign = other.seal(plain);
    expectCoded(() => key.reader(foreign.subarray(0, SEALED_PREFIX_BYTES), foreign.length), 'corrupt', /not encrypted to this repository/);
    expectCoded(() => key.reader(sealed.subarray(0, SEALED_PREFIX_BYTES - 1), sealed.length), 'corrupt');
    expectCoded(() => key.reader(sealed.subarray(0, SEALED_PREFIX_BYTES), SEALED_PREFIX_BYTES + 5), 'corrupt');
  });
});

test('subkeys are stable per label and repository, and distinct across both', async () => {
  const other = (await createRepoKey({ passphrase: 'o', scryptLogN: 10 })).key;
  expect(key.subkey('chunker-seed').length).toBe(32);
  expect(key.subkey('chunker-seed').equals(key.subkey('chunker-seed'))).toBe(true);
  expect(key.subkey('chunker-seed').equals(key.subkey('other'))).toBe(false);
  expect(key.subkey('chunker-seed').equals(other.subkey('chunker-seed'))).toBe(false);
  expect(key.subkey('chunker-seed').equals(key.hmacKey)).toBe(false);
});
