import { CodedError, toTidemarkError } from '../../../../shared/result.js';
import type { JobContext } from '../../jobs/types.js';
import { fullName } from './model.js';
import type { Capabilities } from './capabilities.js';
import type { Operation, Plan } from './plan-types.js';
import { checkOperation } from './preconditions.js';
import { resumePending } from './resume.js';
import { estimateSend, transfer } from './transfer.js';
import { type ZfsHost, zfsRun } from './zfs-host.js';

export interface DatasetResult {
  rel: string;
  status: 'done' | 'up-to-date' | 'blocked' | 'needs-consent' | 'failed';
  message?: string;
  opsDone: number;
}

export interface ExecuteResult {
  datasets: DatasetResult[];
  bytes: number;
  opsDone: number;
  /** dry run: the commands that would have run */
  commands: string[];
}

export interface ExecuteOptions {
  local: ZfsHost;
  remote: ZfsHost | null;
  localRoot: string;
  dryRun: boolean;
  /** the plan hash the user consented to (forced receives, destroying diverged remote snapshots) */
  consent?: string;
  ctx: Pick<JobContext, 'signal' | 'progress' | 'log'>;
}

export function sendArgs(op: Operation, localDs: string): string[] {
  if (op.kind === 'initial-transfer') return ['send', `${localDs}@${op.to}`];
  return ['send', op.snapshots.length === 1 ? '-i' : '-I', `${localDs}@${op.from}`, `${localDs}@${op.to}`];
}

export function recvArgs(op: Operation, remote: ZfsHost): string[] {
  const a = ['receive'];
  if (remote.caps?.recvNoMount) a.push('-u');
  if (remote.caps?.recvResumable) a.push('-s');
  if (op.forceReceive) a.push('-F');
  a.push(op.dataset);
  return a;
}

export function destroyArgs(op: Operation, caps: Capabilities | undefined): string[][] {
  if (op.kind === 'range-delete') return [['destroy', `${op.dataset}@${op.from}%${op.to}`]];
  if (op.snapshots.length > 1 && caps?.destroyList) {
    // keep each command line well under ARG_MAX
    const out: string[][] = [];
    for (let i = 0; i < op.snapshots.length; i += 100) out.push(['destroy', `${op.dataset}@${op.snapshots.slice(i, i + 100).join(',')}`]);
    return out;
  }
  return op.snapshots.map((s) => ['destroy', `${op.dataset}@${s}`]);
}

/** Runs a validated plan dataset by dataset. A failing dataset stops there; the others go on. */
export async function executePlan(plan: Plan, o: ExecuteOptions): Promise<ExecuteResult> {
  if (!plan.valid) throw new CodedError('internal', `the plan is not valid: ${plan.problems.join('; ')}`);
  const consented = o.consent !== undefined && o.consent === plan.hash;
  if (o.consent !== undefined && !consented) throw new CodedError('conflict', `your consent was for plan ${o.consent}, but the plan is now ${plan.hash}: review the new plan and consent again`);
  const result: ExecuteResult = { datasets: [], bytes: 0, opsDone: 0, commands: [] };
  const total = plan.operations.length;
  const estimates = new Map<Operation, number | undefined>();
  if (!o.dryRun) for (const op of plan.operations) if (op.kind.endsWith('transfer')) estimates.set(op, await estimateSend(o.local, sendArgs(op, fullName(o.localRoot, op.rel))));
  const known = [...estimates.values()];
  const bytesTotal = known.length && known.every((v) => v !== undefined) ? known.reduce((a, b) => a! + b!, 0) : undefined;
  const report = (item: string) => o.ctx.progress({ phase: o.dryRun ? 'dry run' : 'sync', bytesDone: result.bytes, bytesTotal, filesDone: result.opsDone, filesTotal: total, currentItem: item });

  for (const dp of plan.datasets) {
    const ops = plan.operations.filter((op) => op.rel === dp.rel);
    const r: DatasetResult = { rel: dp.rel, status: ops.length ? 'done' : dp.status === 'blocked' ? 'blocked' : 'up-to-date', opsDone: 0 };
    if (dp.explanation) r.message = dp.explanation;
    result.datasets.push(r);
    if (dp.status === 'needs-consent' && !consented) {
      r.status = 'needs-consent';
      o.ctx.log('warn', `${dp.remote}: skipped, needs your consent: ${dp.explanation}`);
      continue;
    }
    if (dp.status === 'blocked') {
      o.ctx.log('warn', `${dp.local}: ${dp.explanation}`);
      continue;
    }
    const localDs = fullName(o.localRoot, dp.rel);
    try {
      if (!o.dryRun && o.remote && dp.remote && ops.some((op) => op.kind.endsWith('transfer'))) {
        const resumed = await resumePending(o.local, o.remote, localDs, dp.remote, o.ctx, (n) => report(`${dp.remote} (resume, ${n} bytes)`));
        result.bytes += resumed;
      }
      for (const planned of ops) {
        if (o.ctx.signal.aborted) throw new CodedError('cancelled', 'cancelled');
        const op = o.dryRun ? planned : await checkOperation(planned, localDs, o.local, o.remote);
        report(`${op?.dataset ?? planned.dataset}`);
        if (op === null) {
          o.ctx.log('info', `${planned.dataset}: ${planned.snapshots.join(', ')} already received`);
        } else if (op.kind === 'delete' || op.kind === 'range-delete') {
          const host = op.side === 'local' ? o.local : o.remote!;
          for (const args of destroyArgs(op, host.caps)) {
            if (o.dryRun) result.commands.push(`${host.exec.label}: zfs ${args.join(' ')}`);
            else await zfsRun(host, args);
          }
          if (!o.dryRun) o.ctx.log('info', `destroyed ${op.dataset}@${op.snapshots.join(', @')} (${op.reason})`);
        } else {
          const s = sendArgs(op, localDs);
          const v = recvArgs(op, o.remote!);
          if (o.dryRun) result.commands.push(`local: zfs ${s.join(' ')} | ${o.remote!.exec.label}: zfs ${v.join(' ')}`);
          else {
            const base = result.bytes;
            const t = await transfer({ source: o.local, target: o.remote!, sendArgs: s, recvArgs: v, signal: o.ctx.signal, onBytes: (n) => ((result.bytes = base + n), report(`${op.dataset}@${op.to}`)) });
            result.bytes = base + t.bytes;
            if (op.kind === 'initial-transfer' && !o.remote!.caps?.recvNoMount) {
              // Without `recv -u` the new dataset is mounted, and a mere read (atime) would make
              // the next incremental fail with "destination has been modified": make it read-only.
              await zfsRun(o.remote!, ['set', 'readonly=on', op.dataset]);
              o.ctx.log('info', `${op.dataset}: set readonly=on (this host mounts received datasets)`);
            }
            o.ctx.log('info', `sent ${localDs}@${op.to} (${op.snapshots.length} snapshot(s), ${t.bytes} bytes) to ${op.dataset}`);
          }
        }
        r.opsDone++;
        result.opsDone++;
      }
    } catch (e) {
      const err = toTidemarkError(e);
      if (err.code === 'cancelled') throw e;
      r.status = 'failed';
      r.message = err.message;
      o.ctx.log('error', `${dp.local}: ${err.message}`);
    }
  }
  report('');
  return result;
}
