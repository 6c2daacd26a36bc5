import type { JobContext } from '../../jobs/types.js';
import { transfer } from './transfer.js';
import { type ZfsHost, zfsArgv, zfsRun } from './zfs-host.js';

/**
 * Finishes an interrupted receive where the remote kept a resume token (OpenZFS recv -s). The
 * token says which snapshot it was receiving; it is checked to come from this local dataset
 * before anything is sent, and discarded (recv -A: only the partial state) when it does not.
 * Returns the bytes sent (0 when nothing was pending or the host cannot resume).
 */
export async function resumePending(local: ZfsHost, remote: ZfsHost, localDs: string, remoteDs: string, ctx: Pick<JobContext, 'signal' | 'log'>, onBytes: (n: number) => void): Promise<number> {
  if (!remote.caps?.recvResumable || !local.caps?.sendDryRun) return 0;
  const token = (await zfsRun(remote, ['get', '-H', '-o', 'value', 'receive_resume_token', remoteDs]).catch(() => '-')).trim();
  if (!token || token === '-') return 0;
  const info = await local.exec.run(zfsArgv(local, ['send', '-nv', '-t', token]));
  const toname = (info.stdout + info.stderr).match(/toname = (.+)$/m)?.[1]?.trim();
  if (info.code !== 0 || !toname || !toname.startsWith(`${localDs}@`)) {
    ctx.log('warn', `${remoteDs}: a pending partial receive belongs to ${toname ?? 'an unknown source'}, not ${localDs}: discarding the partial state (zfs receive -A)`);
    await zfsRun(remote, ['receive', '-A', remoteDs]);
    return 0;
  }
  ctx.log('info', `${remoteDs}: resuming the interrupted transfer of ${toname}`);
  const args = ['receive', '-s', ...(remote.caps.recvNoMount ? ['-u'] : []), remoteDs];
  const t = await transfer({ source: local, target: remote, sendArgs: ['send', '-t', token], recvArgs: args, signal: ctx.signal, onBytes });
  return t.bytes;
}
