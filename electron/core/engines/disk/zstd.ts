// Streaming zstd over zstd-napi's native contexts (its stream classes copy every buffer; these write into ours).
import { createRequire } from 'node:module';
import type * as Binding from 'zstd-napi/binding';
import { CodedError } from '../../../../shared/result.js';

const require = createRequire(import.meta.url);
const zstd = require('zstd-napi/binding') as typeof Binding;

export const ZSTD_LEVEL = 3;
const EMPTY = Buffer.alloc(0);

/** Compresses a stream of chunks; `out` receives each filled piece of output (it is reused after `out` returns). */
export class Compressor {
  private readonly cctx = new zstd.CCtx();
  private readonly buf = Buffer.allocUnsafe(zstd.cStreamOutSize() * 4);

  constructor(private readonly out: (piece: Buffer) => void, level = ZSTD_LEVEL) {
    this.cctx.setParameter(zstd.CParameter.compressionLevel, level);
    // a checksum per frame costs little and lets `zstd -t` test an image's payload on its own
    this.cctx.setParameter(zstd.CParameter.checksumFlag, 1);
  }

  /** Announces the total size so it is written into the frame header (miren/zstd -l show it). */
  pledge(size: number): void {
    this.cctx.setPledgedSrcSize(size);
  }

  write(chunk: Uint8Array): void {
    let off = 0;
    while (off < chunk.length) {
      const [, produced, consumed] = this.cctx.compressStream2(this.buf, chunk.subarray(off), zstd.EndDirective.continue);
      off += consumed;
      if (produced) this.out(this.buf.subarray(0, produced));
    }
  }

  end(): void {
    for (;;) {
      const [left, produced] = this.cctx.compressStream2(this.buf, EMPTY, zstd.EndDirective.end);
      if (produced) this.out(this.buf.subarray(0, produced));
      if (left === 0) return;
    }
  }
}

/**
 * Decompresses into caller-owned buffers. `push(input)` then `pull(dst)` until it returns 0;
 * `finish()` checks the stream ended on a frame boundary (a cut-off stream is corrupt, not short).
 */
export class Decompressor {
  private readonly dctx = new zstd.DCtx();
  private input: Uint8Array = EMPTY;
  private frameOpen = false;

  constructor(private readonly what: string) {}

  push(input: Uint8Array): void {
    this.input = input;
  }

  /** Fills dst as far as possible from the pushed input; returns bytes produced (0: needs more input). */
  pull(dst: Uint8Array): number {
    let filled = 0;
    while (filled < dst.length && (this.input.length > 0 || this.frameOpen)) {
      let ret: number, produced: number, consumed: number;
      try {
        [ret, produced, consumed] = this.dctx.decompressStream(dst.subarray(filled), this.input);
      } catch (e) {
        throw new CodedError('corrupt', `${this.what}: the compressed data is damaged (${(e as Error).message})`);
      }
      this.input = this.input.subarray(consumed);
      filled += produced;
      this.frameOpen = ret !== 0;
      if (produced === 0 && consumed === 0) break; // needs input it has not got yet
    }
    return filled;
  }

  finish(): void {
    if (this.frameOpen) throw new CodedError('corrupt', `${this.what}: the compressed data is truncated`);
  }
}
