import { corrupt } from './errors.js';
import { parseHeader, verifyHeaderMac, type ParsedHeader } from './header.js';
import { TAG_BYTES } from './sodium.js';
import { chunkCount, CHUNK_BYTES, openChunk, openedPayloadBytes, PAYLOAD_NONCE_BYTES, payloadKey, SEALED_CHUNK_BYTES } from './stream.js';

// STREAM chunks decrypt independently, so one blob can be read out of a sealed 16 MiB pack by fetching
// and decrypting only the 64 KiB chunks that hold it. Each chunk read is authenticated, including the
// last-chunk flag when the range reaches the end; chunks not read are not checked (verify does that).

export interface SealedReader {
  /** Plaintext size of the whole object. */
  readonly plainSize: number;
  /** The sealed byte range to fetch for plaintext bytes [offset, offset + length). */
  locate(offset: number, length: number): { offset: number; length: number };
  /** Decrypts what was fetched for `locate(offset, length)`; returns exactly those plaintext bytes. */
  read(sealed: Uint8Array, offset: number, length: number): Buffer;
}

/** `head` holds at least the header and payload nonce (`SEALED_PREFIX_BYTES` for Tidemark's own objects). */
export function sealedReader(head: Buffer, sealedSize: number, unwrap: (h: ParsedHeader) => Buffer): SealedReader {
  const header = parseHeader(head);
  const fileKey = unwrap(header);
  verifyHeaderMac(header, fileKey);
  const start = header.length + PAYLOAD_NONCE_BYTES;
  if (head.length < start) throw corrupt('age file is truncated: the payload nonce is missing');
  const key = payloadKey(fileKey, head.subarray(header.length, start));
  const plainSize = openedPayloadBytes(sealedSize - start);
  const lastIndex = chunkCount(plainSize) - 1;

  const span = (offset: number, length: number): { first: number; last: number } => {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > plainSize) {
      throw corrupt(`range ${offset}+${length} lies outside the sealed object (${plainSize} bytes)`);
    }
    return { first: Math.floor(offset / CHUNK_BYTES), last: Math.floor((offset + Math.max(length, 1) - 1) / CHUNK_BYTES) };
  };

  return {
    plainSize,
    locate(offset, length) {
      if (length === 0) return { offset: start, length: 0 };
      const { first, last } = span(offset, length);
      const from = start + first * SEALED_CHUNK_BYTES;
      return { offset: from, length: Math.min(start + (last + 1) * SEALED_CHUNK_BYTES, sealedSize) - from };
    },
    read(sealed, offset, length) {
      if (length === 0) return Buffer.alloc(0);
      const { first, last } = span(offset, length);
      const coverEnd = Math.min((last + 1) * CHUNK_BYTES, plainSize);
      if (sealed.length !== coverEnd - first * CHUNK_BYTES + (last - first + 1) * TAG_BYTES) throw corrupt('sealed range has the wrong length');
      const out = Buffer.allocUnsafe(coverEnd - first * CHUNK_BYTES);
      const nonce = Buffer.alloc(12);
      for (let i = first; i <= last; i++) {
        const from = (i - first) * SEALED_CHUNK_BYTES;
        const chunk = sealed.subarray(from, Math.min(from + SEALED_CHUNK_BYTES, sealed.length));
        const at = (i - first) * CHUNK_BYTES;
        openChunk(key, nonce, i, i === lastIndex, chunk, out.subarray(at, at + chunk.length - TAG_BYTES));
      }
      const skip = offset - first * CHUNK_BYTES;
      return out.subarray(skip, skip + length);
    },
  };
}
