import { CodedError } from '../../../../../shared/result.js';

// Pack layout (plaintext; the whole file is sealed when the repository is encrypted):
//   "TMPACK\0\1" | blob bytes … | entries (46 bytes each) | u32 count | u32 0 | "TMPKEND\1"
// The trailer makes every pack self-describing: the index can be rebuilt from packs alone.

export const PACK_MAGIC = Buffer.from('TMPACK\x00\x01', 'latin1');
export const PACK_END = Buffer.from('TMPKEND\x01', 'latin1');
export const FOOTER_SIZE = 16;
export const ENTRY_SIZE = 46;

export const BLOB_DATA = 0;
export const BLOB_TREE = 1;
export const FLAG_ZSTD = 1;

export interface BlobEntry {
  id: string; // hex
  type: number;
  flags: number;
  offset: number;
  length: number; // stored bytes
  rawLength: number; // after decompression
}

export function encodeEntries(entries: BlobEntry[], out: Buffer, at: number): number {
  for (const e of entries) {
    out[at] = e.type;
    out[at + 1] = e.flags;
    out.write(e.id, at + 2, 32, 'hex');
    out.writeUInt32LE(e.offset, at + 34);
    out.writeUInt32LE(e.length, at + 38);
    out.writeUInt32LE(e.rawLength, at + 42);
    at += ENTRY_SIZE;
  }
  return at;
}

export function decodeEntries(buf: Buffer, at: number, count: number): BlobEntry[] {
  const out: BlobEntry[] = new Array(count);
  for (let i = 0; i < count; i++, at += ENTRY_SIZE) {
    out[i] = {
      type: buf[at]!,
      flags: buf[at + 1]!,
      id: buf.toString('hex', at + 2, at + 34),
      offset: buf.readUInt32LE(at + 34),
      length: buf.readUInt32LE(at + 38),
      rawLength: buf.readUInt32LE(at + 42),
    };
  }
  return out;
}

export function encodeTrailer(entries: BlobEntry[]): Buffer {
  const out = Buffer.alloc(entries.length * ENTRY_SIZE + FOOTER_SIZE);
  const at = encodeEntries(entries, out, 0);
  out.writeUInt32LE(entries.length, at);
  out.writeUInt32LE(0, at + 4);
  PACK_END.copy(out, at + 8);
  return out;
}

/** Count of entries from the last FOOTER_SIZE bytes; throws `corrupt` when the footer is not ours. */
export function parseFooter(footer: Buffer, packSize: number, name: string): number {
  if (footer.length !== FOOTER_SIZE || !footer.subarray(8).equals(PACK_END)) throw new CodedError('corrupt', `pack ${name}: no valid trailer (truncated or damaged)`);
  const count = footer.readUInt32LE(0);
  if (PACK_MAGIC.length + count * ENTRY_SIZE + FOOTER_SIZE > packSize) throw new CodedError('corrupt', `pack ${name}: trailer claims ${count} blobs, more than fit`);
  return count;
}

/** Entries of a whole plaintext pack, bounds-checked. */
export function parsePack(plain: Buffer, name: string): BlobEntry[] {
  if (plain.length < PACK_MAGIC.length + FOOTER_SIZE || !plain.subarray(0, 8).equals(PACK_MAGIC)) throw new CodedError('corrupt', `pack ${name}: bad header`);
  const count = parseFooter(plain.subarray(plain.length - FOOTER_SIZE), plain.length, name);
  const trailerAt = plain.length - FOOTER_SIZE - count * ENTRY_SIZE;
  const entries = decodeEntries(plain, trailerAt, count);
  for (const e of entries) {
    if (e.offset < PACK_MAGIC.length || e.offset + e.length > trailerAt) throw new CodedError('corrupt', `pack ${name}: blob ${e.id} lies outside the pack`);
  }
  return entries;
}
