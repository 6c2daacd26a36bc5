import type { PrunePreview } from '../../../shared/contract/index.js';
import type { Job } from '../../../shared/domain.js';
import { formatBytes } from '../../../shared/format.js';
import { CodedError } from '../../../shared/result.js';
import type { CliCommand } from '../command.js';

export function previewTable(p: PrunePreview): string {
  const lines = p.explain.items.map((i) => `${i.id.padEnd(30)} ${i.createdAt.replace('T', ' ').slice(0, 19)}  ${i.keep ? 'keep  ' : 'DELETE'}  ${i.reasons.join(', ')}`);
  const freed = p.explain.bytesFreed !== undefined ? `, frees ${formatBytes(p.explain.bytesFreed)}` : '';
  return `${lines.join('\n')}\n${p.explain.kept} kept, ${p.explain.deleted} to delete${freed} (${p.location}, calendar of ${p.timeZone})`;
}

const isJob = (v: Job | PrunePreview): v is Job => 'state' in v;

export const pruneCommands: CliCommand[] = [
  {
    path: ['prune'],
    summary: 'apply the workload’s retention policy (shows what it deletes and why)',
    usage: 'prune NAME [--dry-run] [--yes] [--remote]',
    positionals: [1, 1],
    options: { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, remote: { type: 'boolean' } },
    async run(ctx, { values: v, positionals: [name] }) {
      const location = v.remote ? 'remote' : 'local';
      const preview = await ctx.call('previewPrune', { name: name!, location });
      ctx.print(previewTable(preview));
      const started = await ctx
        .call('startPrune', { name: name!, location, dryRun: v['dry-run'] === true, ...(v.yes ? { confirm: name! } : {}) })
        .catch((e: CodedError) => {
          throw e.code === 'needs-confirmation' ? new CodedError(e.code, `${e.message} — nothing was deleted; run again with --yes to confirm`) : e;
        });
      if (!isJob(started)) {
        ctx.printJson(preview.explain.items.map(({ id, keep, reasons }) => ({ id, keep, reasons })));
        ctx.print(v['dry-run'] ? 'dry run: nothing deleted' : 'nothing to delete');
        return;
      }
      const job = await ctx.waitJob(started);
      ctx.printJson({ deleted: preview.explain.items.filter((i) => !i.keep).map((i) => i.id), result: job.result });
      ctx.print(`deleted ${preview.explain.deleted} snapshot(s)`);
    },
  },
];
