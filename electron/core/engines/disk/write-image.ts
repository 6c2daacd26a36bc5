// One pass over the source: read → (hash on the hasher thread ‖ zstd on this thread) → image file; then the real checksum goes into the header.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CodedError } from '../../../../shared/result.js';
import { checkCancelled, removeQuietly, writeError } from './files.js';
import { encodeHeader, PLACEHOLDER_CHECKSUM, type ImageMeta } from './format.js';
import { ParallelHasher, SlotRing } from './hasher.js';
import { Compressor } from './zstd.js';

export const CHUNK = 4 << 20;
// 8 × 4 MiB of slack between the threads: on a busy machine one of them is often descheduled for a while
export const SLOTS = 8;

export interface WriteImageOptions {
  source: string;
  /** bytes to read: the size measured when the job prepared; fewer available means the source shrank */
  size: number;
  out: string;
  meta: Omit<ImageMeta, 'checksum' | 'size_bytes'>;
  signal: AbortSignal;
  onProgress?(bytesDone: number): void;
}

async function readFull(fh: FileHandle, buf: Buffer, want: number, pos: number): Promise<number> {
  let got = 0;
  while (got < want) {
    const { bytesRead } = await fh.read(buf, got, want - got, pos + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** Writes a complete image to `out` (created, fsynced). On any failure `out` is removed. */
export async function writeImage(o: WriteImageOptions): Promise<{ checksum: string; storedBytes: number }> {
  const meta: ImageMeta = { ...o.meta, size_bytes: o.size, checksum: PLACEHOLDER_CHECKSUM };
  const placeholder = encodeHeader(meta);
  const src = await open(o.source, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new CodedError('io', `cannot open the image ${o.source}: ${e.code ?? e.message}`);
  });
  const hasher = new ParallelHasher();
  let fd = -1;
  let stored = 0;
  try {
    fd = openSync(o.out, 'wx', 0o600); // a disk image holds whatever the disk held: owner only
    const put = (b: Uint8Array) => {
      writeSync(fd, b);
      stored += b.length;
    };
    put(placeholder);
    const zst = new Compressor(put);
    zst.pledge(o.size);
    const ring = new SlotRing(SLOTS, CHUNK);
    // the read of chunk n+1 runs on libuv's pool while this thread compresses chunk n
    const readAt = async (pos: number) => {
      const slot = await ring.acquire();
      const n = await readFull(src, slot.buf, Math.min(CHUNK, o.size - pos), pos);
      return { slot, n };
    };
    let pos = 0;
    let next = o.size > 0 ? readAt(0) : null;
    while (next) {
      const { slot, n } = await next;
      if (n === 0) throw new CodedError('io', `the source ${o.source} shrank during the backup: ${o.size} bytes expected, only ${pos} could be read; no snapshot was made`);
      checkCancelled(o.signal);
      const view = slot.buf.subarray(0, n);
      slot.release(hasher.update(view));
      pos += n;
      next = pos < o.size ? readAt(pos) : null;
      next?.catch(() => {}); // awaited next turn; a failure while this turn throws must not go unhandled
      zst.write(view);
      o.onProgress?.(pos);
    }
    zst.end();
    await ring.drain();
    const checksum = await hasher.digest();
    const header = encodeHeader({ ...meta, checksum });
    if (header.length !== placeholder.length) throw new Error('header length changed when the checksum was written');
    writeSync(fd, header, 0, header.length, 0);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    return { checksum, storedBytes: stored };
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    fd = -1;
    await removeQuietly(o.out);
    const err = writeError(e, `the image store ${dirname(o.out)}`);
    if (!(e instanceof CodedError)) err.message += '; no snapshot was made';
    throw err;
  } finally {
    if (fd >= 0) closeSync(fd);
    await src.close();
    await hasher.close();
  }
}
