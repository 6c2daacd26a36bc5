// SHA-256 on a second thread, over shared memory: the job's own thread compresses (backup) or
// decompresses and writes (restore) while this one hashes the same bytes. Without SHA extensions
// SHA-256 runs at ~250 MB/s per core here, slower than zstd, so it must not share a thread with it.
import { Worker } from 'node:worker_threads';

// Inline source (eval) so the hasher loads the same way under vitest, tsx and the esbuild bundle.
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
let h = createHash('sha256');
parentPort.on('message', (m) => {
  if (m.op === 'update') { h.update(new Uint8Array(m.sab, m.offset, m.length)); parentPort.postMessage({ seq: m.seq }); }
  else if (m.op === 'digest') { parentPort.postMessage({ seq: m.seq, hex: h.digest('hex') }); h = createHash('sha256'); }
});
`;

export class ParallelHasher {
  private readonly worker = new Worker(SOURCE, { eval: true });
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (hex: string) => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;

  constructor() {
    this.worker.on('message', (m: { seq: number; hex?: string }) => {
      const w = this.waiting.get(m.seq);
      this.waiting.delete(m.seq);
      w?.resolve(m.hex ?? '');
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`hash thread exited (${code})`)));
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  private send(msg: object): Promise<string> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ ...msg, seq });
    });
  }

  /** Hashes `view` (which must live in a SharedArrayBuffer); resolves when the bytes may be reused. Updates are applied in call order. */
  update(view: Uint8Array): Promise<void> {
    if (!(view.buffer instanceof SharedArrayBuffer)) throw new Error('ParallelHasher.update needs shared memory');
    return this.send({ op: 'update', sab: view.buffer, offset: view.byteOffset, length: view.byteLength }).then(() => undefined);
  }

  /** The hex digest of everything updated so far; the hasher starts over afterwards. */
  digest(): Promise<string> {
    return this.send({ op: 'digest' });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** Fixed buffers in shared memory, reused round-robin: `slot(i)` is free once the work started on it K slots ago is done. */
export class SlotRing {
  private readonly views: Buffer[];
  private readonly busy: (Promise<unknown> | null)[];
  private next = 0;

  constructor(count: number, readonly size: number) {
    const sab = new SharedArrayBuffer(count * size);
    this.views = Array.from({ length: count }, (_, i) => Buffer.from(sab, i * size, size));
    this.busy = new Array<Promise<unknown> | null>(count).fill(null);
  }

  /** Waits until the next slot's previous work is done, then hands it out. */
  async acquire(): Promise<{ buf: Buffer; release(work: Promise<unknown>): void }> {
    const i = this.next;
    this.next = (i + 1) % this.views.length;
    await this.busy[i];
    return {
      buf: this.views[i]!,
      release: (work) => {
        work.catch(() => {}); // awaited by acquire/drain; this only keeps an abandoned ring from crashing the thread
        this.busy[i] = work;
      },
    };
  }

  /** Waits for every slot's work; rejects with the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.busy);
  }
}
