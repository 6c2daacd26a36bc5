import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CUT_SOURCE, type ChunkerSpec } from '../chunker.js';
import { COLLECT_SOURCE } from './collect.js';

// Reading + chunking, hashing (SHA-256 / HMAC) and zstd level 3 are the CPU-heavy steps of a backup;
// they run in helper threads. Small files are chunked by the backup thread and only hashed here;
// big files are read and chunked here too, one per helper, so several files are chunked at once.
// Either way a chunk is hashed and held by the helper; the backup thread decides (new or duplicate)
// and the helper then compresses or drops it. zstd-napi has no async API, hence threads.
// The worker is eval'd source, not a file: it works the same under vitest, tsx, an esbuild bundle
// and Electron without another entry point to ship; the chunker comes in as CUT_SOURCE.
const WORKER_SOURCE = `${COLLECT_SOURCE}
const { parentPort, workerData } = require('node:worker_threads');
let sinceGc = 0;
const churn = (n) => { sinceGc += n; if (sinceGc > (16 << 20)) { sinceGc = 0; collectYoung(); } };
const { createHash, createHmac } = require('node:crypto');
const fs = require('node:fs');
const { compress } = require(workerData.zstdPath);
const key = workerData.hmacKey ? Buffer.from(workerData.hmacKey, 'hex') : null;
const cut = new Function('return ' + workerData.cutSource)();
const C = workerData.chunker;
const hash = (b) => (key ? createHmac('sha256', key) : createHash('sha256')).update(b).digest('hex');
// key → ArrayBuffer (a chunk sent by the backup thread) or Buffer view (a chunk of a file read here)
const held = new Map();
const owner = new Map();
let waiters = [];
let aborted = false;
function release(k) {
  held.delete(k);
  const o = owner.get(k);
  if (o) { o.delete(k); owner.delete(k); }
  if (waiters.length) { const w = waiters; waiters = []; for (const f of w) f(); }
}
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
// Read buffers are reused (one per file being read): garbage buffers of 12 MiB would otherwise pile
// up between collections. Chunks of a helper-read file are hashed and held as views into the read
// buffer, not copies; before the buffer is refilled, every chunk in it must have been decided.
const freeBufs = [];
async function chunkFile(m) {
  const fail = (error) => parentPort.postMessage({ seq: m.seq, done: true, error });
  let fh;
  try {
    fh = await fs.promises.open(Buffer.from(m.path), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (e) { return fail('cannot open: ' + e.message); }
  const buf = freeBufs.pop() ?? Buffer.allocUnsafe(C.maxSize + (4 << 20));
  const mine = new Set();
  try {
    const before = await fh.stat({ bigint: true });
    if (!before.isFile()) return fail('changed type since the scan, not backed up');
    let start = 0, end = 0, eof = false, total = 0, n = 0;
    for (;;) {
      if (aborted) return fail('cancelled');
      if (end === start && eof) break;
      const len = cut(C.gear, C.maskS, C.maskL, C.minSize, C.avgSize, C.maxSize, buf, start, end, eof);
      if (len < 0) {
        while (mine.size) await new Promise((r) => waiters.push(r));
        if (start > 0) { buf.copy(buf, 0, start, end); end -= start; start = 0; }
        while (end < buf.length) {
          const { bytesRead } = await fh.read(buf, end, buf.length - end, null);
          if (bytesRead === 0) { eof = true; break; }
          end += bytesRead; total += bytesRead;
        }
        continue;
      }
      const view = buf.subarray(start, start + len);
      const k = m.seq + '/' + n;
      held.set(k, view); mine.add(k);
      owner.set(k, mine);
      parentPort.postMessage({ seq: m.seq, chunk: n, key: k, id: hash(view), len });
      n++; start += len;
    }
    while (mine.size) await new Promise((r) => waiters.push(r));
    const after = await fh.stat({ bigint: true });
    parentPort.postMessage({ seq: m.seq, done: true, total, chunks: n, before: [String(before.size), String(before.mtimeNs), String(before.ctimeNs)], after: [String(after.size), String(after.mtimeNs)] });
  } catch (e) { fail('read failed: ' + e.message); }
  finally {
    await fh.close();
    for (const k of mine) { held.delete(k); owner.delete(k); }
    freeBufs.push(buf);
  }
}
parentPort.on('message', (m) => {
  if (m.op === 'hash') {
    held.set(String(m.seq), m.buf);
    parentPort.postMessage({ seq: m.seq, id: hash(new Uint8Array(m.buf)) });
  } else if (m.op === 'file') {
    void chunkFile(m);
  } else if (m.op === 'abort') {
    aborted = true;
  } else if (m.op === 'drop') {
    const h = held.get(m.key);
    release(m.key);
    if (h) churn(h.byteLength);
  } else if (m.op === 'compress') {
    const h = held.get(m.key);
    const raw = h instanceof ArrayBuffer ? new Uint8Array(h) : h;
    churn(raw.length);
    const z = worthCompressing(raw) ? compress(raw, { compressionLevel: workerData.level }) : raw;
    if (z.length < raw.length - (raw.length >> 5)) {
      const out = new Uint8Array(z.length); out.set(z);
      release(m.key);
      parentPort.postMessage({ seq: m.seq, flags: 1, buf: out.buffer }, [out.buffer]);
    } else if (h instanceof ArrayBuffer) {
      release(m.key);
      parentPort.postMessage({ seq: m.seq, flags: 0, buf: h }, [h]);
    } else {
      const out = new Uint8Array(raw.length); out.set(raw); // a view into the read buffer: copied out
      release(m.key);
      parentPort.postMessage({ seq: m.seq, flags: 0, buf: out.buffer }, [out.buffer]);
    }
  }
});
`;

