import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, writeSync, ftruncateSync, statSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobContext, ProgressUpdate } from '../../../electron/core/jobs/types.js';

export const MiB = 1 << 20;

export function tempDir(tag: string): string {
  return mkdtempSync(join(process.env.TIDEMARK_TEST_TMP ?? tmpdir(), `tidemark-disk-${tag}-`));
}

export interface TestCtx extends JobContext {
  updates: ProgressUpdate[];
  logs: string[];
  abort(): void;
}

export function makeCtx(onProgress?: (u: ProgressUpdate) => void): TestCtx {
  const ac = new AbortController();
  const updates: ProgressUpdate[] = [];
  const logs: string[] = [];
  return {
    signal: ac.signal,
    updates,
    logs,
    abort: () => ac.abort(),
    progress(u) {
      updates.push(u);
      onProgress?.(u);
    },
    log(level, m) {
      logs.push(`${level}: ${m}`);
    },
  };
}

/** A sparse image: `layout` is one letter per 1 MiB block — R random, Z written zeros, H hole. */
export function makeImage(path: string, layout: string, tail = 0): Buffer {
  const fd = openSync(path, 'w');
  const parts: Buffer[] = [];
  for (const [i, c] of [...layout].entries()) {
    const b = c === 'R' ? randomBytes(MiB) : Buffer.alloc(MiB);
    if (c !== 'H') writeSync(fd, b, 0, MiB, i * MiB);
    parts.push(b);
  }
  if (tail) {
    const t = randomBytes(tail);
    writeSync(fd, t, 0, tail, layout.length * MiB);
    parts.push(t);
  }
  ftruncateSync(fd, layout.length * MiB + tail);
  closeSync(fd);
  return Buffer.concat(parts);
}

export const sha256File = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
/** allocated bytes (st_blocks × 512) */
export const allocated = (p: string) => statSync(p).blocks * 512;

export function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
}

export async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { code: (e as { code?: string }).code ?? '', message: (e as Error).message };
  }
  throw new Error('expected the job to fail, it succeeded');
}
