// One pass over a stored image: read → zstd on this thread → (hash on the hasher thread ‖ the consumer, e.g. a sparse writer).
import { open } from 'node:fs/promises';
import { CodedError } from '../../../../shared/result.js';
import { checkCancelled } from './files.js';
import type { ParsedHeader } from './format.js';
import { ParallelHasher, SlotRing } from './hasher.js';
import { readHeader } from './store.js';
import { CHUNK, SLOTS } from './write-image.js';
import { Decompressor } from './zstd.js';

const READ = 1 << 20;

export interface DecodeOptions {
  signal: AbortSignal;
  /** gets each run of image bytes in order; the view is reused once the returned promise settles */
  onData?(view: Buffer, offset: number): Promise<unknown> | void;
  onProgress?(bytesDone: number, total: number): void;
}

export interface Decoded {
  header: ParsedHeader;
  checksum: string;
  bytes: number;
}

/** Decodes and verifies an image; throws `corrupt` on a damaged stream, a size or a checksum mismatch. */
export async function decodeImage(path: string, o: DecodeOptions, header?: ParsedHeader): Promise<Decoded> {
  const h = header ?? (await readHeader(path));
  const total = h.meta.size_bytes;
  const fh = await open(path, 'r');
  const hasher = new ParallelHasher();
  try {
    const dec = new Decompressor(path);
    const ring = new SlotRing(SLOTS, CHUNK);
    const inBufs = [Buffer.allocUnsafe(READ), Buffer.allocUnsafe(READ)];
    let filePos = h.dataStart;
    let turn = 0;
    const readNext = () => fh.read(inBufs[turn++ & 1]!, 0, READ, filePos);
    let pending = readNext();
    let done = 0;
    let slot = await ring.acquire();
    let fill = 0;
    const flush = async () => {
      const view = slot.buf.subarray(0, fill);
      const work: Promise<unknown>[] = [hasher.update(view)];
      const w = o.onData?.(view, done - fill);
      if (w) work.push(Promise.resolve(w));
      slot.release(Promise.all(work));
      o.onProgress?.(done, total);
      slot = await ring.acquire();
      fill = 0;
    };
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) break;
      checkCancelled(o.signal);
      filePos += bytesRead;
      pending = readNext(); // the buffer used two reads ago is free again: the decompressor has consumed it
      pending.catch(() => {});
      dec.push(buffer.subarray(0, bytesRead));
      for (;;) {
        const n = dec.pull(slot.buf.subarray(fill));
        if (n === 0) break;
        fill += n;
        done += n;
        if (done > total) throw new CodedError('corrupt', `${path}: the image holds more data than the ${total} bytes its header declares`);
        if (fill === slot.buf.length) {
          checkCancelled(o.signal);
          await flush();
        }
      }
    }
    dec.finish();
    checkCancelled(o.signal); // a small image may end before a slot ever filled
    if (fill > 0) await flush();
    await ring.drain();
    const checksum = await hasher.digest();
    if (done !== total) throw new CodedError('corrupt', `${path}: the image holds ${done} bytes, its header declares ${total}`);
    if (checksum !== h.meta.checksum) throw new CodedError('corrupt', `${path}: checksum mismatch (header ${h.meta.checksum}, data ${checksum})`);
    return { header: h, checksum, bytes: done };
  } finally {
    await fh.close();
    await hasher.close();
  }
}
