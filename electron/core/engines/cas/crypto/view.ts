/**
 * A Buffer over the same memory. Buffers posted to a worker arrive as plain Uint8Arrays, whose
 * toString/indexOf/equals behave differently, so every entry point normalises its input first.
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
