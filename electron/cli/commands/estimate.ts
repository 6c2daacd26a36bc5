import type { EstimateResult } from '../../../shared/contract/index.js';
import { formatBytes, formatDuration } from '../../../shared/format.js';
import type { CliCommand } from '../command.js';

export const estimateCommands: CliCommand[] = [
  {
    path: ['estimate'],
    summary: 'count the files and bytes a cas backup would read',
    usage: 'estimate NAME',
    positionals: [1, 1],
    async run(ctx, { positionals: [name] }) {
      const job = await ctx.waitJob(await ctx.call('startEstimate', { name: name! }));
      const r = job.result as EstimateResult;
      ctx.printJson(r);
      ctx.print(`${r.files} files in ${r.dirs} folders, ${formatBytes(r.bytes)} (scanned in ${formatDuration(r.durationMs)})`);
      if (r.unreadable.length) ctx.print(`${r.unreadable.length} unreadable:\n${r.unreadable.map((u) => `  ${u.path} (${u.error})`).join('\n')}`);
    },
  },
];
