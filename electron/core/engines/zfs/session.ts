import { join } from 'node:path';
import type { ZfsConfig } from '../../../../shared/domain.js';
import { CodedError } from '../../../../shared/result.js';
import type { Capabilities } from './capabilities.js';
import { cachedProbe } from './caps-file.js';
import { LocalExecutor } from './exec/local.js';
import { SshExecutor } from './exec/ssh.js';
import type { ZfsHost } from './zfs-host.js';

export interface Sides {
  local: ZfsHost & { caps: Capabilities };
  remote: (ZfsHost & { caps: Capabilities }) | null;
  /** the remote host key fingerprint (SHA256:…) and whether this session pinned it */
  hostKey: { fingerprint: string; newlyPinned: boolean } | null;
  close(): void;
}

export function knownHostsFile(dataDir: string): string {
  return join(dataDir, 'known_hosts');
}

/** The pool part of a dataset name: capabilities are probed there when the dataset itself does not exist yet. */
export const poolOf = (ds: string) => ds.split('/')[0]!;

export async function connectRemote(remote: NonNullable<ZfsConfig['remote']>, dataDir: string, acceptHostKey?: string): Promise<SshExecutor> {
  return SshExecutor.connect({
    host: remote.host,
    port: remote.port,
    user: remote.user,
    ...(remote.identity ? { identity: remote.identity } : {}),
    knownHostsFile: knownHostsFile(dataDir),
    ...(acceptHostKey ? { acceptHostKey } : {}),
  });
}

/** Both ends of a zfs workload, connected and probed. The caller closes it. */
export async function openSides(config: ZfsConfig, dataDir: string, acceptHostKey?: string): Promise<Sides> {
  const localHost: ZfsHost = { exec: new LocalExecutor(), zfsPath: config.localZfsPath ?? 'zfs' };
  const localProbe = cachedProbe(localHost, config.dataset, dataDir).catch((e: unknown) => {
    if (e instanceof CodedError && e.code === 'not-found') throw new CodedError('not-found', `the local dataset ${config.dataset} does not exist`);
    throw e;
  });
  if (!config.remote) return { local: { ...localHost, caps: await localProbe }, remote: null, hostKey: null, close: () => {} };
  // the SSH handshake and the local probe overlap
  const [localSettled, sshSettled] = await Promise.allSettled([localProbe, connectRemote(config.remote, dataDir, acceptHostKey)]);
  if (sshSettled.status === 'fulfilled' && localSettled.status === 'rejected') sshSettled.value.close();
  if (localSettled.status === 'rejected') throw localSettled.reason;
  if (sshSettled.status === 'rejected') throw sshSettled.reason;
  const local = { ...localHost, caps: localSettled.value };
  const ssh = sshSettled.value;
  try {
    const remoteHost: ZfsHost = { exec: ssh, zfsPath: config.remote.zfsPath ?? 'zfs' };
    // the remote root may not exist before the first transfer: probe on its pool
    const caps = await cachedProbe(remoteHost, poolOf(config.remote.dataset), dataDir);
    return { local, remote: { ...remoteHost, caps }, hostKey: ssh.hostKey, close: () => ssh.close() };
  } catch (e) {
    ssh.close();
    throw e;
  }
}
