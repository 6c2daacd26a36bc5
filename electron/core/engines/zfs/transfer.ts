import { CodedError } from '../../../../shared/result.js';
import { type ZfsHost, zfsArgv, zfsError } from './zfs-host.js';

export interface TransferSpec {
  source: ZfsHost;
  target: ZfsHost;
  sendArgs: string[];
  recvArgs: string[];
  signal?: AbortSignal;
  /** called with the running byte count as data flows through the pipe */
  onBytes?(bytesDone: number): void;
}

/**
 * `zfs send … | zfs recv …` across two executors. Node's pipe carries backpressure from the
 * receiving channel back to the sending process; bytes are counted on the way. If either end
 * fails, the other is killed, so an interrupted receive is discarded (or left resumable with -s).
 */
export async function transfer(t: TransferSpec): Promise<{ bytes: number }> {
  const recvArgv = zfsArgv(t.target, t.recvArgs);
  const recv = t.target.exec.open ? await t.target.exec.open(recvArgv) : t.target.exec.spawn(recvArgv);
  // zfs receive prints nothing worth keeping on stdout, but an unread channel never closes
  recv.stdout.resume();
  const send = t.source.exec.spawn(zfsArgv(t.source, t.sendArgs));
  let bytes = 0;
  let last = 0;
  send.stdout.on('data', (c: Buffer) => {
    bytes += c.length;
    if (t.onBytes && bytes - last >= 1 << 20) {
      last = bytes;
      t.onBytes(bytes);
    }
  });
  send.stdout.pipe(recv.stdin);
  const onAbort = () => {
    send.kill();
    recv.kill();
  };
  t.signal?.addEventListener('abort', onAbort, { once: true });
  // whichever side ends badly first takes the other down with it
  const sendDone = send.done.then((r) => {
    if (r.code !== 0) recv.kill();
    return r;
  });
  const recvDone = recv.done.then((r) => {
    if (r.code !== 0) {
      send.stdout.unpipe(recv.stdin);
      send.kill();
    }
    return r;
  });
  try {
    const [s, r] = await Promise.all([sendDone, recvDone]);
    t.onBytes?.(bytes);
    if (t.signal?.aborted) throw new CodedError('cancelled', 'the transfer was cancelled; the partial receive was discarded');
    if (r.code !== 0) {
      const e = zfsError(t.target, t.recvArgs, r.code, r.stderr);
      if (r.code === null) throw new CodedError('remote', `the connection to ${t.target.exec.label} was lost during the transfer after ${bytes} bytes (${e.message}); ${t.recvArgs.includes('-s') ? 'the partial receive is kept for resuming' : 'the partial receive was discarded by ZFS'}, the remote keeps its previous snapshots`);
      throw e;
    }
    if (s.code !== 0) throw zfsError(t.source, t.sendArgs, s.code, s.stderr);
    return { bytes };
  } finally {
    t.signal?.removeEventListener('abort', onAbort);
  }
}

/** `zfs send -nvP` where the host has it: the stream size, for a real ETA. */
export async function estimateSend(h: ZfsHost, sendArgs: string[]): Promise<number | undefined> {
  if (!h.caps?.sendDryRun) return undefined;
  const r = await h.exec.run(zfsArgv(h, ['send', '-nvP', ...sendArgs.slice(1)]));
  if (r.code !== 0) return undefined;
  const m = (r.stdout + r.stderr).match(/^size\s+(\d+)/m);
  return m ? Number(m[1]) : undefined;
}
