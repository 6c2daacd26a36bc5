import type { FileHandle } from 'node:fs/promises';
import type { Chunker } from '../chunker.js';

/**
 * Streams a file through the chunker with one reusable buffer (≥ maxSize): never more than that of
 * the file is in memory. More is read only when the chunker asks for it, so the tail is moved to the
 * front once per buffer-full, not once per chunk. `onChunk` gets a view into the buffer, valid only
 * during the call.
 */
export async function readChunks(fh: FileHandle, chunker: Chunker, buf: Buffer, onChunk: (chunk: Buffer) => Promise<void>, aborted: () => boolean): Promise<number> {
  let start = 0;
  let end = 0;
  let eof = false;
  let total = 0;
  for (;;) {
    if (end === start && eof) return total;
    const n = chunker.cut(buf, start, end, eof);
    if (n < 0) {
      if (start > 0) {
        buf.copy(buf, 0, start, end);
        end -= start;
        start = 0;
      }
      while (end < buf.length) {
        const { bytesRead } = await fh.read(buf, end, buf.length - end, null);
        if (bytesRead === 0) {
          eof = true;
          break;
        }
        end += bytesRead;
        total += bytesRead;
      }
      continue;
    }
    await onChunk(buf.subarray(start, start + n));
    start += n;
    if (aborted()) return total;
  }
}
