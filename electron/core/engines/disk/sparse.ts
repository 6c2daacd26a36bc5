// Writes image bytes to a target: all-zero blocks are skipped (holes in a fresh file), or written (a device keeps old data otherwise).
import type { FileHandle } from 'node:fs/promises';

export const BLOCK = 4096;
const ZERO = Buffer.alloc(1 << 20);

/**
 * Whether buf[start, end) is all zero. Data blocks almost always have a non-zero first or last byte,
 * so they are told apart in JS without a native call; only candidate zero blocks get a memcmp.
 */
function isZero(buf: Buffer, start: number, end: number): boolean {
  if (buf[start] !== 0 || buf[end - 1] !== 0) return false;
  for (let off = start; off < end; off += ZERO.length) {
    const len = Math.min(ZERO.length, end - off);
    if (buf.compare(ZERO, 0, len, off, off + len) !== 0) return false;
  }
  return true;
}

/** Where the zero run starting at block `off` (known zero) ends: large spans are tested in one memcmp first. */
function zeroRunEnd(view: Buffer, off: number): number {
  let at = off + BLOCK;
  let spans = true; // once a span fails, data is near: go block by block rather than memcmp the same zeros again
  while (at < view.length) {
    const span = Math.min(ZERO.length, view.length - at);
    if (spans && span > BLOCK && isZero(view, at, at + span)) {
      at += span;
      continue;
    }
    spans = false;
    const end = Math.min(at + BLOCK, view.length);
    if (!isZero(view, at, end)) break;
    at = end;
  }
  return Math.min(at, view.length);
}

/**
 * Writes `view` at `offset` on libuv's pool, so a write that blocks (dirty-page throttling, a journal
 * commit during the background fdatasync: stalls of 100–200 ms were measured) does not stop this thread
 * decompressing ahead of the hasher. With `sparse`, runs of zero 4 KiB blocks are not written; the caller
 * truncates the file to its final size so a trailing hole still counts. Resolves when every write is done.
 */
export async function writeSparse(fh: FileHandle, view: Buffer, offset: number, sparse: boolean): Promise<void> {
  if (!sparse) return writeAll(fh, view, offset);
  const writes: Promise<void>[] = [];
  let runStart = -1;
  let off = 0;
  while (off < view.length) {
    const end = Math.min(off + BLOCK, view.length);
    if (!isZero(view, off, end)) {
      if (runStart < 0) runStart = off;
      off = end;
      continue;
    }
    if (runStart >= 0) writes.push(writeAll(fh, view.subarray(runStart, off), offset + runStart));
    runStart = -1;
    off = zeroRunEnd(view, off);
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
