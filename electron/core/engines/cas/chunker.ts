import { createHash } from 'node:crypto';

/** FastCDC parameters, stored in the repository config: changing any of them changes every chunk boundary. */
export interface ChunkerParams {
  minSize: number;
  avgSize: number;
  maxSize: number;
  /** hex; the gear table is derived from it so boundaries differ per repository (restic's per-repo polynomial, for the same reason) */
  seed: string;
}

export const DEFAULT_CHUNKER = { minSize: 512 * 1024, avgSize: 1024 * 1024, maxSize: 8 * 1024 * 1024 } as const;

/** 256 pseudo-random u32 derived from the seed: SHA-256(seed ‖ i) truncated. */
// Int32Array, not Uint32Array: values above 2^31 would leave V8's small-integer fast path (~3× slower).
export function gearTable(seedHex: string): Int32Array {
  const seed = Buffer.from(seedHex, 'hex');
  const t = new Int32Array(256);
  for (let i = 0; i < 256; i++) t[i] = createHash('sha256').update(seed).update(Buffer.from([i])).digest().readInt32BE(0);
  return t;
}

/** `n` one-bits at the top of a u32: with a left-shifting gear hash the top bits have seen the most bytes. */
const topMask = (n: number): number => (n >= 32 ? -1 : ~0 << (32 - n));

/**
 * FastCDC with normalized chunking (level 2): a harder mask before the average size and an easier
 * one after it pulls chunk sizes towards the average. Bytes before minSize are never hashed.
 */
export class Chunker {
  private readonly gear: Int32Array;
  private readonly maskS: number;
  private readonly maskL: number;

  constructor(readonly params: ChunkerParams) {
    if (!(params.minSize >= 64 && params.minSize <= params.avgSize && params.avgSize <= params.maxSize)) throw new Error('bad chunker parameters');
    this.gear = gearTable(params.seed);
    const bits = Math.round(Math.log2(params.avgSize));
    this.maskS = topMask(bits + 2);
    this.maskL = topMask(bits - 2);
  }

  /**
   * Length of the next chunk at the start of `buf[start, end)`. When `final` is false and no
   * boundary is found before `end`, returns -1 (the caller must supply more data, up to maxSize).
   */
  cut(buf: Uint8Array, start: number, end: number, final: boolean): number {
    const p = this.params;
    return cutImpl(this.gear, this.maskS, this.maskL, p.minSize, p.avgSize, p.maxSize, buf, start, end, final);
  }

  /** What a helper thread needs to run the same chunker (with CUT_SOURCE). */
  get spec(): ChunkerSpec {
    return { gear: this.gear, maskS: this.maskS, maskL: this.maskL, minSize: this.params.minSize, avgSize: this.params.avgSize, maxSize: this.params.maxSize };
  }
}

export interface ChunkerSpec {
  gear: Int32Array;
  maskS: number;
  maskL: number;
  minSize: number;
  avgSize: number;
  maxSize: number;
}

/**
 * The boundary search as plain JavaScript source, so the backup's helper threads (eval'd workers,
 * which cannot import TypeScript modules) run exactly the code this module runs and the pinned test
 * vectors cover both. The hash window is 32 bytes (shift-out), so warming up from minSize-32 gives
 * the same boundaries as hashing from the start would.
 */
export const CUT_SOURCE = `function cut(gear, maskS, maskL, minSize, avgSize, maxSize, buf, start, end, final) {
  const avail = end - start;
  if (avail <= minSize) return final ? avail : -1;
  const limit = start + Math.min(avail, maxSize);
  const normal = start + Math.min(avail, avgSize);
  let h = 0;
  let i = start + minSize;
  for (let j = i - 32; j < i; j++) h = ((h << 1) + gear[buf[j]]) | 0;
  for (; i < normal; i++) {
    h = ((h << 1) + gear[buf[i]]) | 0;
    if ((h & maskS) === 0) return i + 1 - start;
  }
  for (; i < limit; i++) {
    h = ((h << 1) + gear[buf[i]]) | 0;
    if ((h & maskL) === 0) return i + 1 - start;
  }
  if (limit - start === maxSize || final) return limit - start;
  return -1;
}`;

type CutFn = (gear: Int32Array, maskS: number, maskL: number, minSize: number, avgSize: number, maxSize: number, buf: Uint8Array, start: number, end: number, final: boolean) => number;
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- see CUT_SOURCE
const cutImpl = new Function(`return ${CUT_SOURCE}`)() as CutFn;
