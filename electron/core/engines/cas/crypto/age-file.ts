import { encodeHeader, parseHeader, verifyHeaderMac, type ParsedHeader, type Stanza } from './header.js';
import { corrupt } from './errors.js';
import { randomBuffer } from './sodium.js';
import { openPayload, outputBuffer, PAYLOAD_NONCE_BYTES, payloadKey, sealedPayloadBytes, sealPayload } from './stream.js';

// A whole age file in memory: header, 16-byte payload nonce, STREAM payload. Synchronous on purpose:
// callers seal and unseal 16 MiB packs on a worker thread where an await per object buys nothing.

export const FILE_KEY_BYTES = 16;

export function newFileKey(): Buffer {
  return randomBuffer(FILE_KEY_BYTES);
}

export function sealAge(plain: Uint8Array, fileKey: Buffer, stanzas: Stanza[], into?: Buffer): Buffer {
  const header = encodeHeader(stanzas, fileKey);
  const nonce = randomBuffer(PAYLOAD_NONCE_BYTES);
  const start = header.length + PAYLOAD_NONCE_BYTES;
  const out = outputBuffer(start + sealedPayloadBytes(plain.length), into);
  header.copy(out, 0);
  nonce.copy(out, header.length);
  sealPayload(payloadKey(fileKey, nonce), plain, out.subarray(start));
  return out;
}

/**
 * Opens an age file: `unwrap` turns the header's stanzas into the file key (and throws its own
 * error when none is for us); the MAC is checked before any payload byte is decrypted.
 */
export function openAge(file: Buffer, unwrap: (h: ParsedHeader) => Buffer, into?: Buffer): Buffer {
  const header = parseHeader(file);
  const fileKey = unwrap(header);
  verifyHeaderMac(header, fileKey);
  return openPayloadAfter(file, header, fileKey, into);
}

export function openPayloadAfter(file: Buffer, header: ParsedHeader, fileKey: Buffer, into?: Buffer): Buffer {
  const start = header.length + PAYLOAD_NONCE_BYTES;
  if (file.length < start) throw corrupt('age file is truncated: the payload nonce is missing');
  const nonce = file.subarray(header.length, start);
  return openPayload(payloadKey(fileKey, nonce), file.subarray(start), into);
}
