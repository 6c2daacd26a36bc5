// Two zfs-fuse pools and a loopback sshd, shared by the zfs integration tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobContext, ProgressUpdate } from '../../../electron/core/jobs/types.js';
import type { ZfsSyncInput } from '../../../electron/core/engines/zfs/sync.js';
import type { RetentionPolicy } from '../../../shared/domain.js';
import { startSshd, type TestSshd } from '../../support/sshd.js';
import { createPool, zfs, type TestPool } from '../../support/zfs.js';

export interface ZfsEnv {
  sshd: TestSshd;
  local: TestPool;
  remote: TestPool;
  dataDir: string;
  stop(): void;
}

export async function startEnv(remoteSizeMiB = 256): Promise<ZfsEnv> {
  const sshd = await startSshd();
  let local: TestPool | undefined;
  let remote: TestPool;
  try {
    local = await createPool('l');
    remote = await createPool('r', remoteSizeMiB);
  } catch (e) {
    // half an environment is torn down here: the caller's afterAll never sees it
    local?.destroy();
    sshd.stop();
    throw e;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tidemark-zfs-data-'));
  return {
    sshd,
    local: local!,
    remote,
    dataDir,
    stop() {
      local!.destroy();
      remote.destroy();
      sshd.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function syncInput(env: ZfsEnv, localDs: string, remoteDs: string, o: { policy?: RetentionPolicy; remotePolicy?: RetentionPolicy; dryRun?: boolean; consent?: string } = {}): ZfsSyncInput {
  return {
    workloadId: 'w1',
    workloadName: 'w',
    config: {
      dataset: localDs,
      remote: { user: env.sshd.user, host: env.sshd.host, port: env.sshd.port, dataset: remoteDs, identity: env.sshd.identity },
      ...(o.remotePolicy ? { remotePolicy: o.remotePolicy } : {}),
    },
    policy: o.policy ?? {},
    dataDir: env.dataDir,
    acceptHostKey: env.sshd.hostFingerprint,
    dryRun: o.dryRun ?? false,
    ...(o.consent ? { consent: o.consent } : {}),
  };
}

export function jobCtx(): JobContext & { logs: string[]; updates: ProgressUpdate[] } {
  const logs: string[] = [];
  const updates: ProgressUpdate[] = [];
  return { signal: new AbortController().signal, progress: (u) => updates.push(u), log: (l, m) => logs.push(`${l}: ${m}`), logs, updates };
}

/** Snapshot names of a dataset, oldest first. */
export function snapNames(ds: string): string[] {
  const out = zfs('list', '-H', '-r', '-d', '1', '-t', 'snapshot', '-o', 'name', '-s', 'createtxg', ds);
  return out.split('\n').filter((l) => l.startsWith(`${ds}@`)).map((l) => l.slice(ds.length + 1));
}

export function mountpointOf(ds: string): string {
  return zfs('get', '-H', '-o', 'value', 'mountpoint', ds).trim();
}

export function writeData(ds: string, file: string, content: string | Buffer): void {
  writeFileSync(join(mountpointOf(ds), file), content);
}