interface FileDoneMsg {
  seq: number;
  done: true;
  error?: string;
  total?: number;
  chunks?: number;
  before?: [string, string, string];
  after?: [string, string];
}
interface ChunkMsg {
  seq: number;
  chunk: number;
  key: string;
  id: string;
  len: number;
}
type Reply = { seq: number; id: string } | { seq: number; flags: number; buf: ArrayBuffer } | ChunkMsg | FileDoneMsg;

export interface HashedChunk {
  id: string;
  /** compress and hand back the stored bytes (the helper still holds the raw bytes) */
  compress(): Promise<{ flags: number; stored: Buffer }>;
  /** a duplicate: the helper forgets the bytes */
  drop(): void;
}

export interface FileChunk extends HashedChunk {
  index: number;
  length: number;
}

export type FileResult =
  | { ok: true; size: number; before: { size: bigint; mtimeNs: bigint; ctimeNs: bigint }; after: { size: bigint; mtimeNs: bigint } }
  | { ok: false; message: string };

export class ChunkPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private readonly files = new Map<number, { worker: Worker; onChunk: (c: FileChunk) => void; resolve: (r: FileResult) => void; reject: (e: Error) => void }>();
  private readonly busy = new Map<Worker, number>();
  private seq = 0;
  private next = 0;
  private failed: Error | null = null;

  constructor(opts: { level: number; chunker: ChunkerSpec; hmacKey?: string; threads?: number }) {
    const zstdPath = createRequire(import.meta.url).resolve('zstd-napi');
    const size = opts.threads ?? Math.max(1, availableParallelism());
    const workerData = { zstdPath, level: opts.level, hmacKey: opts.hmacKey ?? null, cutSource: CUT_SOURCE, chunker: opts.chunker };
    for (let i = 0; i < size; i++) {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData });
      w.on('message', (r: Reply) => this.onMessage(w, r));
      w.on('error', (e) => {
        this.failed = e;
        for (const p of this.pending.values()) p.reject(e);
        for (const f of this.files.values()) f.reject(e);
        this.pending.clear();
        this.files.clear();
      });
      this.workers.push(w);
    }
  }

  get threads(): number {
    return this.workers.length;
  }

  private onMessage(w: Worker, r: Reply): void {
    if ('done' in r || 'chunk' in r) {
      const f = this.files.get(r.seq);
      if (!f) return;
      if ('chunk' in r) {
        f.onChunk({ index: r.chunk, length: r.len, ...this.held(w, r.key, r.id) });
        return;
      }
      this.files.delete(r.seq);
      if (r.error !== undefined) return f.resolve({ ok: false, message: r.error });
      const [bs, bm, bc] = r.before!;
      const [as, am] = r.after!;
      f.resolve({ ok: true, size: r.total!, before: { size: BigInt(bs), mtimeNs: BigInt(bm), ctimeNs: BigInt(bc) }, after: { size: BigInt(as), mtimeNs: BigInt(am) } });
      return;
    }
    const p = this.pending.get(r.seq);
    this.pending.delete(r.seq);
    p?.resolve(r);
  }

  private call(w: Worker, msg: { seq: number }, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.set(msg.seq, { resolve, reject });
      w.postMessage(msg, transfer);
    });
  }

  private held(w: Worker, key: string, id: string): HashedChunk {
    return {
      id,
      compress: async () => {
        const c = (await this.call(w, { op: 'compress', seq: this.seq++, key } as { seq: number })) as { flags: number; buf: ArrayBuffer };
        return { flags: c.flags, stored: Buffer.from(c.buf) };
      },
      drop: () => w.postMessage({ op: 'drop', key }),
    };
  }

  private pick(): Worker {
    return this.workers[this.next++ % this.workers.length]!;
  }

  /** `raw` is handed over (transferred): the caller must not use it afterwards. */
  async hash(raw: ArrayBuffer): Promise<HashedChunk> {
    const seq = this.seq++;
    const w = this.pick();
    const r = (await this.call(w, { op: 'hash', seq, buf: raw } as { seq: number }, [raw])) as { id: string };
    return this.held(w, String(seq), r.id);
  }

  /** A helper reads and chunks the whole file; `onChunk` sees every chunk in order, hashed and held. */
  chunkFile(path: Buffer, onChunk: (c: FileChunk) => void): Promise<FileResult> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = this.seq++;
    // the helper reading the fewest files
    const w = [...this.workers].sort((a, b) => (this.busy.get(a) ?? 0) - (this.busy.get(b) ?? 0))[0]!;
    this.busy.set(w, (this.busy.get(w) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      const release = () => this.busy.set(w, (this.busy.get(w) ?? 1) - 1);
      this.files.set(seq, { worker: w, onChunk, resolve: (r) => (release(), resolve(r)), reject: (e) => (release(), reject(e)) });
      w.postMessage({ op: 'file', seq, path: new Uint8Array(path) });
    });
  }

  /** Stops every file a helper is reading (cancel). */
  abort(): void {
    for (const w of this.workers) w.postMessage({ op: 'abort' });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
