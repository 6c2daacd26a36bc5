import type { PrunePreview } from '../../../shared/contract/index.js';
import type { Snapshot, Workload } from '../../../shared/domain.js';
import { explain, pruneSafety, type RetentionPolicy } from '../../../shared/retention/index.js';
import { CodedError } from '../../../shared/result.js';
import { adapterFor, hasAdapter } from '../engines/index.js';
import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';

/** The time zone whose calendar defines "daily", "weekly": the user's setting, else this machine's. */
function timeZoneOf(ctx: HandlerContext, requested?: string): string {
  return requested ?? ctx.catalog.settings.get<string | null>('timeZone', null) ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

function policyFor(w: Workload, location: string, override?: RetentionPolicy): RetentionPolicy {
  if (override) return override;
  if (location === 'remote') {
    if (w.engine !== 'zfs' || !w.config.remote) throw new CodedError('bad-input', `${w.name} has no remote side`);
    return w.config.remotePolicy ?? w.policy;
  }
  return w.policy;
}

export function preview(ctx: HandlerContext, input: { name: string; location: 'local' | 'remote'; policy?: RetentionPolicy; timeZone?: string }): { preview: PrunePreview; snapshots: Snapshot[] } {
  const w = ctx.catalog.workloads.get(input.name);
  const snapshots = ctx.catalog.snapshots.list(w.id).filter((s) => s.location === input.location && s.complete);
  const policy = policyFor(w, input.location, input.policy);
  const adapter = hasAdapter(w.engine) ? adapterFor(w) : undefined;
  const protections = adapter?.protections?.(w, ctx.catalog.snapshots.list(w.id)) ?? [];
  const timeZone = timeZoneOf(ctx, input.timeZone);
  const asRetention = snapshots.map((s) => ({ id: s.id, createdAt: s.createdAt, type: s.type, tags: s.tags, pinned: s.pinned, bytes: s.storedBytes }));
  const result = adapter?.explainPrune ? adapter.explainPrune(w, snapshots, asRetention, policy, { timeZone, protections }) : explain(asRetention, policy, { timeZone, protections });
  const preview: PrunePreview = { workload: w.name, location: input.location, timeZone, policy, explain: result, safety: pruneSafety(result, asRetention, protections), protections };
  if (adapter?.snapshotLabel) {
    const labels: Record<string, string> = {};
    for (const s of snapshots) {
      const label = adapter.snapshotLabel(s);
      if (label) labels[s.id] = label;
    }
    preview.labels = labels;
  }
  return { snapshots, preview };
}

export function pruneHandlers(ctx: HandlerContext): HandlerMap<'previewPrune' | 'startPrune'> {
  return {
    previewPrune: async (input) => preview(ctx, input).preview,
    startPrune: async ({ dryRun, confirm, ...input }) => {
      const { preview: p, snapshots } = preview(ctx, input);
      if (dryRun || p.explain.deleted === 0) return p;
      if (p.safety.needsConfirmation && confirm !== p.workload) {
        throw new CodedError('needs-confirmation', `prune of ${p.workload} needs confirmation: ${p.safety.reasons.join('; ')}`, p.safety);
      }
      const doomed = new Set(p.explain.items.filter((i) => !i.keep).map((i) => i.id));
      const w = ctx.catalog.workloads.get(p.workload);
      const victims = snapshots.filter((s) => doomed.has(s.id));
      const req = await adapterFor(w).forget(w, victims, { dataDir: ctx.dataDir });
      return ctx.jobs.submit({ ...req, title: `prune of ${w.name} (${victims.length} snapshots)`, workloadId: w.id });
    },
  };
}
