import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// zstd-napi has no async API, so level-3 compression (the slowest step of a backup) runs in
// helper threads. The worker is eval'd source, not a file: it then works the same under vitest,
// tsx, an esbuild bundle and Electron without another entry point to ship.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { compress } = require(workerData.zstdPath);
parentPort.on('message', (m) => {
  const raw = new Uint8Array(m.buf);
  const z = compress(raw, { compressionLevel: m.level });
  if (z.length < raw.length - (raw.length >> 5)) {
    const out = new Uint8Array(z.length); out.set(z);
    parentPort.postMessage({ seq: m.seq, flags: 1, buf: out.buffer }, [out.buffer]);
  } else {
    parentPort.postMessage({ seq: m.seq, flags: 0, buf: m.buf }, [m.buf]);
  }
});
`;

interface Reply {
  seq: number;
  flags: number;
  buf: ArrayBuffer;
}

export class CompressPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: { flags: number; stored: Buffer }) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private next = 0;

  constructor(
    private readonly level: number,
    size = Math.max(1, availableParallelism()),
  ) {
    const zstdPath = createRequire(import.meta.url).resolve('zstd-napi');
    for (let i = 0; i < size; i++) {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { zstdPath } });
      w.on('message', (r: Reply) => {
        const p = this.pending.get(r.seq);
        this.pending.delete(r.seq);
        p?.resolve({ flags: r.flags, stored: Buffer.from(r.buf) });
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** `raw` is handed over (transferred): the caller must not use it afterwards. */
  compress(raw: ArrayBuffer): Promise<{ flags: number; stored: Buffer }> {
    const seq = this.seq++;
    const w = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      w.postMessage({ seq, buf: raw, level: this.level }, [raw]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
