import type { ZfsConfig } from '../../../shared/domain.js';
import type { ZfsConnectionTest, ZfsPlan } from '../../../shared/contract/zfs.js';
import { formatBytes } from '../../../shared/format.js';
import { CodedError } from '../../../shared/result.js';
import { UsageError, type CliCommand, type CliContext } from '../command.js';
import type { ExecuteResult } from '../../core/engines/zfs/execute.js';
import { resolve } from 'node:path';

/** `ssh://USER@HOST[:PORT]/POOL/DS` → the remote part of a zfs workload. */
export function parseRemote(url: string, identity: string | undefined) {
  const m = /^ssh:\/\/([^@/]+)@(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/(.+)$/.exec(url);
  if (!m) throw new UsageError(`--remote must look like ssh://USER@HOST[:PORT]/POOL/DATASET, not ${url}`);
  return { user: m[1]!, host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : 22, dataset: decodeURIComponent(m[4]!), ...(identity ? { identity } : {}) };
}

/**
 * Reaches the remote and pins its host key only when `accept` is exactly its fingerprint; on first
 * contact without it, refuses with the fingerprint to check (nothing is pinned).
 */
export async function testRemote(ctx: CliContext, remote: NonNullable<ZfsConfig['remote']>, accept: unknown, refused: string): Promise<ZfsConnectionTest> {
  const acceptHostKey = fp(accept);
  try {
    return await ctx.call('testConnection', { ...remote, ...acceptHostKey });
  } catch (e) {
    if (!(e instanceof CodedError) || e.code !== 'needs-confirmation') throw e;
    const shown = String((e.details as { fingerprint?: unknown } | undefined)?.fingerprint ?? '');
    const where = `${remote.host}:${remote.port}`;
    const why = acceptHostKey.acceptHostKey ? `--accept-host-key ${acceptHostKey.acceptHostKey} does not match the host key of ${where}, which is ${shown}` : `the host key of ${where} is not pinned yet: its fingerprint is ${shown}`;
    throw new CodedError('needs-confirmation', `${why}. Check it on the host (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and run again with --accept-host-key ${shown}; ${refused}`, e.details);
  }
}

const tested = (t: ZfsConnectionTest, dataset: string) =>
  `${t.host}: host key ${t.fingerprint}${t.newlyPinned ? ' (pinned now)' : ' (pinned)'}\nremote dataset ${dataset}: ${t.datasetExists ? 'exists' : 'not yet (the first sync creates it)'}\n${t.capabilities.notes.length ? `limits: ${t.capabilities.notes.join('; ')}` : 'all zfs features available'}`;

export const fp = (v: unknown) => {
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
      const p = await ctx.call('planSync', { name: name!, ...fp(v['accept-host-key']) });
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
      const input = { name: name!, dryRun: v['dry-run'] === true, ...(typeof v.consent === 'string' ? { consent: v.consent } : {}), ...fp(v['accept-host-key']) };
      const job = await ctx.waitJob(await ctx.call('startSync', input));
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
      const remote = { ...parseRemote(url!, typeof v.identity === 'string' ? resolve(v.identity) : undefined), ...(typeof v['zfs-path'] === 'string' ? { zfsPath: v['zfs-path'] } : {}) };
      const t = await testRemote(ctx, remote, v['accept-host-key'], 'nothing was pinned');
      ctx.printJson(t);
      ctx.print(tested(t, remote.dataset));
    },
  },
];
