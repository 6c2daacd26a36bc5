// Calls into real services (openServices) as the UI makes them, for integration tests.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Job } from '../../shared/domain.js';
import type { Result, TidemarkError } from '../../shared/result.js';
import type { Services } from '../../electron/core/services.js';

/** `svc` is read on every call: a test may close and reopen the services. */
export function servicesCalls(svc: () => Services) {
  async function call<T>(name: string, input: unknown): Promise<T> {
    const r = (await svc().call(name, input)) as Result<T>;
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  }
  async function fails(name: string, input: unknown): Promise<TidemarkError> {
    const r = await svc().call(name, input);
    if (r.ok) throw new Error(`${name} should have failed`);
    return r.error;
  }
  /** A job's end, through the runner's own events. */
  function finished(job: Job): Promise<Job> {
    return new Promise((resolve) => {
      const check = (j: Job) => j.id === job.id && ['succeeded', 'failed', 'cancelled'].includes(j.state) && (off(), resolve(j));
      const off = svc().onEvent((e, p) => e === 'jobUpdated' && check(p as Job));
      void call<Job>('getJob', { id: job.id }).then(check);
    });
  }
  return { call, fails, finished };
}

/** Every file under a directory with its size and mtime: "nothing written" means this does not change. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(`${relative(dir, p)} ${st.size} ${st.mtimeMs}`);
    }
  };
  walk(dir);
  return out.sort();
}
