// Small file-system helpers shared by the disk jobs.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CodedError } from '../../../../shared/result.js';

/** A temporary name beside `path`, hidden and recognisable, so a crash leaves nothing that looks like a result. */
export function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.tidemark-${randomBytes(4).toString('hex')}.tmp`);
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** rename + fsync of the folder: after this returns the new name survives a power cut. */
export async function commitRename(tmp: string, final: string): Promise<void> {
  await rename(tmp, final);
  await fsyncDir(dirname(final));
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true }).catch(() => {});
}

/** Turns a write failure into a message the user can act on. */
export function writeError(e: unknown, what: string): Error {
  if (e instanceof CodedError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new CodedError('io', `no space left on the disk holding ${what}`);
  if (code === 'EDQUOT') return new CodedError('io', `disk quota exceeded writing ${what}`);
  if (code) return new CodedError('io', `cannot write ${what}: ${code}`);
  return e instanceof Error ? e : new Error(String(e));
}

export function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CodedError('cancelled', 'cancelled by the user');
}
