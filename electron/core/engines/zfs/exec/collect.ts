import { CodedError } from '../../../../../shared/result.js';
import type { Proc, RunResult } from './types.js';

/** Runs a Proc to completion with stdin closed, collecting stdout/stderr, killing it on timeout or abort. */
export async function collect(proc: Proc, timeoutMs: number, signal: AbortSignal | undefined, what: string): Promise<RunResult> {
  proc.stdin.end();
  const chunks: Buffer[] = [];
  proc.stdout.on('data', (c: Buffer) => chunks.push(c));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill();
  }, timeoutMs);
  const onAbort = () => proc.kill();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const end = await proc.done;
    if (timedOut) throw new CodedError('remote', `${what} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`);
    if (signal?.aborted) throw new CodedError('cancelled', `${what} was cancelled`);
    return { code: end.code ?? -1, stdout: Buffer.concat(chunks).toString('utf8'), stderr: end.stderr };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
