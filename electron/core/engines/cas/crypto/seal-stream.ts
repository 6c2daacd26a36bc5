import { Transform, type TransformCallback } from 'node:stream';
import { corrupt } from './errors.js';
import { encodeHeader, parseHeader, verifyHeaderMac, type ParsedHeader, type Stanza } from './header.js';
import { randomBuffer, TAG_BYTES } from './sodium.js';
import { CHUNK_BYTES, openChunk, PAYLOAD_NONCE_BYTES, payloadKey, SEALED_CHUNK_BYTES, sealChunk } from './stream.js';

// Streaming age, for objects too large to hold whole (big manifests). Both directions keep one chunk
// back, because whether a chunk is the last one is only known once the next byte (or the end) arrives.

const MAX_HEADER_BYTES = 64 * 1024;
const VERSION_PREFIX = Buffer.from('age-encryption.org/v1\n');

function runGuarded(cb: TransformCallback, work: () => void): void {
  try {
    work();
    cb();
  } catch (e) {
    cb(e as Error);
  }
}

export function createSealStream(fileKey: Buffer, stanzas: Stanza[]): Transform {
  const nonce = randomBuffer(PAYLOAD_NONCE_BYTES);
  const prefix = Buffer.concat([encodeHeader(stanzas, fileKey), nonce]);
  const key = payloadKey(fileKey, nonce);
  const pending = Buffer.allocUnsafe(CHUNK_BYTES);
  const chunkNonce = Buffer.alloc(12);
  let used = 0;
  let index = 0;
  let started = false;

  return new Transform({
    transform(data: Buffer, _enc, cb) {
      runGuarded(cb, () => {
        if (!started) {
          started = true;
          this.push(prefix);
        }
        for (let off = 0; off < data.length; ) {
          if (used === CHUNK_BYTES) {
            const out = Buffer.allocUnsafe(SEALED_CHUNK_BYTES);
            sealChunk(key, chunkNonce, index++, false, pending, out);
            this.push(out);
            used = 0;
          }
          const n = data.copy(pending, used, off, off + CHUNK_BYTES - used);
          used += n;
          off += n;
        }
      });
    },
    flush(cb) {
      runGuarded(cb, () => {
        if (!started) this.push(prefix);
        const out = Buffer.allocUnsafe(used + TAG_BYTES);
        sealChunk(key, chunkNonce, index, true, pending.subarray(0, used), out);
        this.push(out);
      });
    },
  });
}

export function createOpenStream(unwrap: (h: ParsedHeader) => Buffer): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  let key: Buffer | null = null;
  const pending = Buffer.allocUnsafe(SEALED_CHUNK_BYTES);
  const chunkNonce = Buffer.alloc(12);
  let used = 0;
  let index = 0;

  // Returns the bytes after the header and nonce once both have arrived, else null.
  const takeHeader = (data: Buffer): Buffer | null => {
    const buf = Buffer.concat([head!, data]);
    const checked = Math.min(buf.length, VERSION_PREFIX.length);
    if (!buf.subarray(0, checked).equals(VERSION_PREFIX.subarray(0, checked))) throw corrupt('not an age file (no age-encryption.org/v1 header)');
    const mark = buf.indexOf('\n--- ');
    const end = mark < 0 ? -1 : buf.indexOf(0x0a, mark + 1);
    if (end < 0 || buf.length < end + 1 + PAYLOAD_NONCE_BYTES) {
      if (buf.length > MAX_HEADER_BYTES) throw corrupt('age header is implausibly large');
      head = buf;
      return null;
    }
    const header = parseHeader(buf.subarray(0, end + 1));
    const fileKey = unwrap(header);
    verifyHeaderMac(header, fileKey);
    key = payloadKey(fileKey, buf.subarray(end + 1, end + 1 + PAYLOAD_NONCE_BYTES));
    head = null;
    return buf.subarray(end + 1 + PAYLOAD_NONCE_BYTES);
  };

  return new Transform({
    transform(data: Buffer, _enc, cb) {
      runGuarded(cb, () => {
        const body = head ? takeHeader(data) : data;
        if (body === null) return;
        for (let off = 0; off < body.length; ) {
          if (used === SEALED_CHUNK_BYTES) {
            const out = Buffer.allocUnsafe(CHUNK_BYTES);
            openChunk(key!, chunkNonce, index++, false, pending, out);
            this.push(out);
            used = 0;
          }
          const n = body.copy(pending, used, off, off + SEALED_CHUNK_BYTES - used);
          used += n;
          off += n;
        }
      });
    },
    flush(cb) {
      runGuarded(cb, () => {
        if (head) throw corrupt('age file is truncated inside its header');
        if (used < TAG_BYTES || (used === TAG_BYTES && index > 0)) throw corrupt('age payload is truncated');
        const out = Buffer.allocUnsafe(used - TAG_BYTES);
        openChunk(key!, chunkNonce, index, true, pending.subarray(0, used), out);
        this.push(out);
      });
    },
  });
}
