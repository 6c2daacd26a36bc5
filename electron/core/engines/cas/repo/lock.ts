import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CodedError } from '../../../../../shared/result.js';
import type { Storage } from '../storage/types.js';

// locks/<random>: { host, pid, operation, exclusive, createdAt, heartbeat }. Exclusive locks
// (backup, forget, gc, rebuild-index) exclude everything; shared ones (restore, verify, ls) only
// exclude exclusive ones. A lock whose owner is gone is broken with a message, never waited on.

export const HEARTBEAT_MS = 30_000;
export const STALE_MS = 5 * 60_000;

interface LockFile {
  host: string;
  pid: number;
  operation: string;
  exclusive: boolean;
  createdAt: string;
  heartbeat: string;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function staleReason(l: LockFile, now = Date.now()): string | null {
  if (l.host === hostname() && !pidAlive(l.pid)) return `its process ${l.pid} on ${l.host} is gone`;
  const age = now - Date.parse(l.heartbeat);
  if (!(age < STALE_MS)) return `its heartbeat is ${Math.round(age / 1000)} s old`;
  return null;
}

export class RepoLock {
  private timer: NodeJS.Timeout | undefined;
  private constructor(
    private readonly storage: Storage,
    readonly name: string,
    private readonly body: LockFile,
  ) {}

  static async acquire(storage: Storage, operation: string, exclusive: boolean, opts: { log?: (m: string) => void; waitMs?: number } = {}): Promise<RepoLock> {
    const deadline = Date.now() + (opts.waitMs ?? 10_000);
    const now = new Date().toISOString();
    const body: LockFile = { host: hostname(), pid: process.pid, operation, exclusive, createdAt: now, heartbeat: now };
    const name = `locks/${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
    for (;;) {
      const blocker = await findBlocker(storage, exclusive, null, opts.log);
      if (!blocker) {
        try {
          await storage.replace(name, Buffer.from(JSON.stringify(body)));
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code !== 'EROFS' && code !== 'EACCES' && code !== 'EPERM') throw e;
          // A repository on read-only media can still be read (restore, verify, ls), never written.
          if (exclusive) throw new CodedError('io', `repository ${storage.location} is read-only (${code}): cannot ${operation}`);
          opts.log?.(`repository ${storage.location} is read-only: ${operation} runs without a lock`);
          return new RepoLock(storage, '', body);
        }
        // Two writers may have checked at the same time: the lock with the smaller name wins.
        const race = await findBlocker(storage, exclusive, name, opts.log);
        if (!race || race.name > name) {
          const lock = new RepoLock(storage, name, body);
          lock.timer = setInterval(() => void lock.refresh(), HEARTBEAT_MS);
          lock.timer.unref();
          return lock;
        }
        await storage.delete(name);
      }
      if (Date.now() > deadline) {
        const b = blocker ?? (await findBlocker(storage, exclusive, null));
        const who = b ? `${b.lock.operation} by pid ${b.lock.pid} on ${b.lock.host} since ${b.lock.createdAt}` : 'another process';
        throw new CodedError('conflict', `repository ${storage.location} is locked (${who})`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private async refresh(): Promise<void> {
    this.body.heartbeat = new Date().toISOString();
    await this.storage.replace(this.name, Buffer.from(JSON.stringify(this.body))).catch(() => {});
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    if (this.name) await this.storage.delete(this.name).catch(() => {});
  }
}

async function findBlocker(storage: Storage, exclusive: boolean, self: string | null, log?: (m: string) => void): Promise<{ name: string; lock: LockFile } | null> {
  for (const name of await storage.list('locks')) {
    if (name === self) continue;
    let lock: LockFile;
    try {
      lock = JSON.parse((await storage.get(name)).toString('utf8')) as LockFile;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
      log?.(`removing unreadable lock ${name}`);
      await storage.delete(name);
      continue;
    }
    const stale = staleReason(lock);
    if (stale) {
      log?.(`breaking stale lock of ${lock.operation} (pid ${lock.pid} on ${lock.host}): ${stale}`);
      await storage.delete(name).catch(() => {}); // read-only media: it is then only ignored
      continue;
    }
    if (exclusive || lock.exclusive) return { name, lock };
  }
  return null;
}
