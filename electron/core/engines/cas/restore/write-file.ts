import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { CodedError } from '../../../../../shared/result.js';
import type { Repository } from '../repo/repository.js';

let zeros: Buffer | undefined;
function isZero(b: Buffer): boolean {
  if (!zeros || zeros.length < b.length) zeros = Buffer.alloc(Math.max(b.length, 8 << 20));
  return b.equals(zeros.subarray(0, b.length));
}

/**
 * Writes a file from its chunks. Every chunk is verified against its id (readBlob); all-zero
 * chunks are not written, so they become holes (sparse), and the final truncate sets the size.
 */
export async function writeFileFromChunks(repo: Repository, abs: Buffer, chunks: string[], size: number, onBytes: (n: number) => void, signal?: AbortSignal): Promise<void> {
  const fh = await open(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    let offset = 0;
    // Up to AHEAD chunks are read, decompressed and verified (hashing runs on the thread pool)
    // while the current one is written.
    const AHEAD = 3;
    const ahead: Promise<Buffer>[] = [];
    const fetch = (i: number) => {
      if (i >= chunks.length) return;
      const p = repo.readBlob(chunks[i]!);
      p.catch(() => {}); // surfaced when awaited
      ahead.push(p);
    };
    for (let i = 0; i < AHEAD; i++) fetch(i);
    for (let i = 0; i < chunks.length; i++) {
      if (signal?.aborted) throw new CodedError('cancelled', 'restore cancelled');
      const data = await ahead.shift()!;
      fetch(i + AHEAD);
      if (!isZero(data)) {
        let done = 0;
        while (done < data.length) done += (await fh.write(data, done, data.length - done, offset + done)).bytesWritten;
      }
      offset += data.length;
      onBytes(data.length);
    }
    if (offset !== size) throw new Error(`chunks hold ${offset} bytes, the entry says ${size}`);
    await fh.truncate(size);
  } catch (e) {
    // never leave a half-written file that looks restored
    await fh.close().catch(() => {});
    await unlink(abs).catch(() => {});
    throw e;
  }
  await fh.close();
}
