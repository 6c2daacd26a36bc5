// age encodes everything in the header as standard base64 without padding, and requires the canonical
// form: a string that decodes but would not re-encode to itself is rejected (malleability).

export function b64encode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64').replace(/=+$/, '');
}

const B64 = /^[A-Za-z0-9+/]*$/;

/** Returns null unless `s` is canonical unpadded base64. */
export function b64decode(s: string): Buffer | null {
  if (!B64.test(s) || s.length % 4 === 1) return null;
  const bytes = Buffer.from(s, 'base64');
  return b64encode(bytes) === s ? bytes : null;
}
