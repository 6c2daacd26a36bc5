import type { Job } from '../../../shared/domain.js';
import type { ZfsConnectionTest, ZfsPlan } from '../../../shared/contract/zfs.js';
import { formatBytes } from '../../../shared/format.js';
import { CodedError } from '../../../shared/result.js';
import { UsageError, type CliCommand, type CliContext } from '../command.js';
import type { ExecuteResult } from '../../core/engines/zfs/execute.js';

// Calls through the services' validating dispatcher (same path as IPC), by name: the zfs methods
// join the typed `methods` map when shared/contract/index.ts spreads zfsMethods.
async function call<T>(ctx: CliContext, name: 'planSync' | 'startSync' | 'testConnection', input: unknown): Promise<T> {
  const r = await (await ctx.services()).call(name, input);
  if (!r.ok) throw new CodedError(r.error.code, r.error.message, r.error.details);
  return r.value as T;
}

const fp = (v: unknown) => {
  if (v === undefined) return {};
  if (typeof v !== 'string' || !/^SHA256:[A-Za-z0-9+/]{43}$/.test(v)) throw new UsageError('--accept-host-key takes the fingerprint shown on first contact, e.g. SHA256:abc…');
  return { acceptHostKey: v };
};

export function planText(p: ZfsPlan): string {
  const lines = [`plan for ${p.workload} (${p.hash})${p.valid ? '' : ' — INVALID'}`];
  for (const prob of p.problems) lines.push(`  problem: ${prob}`);
  for (const d of p.datasets) {
    lines.push(`${d.local}${d.remote ? ` → ${d.remote}` : ''}: ${d.status}`);
    if (d.explanation) lines.push(`  ${d.explanation}`);
    for (const o of d.options ?? []) lines.push(`  option: ${o}`);
    for (const op of p.operations.filter((o) => o.rel === d.rel)) {
      const what = op.kind.endsWith('transfer') ? `${op.from ? `${op.from} → ` : ''}${op.to} (${op.snapshots.length} snapshot${op.snapshots.length > 1 ? 's' : ''})` : `${op.side} ${op.snapshots.join(', ')}`;
      lines.push(`  ${op.kind.padEnd(16)} ${what}${op.requiresConsent ? '  [needs consent]' : ''}\n      why: ${op.reason}`);
    }
  }
  if (p.consent) {
    lines.push(`consent needed — this plan would destroy:`);
    for (const d of p.consent.destroys) lines.push(`  ${d.dataset}: ${d.contents ? 'its current contents (no snapshots)' : d.snapshots.join(', ')}`);
    lines.push(`to allow exactly this: tidemark sync ${p.workload} --consent ${p.hash}`);
  }
  if (p.operations.length === 0 && !p.consent) lines.push('nothing to do');
  const caps = p.capabilities.remote?.notes ?? [];
  if (caps.length) lines.push(`remote host: ${caps.join('; ')}`);
  return lines.join('\n');
}

export const zfsCommands: CliCommand[] = [
  {
    path: ['plan'],
    summary: 'zfs: show the replication plan with reasons; nothing is executed',
    usage: 'plan NAME [--accept-host-key SHA256:…] [--json]',
    positionals: [1, 1],
    options: { 'accept-host-key': { type: 'string' } },
    async run(ctx, { values: v, positionals: [name] }) {
      const p = await call<ZfsPlan>(ctx, 'planSync', { name, ...fp(v['accept-host-key']) });
      ctx.printJson(p);
      ctx.print(planText(p));
    },
  },
  {
    path: ['sync'],
    summary: 'zfs: execute the replication plan',
    usage: 'sync NAME [--dry-run] [--consent PLAN_HASH] [--accept-host-key SHA256:…] [--json]',
    positionals: [1, 1],
    options: { 'dry-run': { type: 'boolean' }, consent: { type: 'string' }, 'accept-host-key': { type: 'string' } },
    async run(ctx, { values: v, positionals: [name] }) {
      const input = { name, dryRun: v['dry-run'] === true, ...(typeof v.consent === 'string' ? { consent: v.consent } : {}), ...fp(v['accept-host-key']) };
      const job = await ctx.waitJob(await call<Job>(ctx, 'startSync', input));
      const r = job.result as { plan: ZfsPlan; execution: ExecuteResult };
      ctx.printJson({ plan: r.plan, execution: r.execution });
      if (input.dryRun) ctx.print(`${planText(r.plan)}\n\nwould run:\n${r.execution.commands.map((c) => `  ${c}`).join('\n') || '  nothing'}`);
      else {
        for (const d of r.execution.datasets) ctx.print(`${d.rel || '(root)'}: ${d.status}${d.message ? ` — ${d.message}` : ''}`);
        ctx.print(`${r.execution.opsDone} operation(s), ${formatBytes(r.execution.bytes)} sent`);
      }
      const failed = r.execution.datasets.filter((d) => d.status === 'failed');
      if (failed.length) throw new CodedError('remote', `${failed.length} dataset(s) failed: ${failed.map((d) => `${d.rel || '(root)'}: ${d.message}`).join('; ')}`);
    },
  },
  {
    path: ['zfs', 'test-connection'],
    summary: 'zfs: reach a remote over SSH, pin its host key, show what its zfs can do',
    usage: 'zfs test-connection ssh://USER@HOST[:PORT]/POOL/DS [--identity KEY] [--zfs-path PATH] [--accept-host-key SHA256:…]',
    positionals: [1, 1],
    options: { identity: { type: 'string' }, 'zfs-path': { type: 'string' }, 'accept-host-key': { type: 'string' } },
    async run(ctx, { values: v, positionals: [url] }) {
      const m = /^ssh:\/\/([^@/]+)@([^:/]+)(?::(\d+))?\/(.+)$/.exec(url!);
      if (!m) throw new UsageError(`expected ssh://USER@HOST[:PORT]/POOL/DATASET, not ${url}`);
      const input = { user: m[1], host: m[2], port: m[3] ? Number(m[3]) : 22, dataset: decodeURIComponent(m[4]!), ...(typeof v.identity === 'string' ? { identity: v.identity } : {}), ...(typeof v['zfs-path'] === 'string' ? { zfsPath: v['zfs-path'] } : {}), ...fp(v['accept-host-key']) };
      const t = await call<ZfsConnectionTest>(ctx, 'testConnection', input);
      ctx.printJson(t);
      ctx.print(`${t.host}: host key ${t.fingerprint}${t.newlyPinned ? ' (pinned now)' : ' (pinned)'}\nremote dataset ${input.dataset}: ${t.datasetExists ? 'exists' : 'not yet (the first sync creates it)'}\n${t.capabilities.notes.length ? `limits: ${t.capabilities.notes.join('; ')}` : 'all zfs features available'}`);
    },
  },
];
