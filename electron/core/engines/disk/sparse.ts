// Writes image bytes to a target: all-zero blocks are skipped (holes in a fresh file), or written (a device keeps old data otherwise).
import type { FileHandle } from 'node:fs/promises';

export const BLOCK = 4096;
const ZERO = Buffer.alloc(64 * 1024);

function isZero(buf: Buffer, start: number, end: number): boolean {
  for (let off = start; off < end; off += ZERO.length) {
    const len = Math.min(ZERO.length, end - off);
    if (buf.compare(ZERO, 0, len, off, off + len) !== 0) return false;
  }
  return true;
}

/**
 * Writes `view` at `offset`. With `sparse`, runs of zero 4 KiB blocks are not written; the caller
 * truncates the file to its final size so a trailing hole still counts. Returns when every write is done.
 */
export async function writeSparse(fh: FileHandle, view: Buffer, offset: number, sparse: boolean): Promise<void> {
  if (!sparse) {
    await writeAll(fh, view, offset);
    return;
  }
  const writes: Promise<void>[] = [];
  let runStart = -1;
  for (let off = 0; off < view.length; off += BLOCK) {
    const end = Math.min(off + BLOCK, view.length);
    const zero = isZero(view, off, end);
    if (!zero && runStart < 0) runStart = off;
    if (zero && runStart >= 0) {
      writes.push(writeAll(fh, view.subarray(runStart, off), offset + runStart));
      runStart = -1;
    }
  }
  if (runStart >= 0) writes.push(writeAll(fh, view.subarray(runStart), offset + runStart));
  await Promise.all(writes);
}

async function writeAll(fh: FileHandle, buf: Buffer, pos: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await fh.write(buf, done, buf.length - done, pos + done);
    done += bytesWritten;
  }
}

/**
 * Starts a background fdatasync every `every` bytes written, so the disk writes back while the restore
 * still decompresses and hashes, and the final fsync has little left to do.
 */
export class Writeback {
  private since = 0;
  private pending: Promise<void> | null = null;
  private error: unknown = null;

  constructor(
    private readonly fh: FileHandle,
    private readonly every = 64 << 20,
  ) {}

  wrote(bytes: number): void {
    this.since += bytes;
    if (this.since < this.every || this.pending) return;
    this.since = 0;
    this.pending = this.fh
      .datasync()
      .catch((e: unknown) => void (this.error ??= e))
      .finally(() => (this.pending = null));
  }

  /** Waits for the background flush, then fsyncs what is left; throws what a background flush hit. */
  async finish(): Promise<void> {
    await this.pending;
    if (this.error) throw this.error;
    await this.fh.sync();
  }
}
