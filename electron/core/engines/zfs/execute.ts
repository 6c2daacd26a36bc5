import { CodedError, toTidemarkError } from '../../../../shared/result.js';
import type { JobContext } from '../../jobs/types.js';
import { fullName } from './model.js';
import type { Operation, Plan } from './plan-types.js';
import { destroyArgs, recvArgs, sendArgs } from './argv.js';
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
  /** the plan comes from inventories listed just now: until an operation has run, nothing needs re-checking */
  fresh?: boolean;
  /** work to overlap with the last finishing touches (e.g. re-listing both sides for the catalog) */
  whileFinishing?: (r: ExecuteResult) => Promise<void>;
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
  // `readonly=on` after a dataset's last operation overlaps with the rest of the run
  const finishing: Promise<void>[] = [];
  let fresh = o.fresh === true;
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
        if (resumed > 0) fresh = false; // the remote gained a snapshot the plan did not see
      }
      for (const planned of ops) {
        if (o.ctx.signal.aborted) throw new CodedError('cancelled', 'cancelled');
        const op = o.dryRun || fresh ? planned : await checkOperation(planned, localDs, o.local, o.remote);
        fresh = false;
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
              const set = readOnly(o.remote!, op.dataset, o.ctx, r);
              if (planned === ops[ops.length - 1]) finishing.push(set);
              else await set;
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
  await Promise.all([o.whileFinishing?.(result), ...finishing]);
  report('');
  return result;
}

/** Sets readonly=on; a failure fails the dataset (its next incremental could be refused). */
async function readOnly(remote: ZfsHost, dataset: string, ctx: ExecuteOptions['ctx'], r: DatasetResult): Promise<void> {
  try {
    await zfsRun(remote, ['set', 'readonly=on', dataset]);
    ctx.log('info', `${dataset}: set readonly=on (this host mounts received datasets)`);
  } catch (e) {
    r.status = 'failed';
    r.message = `received, but readonly=on could not be set: ${toTidemarkError(e).message}`;
    ctx.log('error', `${dataset}: ${r.message}`);
  }
}
