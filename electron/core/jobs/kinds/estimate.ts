import { opendir, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EstimateResult } from '../../../../shared/contract/index.js';
import { CodedError } from '../../../../shared/result.js';
import type { JobHandler } from '../types.js';

export interface EstimateInput {
  root: string;
}

/**
 * Walks a tree without following symlinks and counts what a backup would read.
 * Unreadable entries are collected, never fatal: the user needs to see them, not lose the whole scan.
 */
export const estimate: JobHandler<EstimateInput, EstimateResult> = async ({ root }, ctx) => {
  const started = Date.now();
  const result: EstimateResult = { files: 0, dirs: 0, bytes: 0, unreadable: [], durationMs: 0 };
  const top = await lstat(root).catch((e: NodeJS.ErrnoException) => {
    throw new CodedError('io', `cannot read the source ${root}: ${e.code ?? e.message}`);
  });
  if (!top.isDirectory()) throw new CodedError('bad-input', `the source ${root} is not a directory`);

  const stack = [root];
  while (stack.length) {
    if (ctx.signal.aborted) throw new CodedError('cancelled', 'cancelled by the user');
    const dir = stack.pop()!;
    result.dirs++;
    let handle;
    try {
      handle = await opendir(dir, { bufferSize: 256 });
    } catch (e) {
      result.unreadable.push({ path: dir, error: (e as NodeJS.ErrnoException).code ?? String(e) });
      continue;
    }
    try {
      for await (const entry of handle) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          stack.push(path);
          continue;
        }
        result.files++;
        if (entry.isFile()) {
          try {
            result.bytes += (await lstat(path)).size;
          } catch (e) {
            result.unreadable.push({ path, error: (e as NodeJS.ErrnoException).code ?? String(e) });
          }
        }
        if (result.files % 256 === 0) {
          if (ctx.signal.aborted) throw new CodedError('cancelled', 'cancelled by the user');
          ctx.progress({ phase: 'scanning', bytesDone: result.bytes, filesDone: result.files, currentItem: path });
        }
      }
    } catch (e) {
      if (e instanceof CodedError) throw e;
      result.unreadable.push({ path: dir, error: (e as NodeJS.ErrnoException).code ?? String(e) });
    }
  }
  for (const u of result.unreadable.slice(0, 100)) ctx.log('warn', `unreadable: ${u.path} (${u.error})`);
  ctx.progress({ phase: 'done', bytesDone: result.bytes, filesDone: result.files, bytesTotal: result.bytes, filesTotal: result.files });
  result.durationMs = Date.now() - started;
  return result;
};
