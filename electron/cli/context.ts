import type { Job } from '../../shared/domain.js';
import { formatBytes, formatEta, formatRate } from '../../shared/format.js';
import { CodedError } from '../../shared/result.js';
import { openServices, type Services } from '../core/services.js';
import type { CliContext } from './command.js';

export function createContext(o: { dataDir: string; json: boolean }): CliContext & { close(): Promise<void> } {
  let services: Promise<Services> | null = null;
  const open = () => (services ??= openServices({ dataDir: o.dataDir, transport: 'cli' }));
  return {
    json: o.json,
    dataDir: o.dataDir,
    services: open,
    async call(name, input) {
      const r = await (await open()).call(name, input);
      if (!r.ok) throw new CodedError(r.error.code, r.error.message, r.error.details);
      return r.value as never;
    },
    async waitJob(job) {
      const svc = await open();
      const done = await withProgress(svc, job, !o.json && process.stderr.isTTY === true);
      if (done.state === 'succeeded') return done;
      const msg = done.error?.message ?? done.state;
      throw new CodedError(done.state === 'cancelled' ? 'cancelled' : 'internal', `${done.kind} failed: ${msg}${done.error?.hint ? ` (${done.error.hint})` : ''}`);
    },
    print(text) {
      if (!o.json) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    printJson(value) {
      if (o.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    async close() {
      if (services) await (await services).close();
    },
  };
}

/** Waits for a job; on a terminal, one redrawn status line on stderr. Ctrl-C cancels the job cleanly. */
async function withProgress(svc: Services, job: Job, tty: boolean): Promise<Job> {
  const onSigint = () => svc.jobs.cancel(job.id);
  process.once('SIGINT', onSigint);
  const off = svc.onEvent((event, payload) => {
    if (!tty || event !== 'jobProgress') return;
    const p = payload as NonNullable<Job['progress']>;
    if (p.jobId !== job.id) return;
    const total = p.bytesTotal !== undefined ? ` / ${formatBytes(p.bytesTotal)}` : '';
    const line = `${p.phase}: ${p.filesDone} files, ${formatBytes(p.bytesDone)}${total}, ${formatRate(p.rate)}, ETA ${formatEta(p.etaSeconds)}`;
    process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns ?? 100) - 1)}`);
  });
  try {
    return await svc.jobs.wait(job.id);
  } finally {
    off();
    process.off('SIGINT', onSigint);
    if (tty) process.stderr.write('\r\x1b[K');
  }
}
