import { resolve } from 'node:path';
import type { CliCommand } from '../command.js';

export const diskCommands: CliCommand[] = [
  {
    path: ['disk', 'import'],
    summary: 'adopt a miren-format image file into a disk workload (verified before it is listed)',
    usage: 'disk import NAME FILE',
    positionals: [2, 2],
    async run(ctx, { positionals: [name, file] }) {
      const job = await ctx.waitJob(await ctx.call('importDiskImage', { name: name!, file: resolve(file!) }));
      const r = job.result as { snapshot: { id: string }; summary?: string };
      ctx.printJson(r.snapshot);
      ctx.print(r.summary ?? `imported ${file} as ${r.snapshot.id}`);
    },
  },
];
