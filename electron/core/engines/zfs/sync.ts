import type { RetentionPolicy, ZfsConfig } from '../../../../shared/domain.js';
import { CodedError } from '../../../../shared/result.js';
import type { CatalogChanges, JobContext } from '../../jobs/types.js';
import { executePlan, type ExecuteResult } from './execute.js';
import { inventory } from './inventory.js';
import type { SideInventory } from './model.js';
import type { Plan } from './plan-types.js';
import { plan } from './planner.js';
import { toRecords } from './records.js';
import { sharedExplain } from './retention.js';
import { openSides, type Sides } from './session.js';

export interface ZfsWorkloadInput {
  workloadId: string;
  workloadName: string;
  config: ZfsConfig;
  policy: RetentionPolicy;
  dataDir: string;
  acceptHostKey?: string;
  timeZone?: string;
}

export interface ZfsSyncInput extends ZfsWorkloadInput {
  dryRun: boolean;
  consent?: string;
}

export interface ZfsSyncResult {
  plan: Plan;
  execution: ExecuteResult;
  hostKey: Sides['hostKey'];
  catalog: CatalogChanges;
}

export async function inventories(s: Sides, config: ZfsConfig): Promise<{ local: SideInventory; remote: SideInventory | null }> {
  const [local, remote] = await Promise.all([inventory(s.local, config.dataset, s.local.caps), s.remote && config.remote ? inventory(s.remote, config.remote.dataset, s.remote.caps) : null]);
  // (the remote root may be absent before the first transfer; the local one never)
  if (!local.exists) throw new CodedError('not-found', `the local dataset ${config.dataset} does not exist`);
  return { local, remote };
}

export function planFor(input: ZfsWorkloadInput, inv: { local: SideInventory; remote: SideInventory | null }, s: Sides, now = new Date()): Plan {
  return plan({
    workload: input.workloadName,
    local: inv.local,
    remote: inv.remote,
    localPolicy: input.policy,
    // without its own policy the remote keeps what the local policy keeps
    remotePolicy: input.config.remotePolicy ?? input.policy,
    caps: { local: s.local.caps, remote: s.remote?.caps ?? null },
    explain: sharedExplain,
    now,
    timeZone: input.timeZone ?? 'UTC',
  });
}

export function catalogOf(workloadId: string, inv: { local: SideInventory; remote: SideInventory | null }): CatalogChanges {
  return { replaceAllFor: { workloadId }, upsertSnapshots: [...toRecords(workloadId, inv.local, 'local'), ...(inv.remote ? toRecords(workloadId, inv.remote, 'remote') : [])] };
}

/** Plan from fresh inventories, execute, and re-list both sides for the catalog. */
export async function runSync(input: ZfsSyncInput, ctx: JobContext): Promise<ZfsSyncResult> {
  const s = await openSides(input.config, input.dataDir, input.acceptHostKey);
  try {
    ctx.progress({ phase: 'inventory', bytesDone: 0, filesDone: 0 });
    const listed = await inventories(s, input.config);
    const p = planFor(input, listed, s);
    ctx.log('info', `plan ${p.hash}: ${p.operations.length} operation(s) on ${p.datasets.length} dataset(s)${p.valid ? '' : ` — INVALID: ${p.problems.join('; ')}`}`);
    let catalog: CatalogChanges = {};
    const relist = async (r: ExecuteResult) => {
      try {
        // nothing ran, nothing was sent: the listing the plan came from is still the truth
        catalog = catalogOf(input.workloadId, r.opsDone === 0 && r.bytes === 0 ? listed : await inventories(s, input.config));
      } catch (e) {
        // e.g. the connection dropped: the per-dataset results still say what happened; refresh later
        ctx.log('warn', `could not re-list the snapshots after the sync: ${(e as Error).message}`);
      }
    };
    const opts = { local: s.local, remote: s.remote, localRoot: input.config.dataset, dryRun: input.dryRun, ctx, fresh: true, ...(input.dryRun ? {} : { whileFinishing: relist }), ...(input.consent ? { consent: input.consent } : {}) };
    const execution = await executePlan(p, opts);
    return { plan: p, execution, hostKey: s.hostKey, catalog };
  } finally {
    s.close();
  }
}
