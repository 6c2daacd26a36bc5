import { CodedError } from '../../../../../shared/result.js';
import { type BlobEntry, decodeEntries, ENTRY_SIZE, encodeEntries } from '../pack/format.js';

// Index file (plaintext before sealing):
//   "TMIDX\0\0\1" | per pack: pack id (32) | u32 pack size | u32 count | entries (46 bytes each)
// Written after the packs it names, so an index never points at a pack that is not there.

const MAGIC = Buffer.from('TMIDX\x00\x00\x01', 'latin1');

export interface IndexedPack {
  id: string;
  size: number;
  entries: BlobEntry[];
}

export function encodeIndex(packs: IndexedPack[]): Buffer {
  let total = MAGIC.length;
  for (const p of packs) total += 40 + p.entries.length * ENTRY_SIZE;
  const out = Buffer.alloc(total);
  MAGIC.copy(out, 0);
  let at = MAGIC.length;
  for (const p of packs) {
    out.write(p.id, at, 32, 'hex');
    out.writeUInt32LE(p.size, at + 32);
    out.writeUInt32LE(p.entries.length, at + 36);
    at = encodeEntries(p.entries, out, at + 40);
  }
  return out;
}

/** `onlyType`: keep only blobs of that type (browsing needs tree pages, not the 100,000s of data chunks). */
export function decodeIndex(buf: Buffer, name: string, onlyType?: number): IndexedPack[] {
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new CodedError('corrupt', `index ${name}: bad header`);
  const packs: IndexedPack[] = [];
  let at = MAGIC.length;
  while (at < buf.length) {
    if (at + 40 > buf.length) throw new CodedError('corrupt', `index ${name}: truncated`);
    const id = buf.toString('hex', at, at + 32);
    const size = buf.readUInt32LE(at + 32);
    const count = buf.readUInt32LE(at + 36);
    at += 40;
    if (at + count * ENTRY_SIZE > buf.length) throw new CodedError('corrupt', `index ${name}: truncated`);
    if (onlyType === undefined) packs.push({ id, size, entries: decodeEntries(buf, at, count) });
    else {
      const entries = [];
      for (let i = 0, e = at; i < count; i++, e += ENTRY_SIZE) if (buf[e] === onlyType) entries.push(decodeEntries(buf, e, 1)[0]!);
      if (entries.length) packs.push({ id, size, entries });
    }
    at += count * ENTRY_SIZE;
  }
  return packs;
}
