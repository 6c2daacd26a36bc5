import { describe, expect, it } from 'vitest';
import { Chunker, DEFAULT_CHUNKER, gearTable } from '../../../electron/core/engines/cas/chunker.js';

/** Deterministic bytes (xorshift32) with some repetition, so boundaries depend on content, not chance. */
function input(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function boundaries(c: Chunker, data: Uint8Array): number[] {
  const sizes: number[] = [];
  for (let pos = 0; pos < data.length; ) {
    const n = c.cut(data, pos, data.length, true);
    sizes.push(n);
    pos += n;
  }
  return sizes;
}

const SEED = '5eed'.repeat(16);

describe('FastCDC chunker', () => {
  it('gear table is derived from the seed', () => {
    const t = gearTable(SEED);
    expect([t[0], t[1], t[255]]).toEqual(PINNED_GEAR);
    expect(gearTable('00'.repeat(32))[0]).not.toBe(t[0]);
  });

  it('pinned boundaries, repository defaults (512 KiB / 1 MiB / 8 MiB)', () => {
    const sizes = boundaries(new Chunker({ ...DEFAULT_CHUNKER, seed: SEED }), input(24 << 20));
    expect(sizes).toEqual(PINNED_DEFAULT);
  });

  it('pinned boundaries, small parameters', () => {
    const sizes = boundaries(new Chunker({ minSize: 64, avgSize: 256, maxSize: 1024, seed: SEED }), input(8192, 7));
    expect(sizes).toEqual(PINNED_SMALL);
  });

  it('respects min and max, and is content-defined (an insert shifts boundaries only locally)', () => {
    const c = new Chunker({ minSize: 1024, avgSize: 4096, maxSize: 16384, seed: SEED });
    const data = input(1 << 20, 3);
    const a = boundaries(c, data);
    for (const s of a.slice(0, -1)) {
      expect(s).toBeGreaterThanOrEqual(1024);
      expect(s).toBeLessThanOrEqual(16384);
    }
    const edited = new Uint8Array(data.length + 100);
    edited.set(data.subarray(0, 500_000));
    edited.set(data.subarray(500_000), 500_100);
    const b = boundaries(c, edited);
    const ends = (xs: number[]) => new Set(xs.map((_, i) => xs.slice(0, i + 1).reduce((s, v) => s + v, 0)));
    const ea = ends(a);
    const eb = [...ends(b)].filter((e) => e > 600_000).map((e) => e - 100);
    expect(eb.filter((e) => ea.has(e)).length / eb.length).toBeGreaterThan(0.95);
  });

  it('max-size cut when no boundary is found, and -1 when more data is needed', () => {
    const c = new Chunker({ minSize: 64, avgSize: 256, maxSize: 1024, seed: SEED });
    const zeros = new Uint8Array(5000);
    expect(c.cut(zeros, 0, zeros.length, false)).toBe(1024);
    expect(c.cut(zeros, 0, 500, false)).toBe(-1);
    expect(c.cut(zeros, 0, 50, true)).toBe(50);
  });
});

// Pinned: if these change, every existing repository's chunk boundaries changed (dedup lost).
const PINNED_GEAR = [1114932119, -889951028, 1315219490];
const PINNED_DEFAULT = [744684, 1095070, 1127680, 712203, 1184978, 1115869, 1542552, 1355030, 1225613, 1312633, 1215325, 1094670, 610049, 1425236, 1073999, 1112764, 1135254, 1099411, 1100434, 1569443, 1256273, 1056654];
const PINNED_SMALL = [323, 155, 261, 281, 276, 401, 288, 397, 335, 204, 269, 444, 80, 299, 272, 349, 258, 266, 300, 395, 279, 282, 305, 308, 260, 271, 406, 209, 19];
