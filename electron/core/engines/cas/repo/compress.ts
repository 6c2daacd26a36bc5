import { compress, decompress } from 'zstd-napi';
import { FLAG_ZSTD } from '../pack/format.js';

/** zstd level 3; the raw bytes are kept when compression does not save at least 1/32. */
export function compressBlob(raw: Uint8Array, level = 3): { flags: number; stored: Buffer } {
  const z = compress(raw, { compressionLevel: level });
  if (z.length < raw.length - (raw.length >> 5)) return { flags: FLAG_ZSTD, stored: z };
  return { flags: 0, stored: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) };
}

export function decompressBlob(stored: Buffer, flags: number): Buffer {
  return flags & FLAG_ZSTD ? decompress(stored) : stored;
}
