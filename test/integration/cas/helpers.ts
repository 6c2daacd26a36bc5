import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobContext, ProgressUpdate } from '../../../electron/core/jobs/types.js';

const made: string[] = [];

export function tmp(prefix = 'tm-cas-'): string {
  const d = mkdtempSync(join(process.env.TIDEMARK_TEST_TMP ?? tmpdir(), prefix));
  made.push(d);
  return d;
}

/** afterAll(cleanupTmp): removes every directory tmp() made (kept with TIDEMARK_TEST_KEEP=1). */
export function cleanupTmp(): void {
  if (process.env.TIDEMARK_TEST_KEEP === '1') return;
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A real job context: an abort controller, and progress/logs collected for assertions. */
export function jobCtx(): JobContext & { controller: AbortController; updates: ProgressUpdate[]; logs: string[] } {
  const controller = new AbortController();
  const updates: ProgressUpdate[] = [];
  const logs: string[] = [];
  return { controller, updates, logs, signal: controller.signal, progress: (u) => updates.push(u), log: (l, m) => logs.push(`${l}: ${m}`) };
}

export interface Described {
  type: string;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  size: number;
  sha?: string;
  target?: string;
  inoGroup?: string;
  blocks?: number;
}

/** Everything a byte-identical round trip must preserve, keyed by relative path (raw bytes as latin1). */
export function describeTree(root: string): Map<string, Described> {
  const out = new Map<string, Described>();
  const inos = new Map<bigint, string>();
  const walk = (rel: Buffer) => {
    const abs = rel.length ? Buffer.concat([Buffer.from(root + '/'), rel]) : Buffer.from(root);
    for (const name of readdirSync(abs, { encoding: 'buffer' }).sort(Buffer.compare)) {
      const r = rel.length ? Buffer.concat([rel, Buffer.from('/'), name]) : name;
      const p = Buffer.concat([Buffer.from(root + '/'), r]);
      const st = lstatSync(p, { bigint: true });
      const d: Described = { type: st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : st.isFIFO() ? 'fifo' : st.isSocket() ? 'socket' : 'other', mode: Number(st.mode), uid: Number(st.uid), gid: Number(st.gid), mtimeMs: Number(st.mtimeNs / 1000000n), size: st.isFile() ? Number(st.size) : 0 };
      if (st.isFile()) {
        d.sha = createHash('sha256').update(readFileSync(p)).digest('hex');
        if (st.nlink > 1n) {
          const first = inos.get(st.ino);
          if (first) d.inoGroup = first;
          else inos.set(st.ino, r.toString('latin1'));
        }
      }
      if (st.isSymbolicLink()) d.target = readlinkSync(p, { encoding: 'buffer' }).toString('latin1');
      if (st.isDirectory()) walk(r);
      out.set(r.toString('latin1'), d);
    }
  };
  walk(Buffer.alloc(0));
  return out;
}
