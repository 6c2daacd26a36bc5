import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// Hashing (SHA-256 / HMAC) and zstd level 3 are the CPU-heavy steps of a backup; they run in helper
// threads, so the backup thread only reads and chunks. Two steps per chunk: the helper hashes and
// keeps the bytes; the backup thread decides (new or duplicate) and the helper then compresses or
// drops them. zstd-napi has no async API, hence threads rather than the libuv pool.
// The worker is eval'd source, not a file: it works the same under vitest, tsx, an esbuild bundle
// and Electron without another entry point to ship.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash, createHmac } = require('node:crypto');
const { compress } = require(workerData.zstdPath);
const key = workerData.hmacKey ? Buffer.from(workerData.hmacKey, 'hex') : null;
const held = new Map();
// zstd is twice as slow on random data as on text, and random data (media, archives, encrypted files)
// is much of a typical backup. Eight 4 KiB samples spread over the chunk, compressed together,
// decide: if even they do not shrink by 3 %, the chunk is stored as is without compressing it.
const SAMPLES = 8, SAMPLE = 4096;
const sample = Buffer.allocUnsafe(SAMPLES * SAMPLE);
function worthCompressing(raw) {
  if (raw.length < 16 * SAMPLES * SAMPLE) return true;
  const step = Math.floor((raw.length - SAMPLE) / (SAMPLES - 1));
  for (let i = 0; i < SAMPLES; i++) sample.set(raw.subarray(i * step, i * step + SAMPLE), i * SAMPLE);
  return compress(sample, { compressionLevel: 1 }).length < sample.length * 0.97;
}
parentPort.on('message', (m) => {
  if (m.op === 'hash') {
    const raw = new Uint8Array(m.buf);
    const id = (key ? createHmac('sha256', key) : createHash('sha256')).update(raw).digest('hex');
    held.set(m.seq, m.buf);
    parentPort.postMessage({ seq: m.seq, id });
  } else if (m.op === 'drop') {
    held.delete(m.seq);
  } else if (m.op === 'compress') {
    const buf = held.get(m.seq); held.delete(m.seq);
    const raw = new Uint8Array(buf);
    const z = worthCompressing(raw) ? compress(raw, { compressionLevel: workerData.level }) : raw;
    if (z.length < raw.length - (raw.length >> 5)) {
      const out = new Uint8Array(z.length); out.set(z);
      parentPort.postMessage({ seq: m.seq, flags: 1, buf: out.buffer }, [out.buffer]);
    } else {
      parentPort.postMessage({ seq: m.seq, flags: 0, buf }, [buf]);
    }
  }
});
`;

type Reply = { seq: number; id: string } | { seq: number; flags: number; buf: ArrayBuffer };

export interface HashedChunk {
  id: string;
  /** compress and hand back the stored bytes (the helper still holds the raw bytes) */
  compress(): Promise<{ flags: number; stored: Buffer }>;
  /** a duplicate: the helper forgets the bytes */
  drop(): void;
}

export class ChunkPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private next = 0;
  private failed: Error | null = null;

  constructor(opts: { level: number; hmacKey?: string; threads?: number }) {
    const zstdPath = createRequire(import.meta.url).resolve('zstd-napi');
    const size = opts.threads ?? Math.max(1, availableParallelism());
    for (let i = 0; i < size; i++) {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { zstdPath, level: opts.level, hmacKey: opts.hmacKey ?? null } });
      w.on('message', (r: Reply) => {
        const p = this.pending.get(r.seq);
        this.pending.delete(r.seq);
        p?.resolve(r);
      });
      w.on('error', (e) => {
        this.failed = e;
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  private call(w: Worker, msg: object, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.set((msg as { seq: number }).seq, { resolve, reject });
      w.postMessage(msg, transfer);
    });
  }

  /** `raw` is handed over (transferred): the caller must not use it afterwards. */
  async hash(raw: ArrayBuffer): Promise<HashedChunk> {
    const seq = this.seq++;
    const w = this.workers[this.next++ % this.workers.length]!;
    const r = (await this.call(w, { op: 'hash', seq, buf: raw }, [raw])) as { id: string };
    return {
      id: r.id,
      compress: async () => {
        const c = (await this.call(w, { op: 'compress', seq })) as { flags: number; buf: ArrayBuffer };
        return { flags: c.flags, stored: Buffer.from(c.buf) };
      },
      drop: () => w.postMessage({ op: 'drop', seq }),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
