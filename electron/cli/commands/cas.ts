import type { CasEntryView, CasTreePage } from '../../../shared/contract/cas.js';
import type { Job } from '../../../shared/domain.js';
import { formatBytes } from '../../../shared/format.js';
import type { CliCommand, CliContext } from '../command.js';

const modeString = (e: CasEntryView) => {
  const t = { file: '-', dir: 'd', symlink: 'l', fifo: 'p', socket: 's', char: 'c', block: 'b' }[e.type];
  let s = t;
  for (let i = 8; i >= 0; i--) s += (e.mode >> i) & 1 ? 'rwx'[(8 - i) % 3] : '-';
  return s;
};

const entryLine = (e: CasEntryView) => `${modeString(e)} ${String(e.uid).padStart(5)} ${String(e.gid).padStart(5)} ${formatBytes(e.size).padStart(10)} ${e.mtime.replace('T', ' ').slice(0, 19)}  ${e.name}${e.target !== undefined ? ` -> ${e.target}` : ''}`;

async function runJob(ctx: CliContext, job: Job): Promise<void> {
  const done = await ctx.waitJob(job);
  const r = done.result as { summary?: string };
  ctx.printJson(done.result);
  ctx.print(r?.summary ?? `${job.kind} finished`);
}

export const casCommands: CliCommand[] = [
  {
    path: ['ls'],
    summary: 'list a directory of a cas snapshot (page by page)',
    usage: 'ls SNAPSHOT [PATH] [--offset N] [--limit N] [--all]',
    positionals: [1, 2],
    options: { offset: { type: 'string' }, limit: { type: 'string' }, all: { type: 'boolean' } },
    async run(ctx, { values: v, positionals: [snapshotId, path] }) {
      let offset: number | null = v.offset ? Number(v.offset) : 0;
      const limit = v.limit ? Number(v.limit) : 500;
      const entries: CasEntryView[] = [];
      let next: number | null = null;
      do {
        const page: CasTreePage = await ctx.call('listTree', { snapshotId: snapshotId!, path: path ?? '/', offset: offset!, limit });
        entries.push(...page.entries);
        next = page.nextOffset;
        offset = next;
      } while (v.all === true && offset !== null);
      ctx.printJson({ snapshotId, path: path ?? '/', entries, nextOffset: next });
      ctx.print(entries.map(entryLine).join('\n') + (next !== null ? `\n… more: --offset ${next} (or --all)` : ''));
    },
  },
  {
    path: ['find'],
    summary: 'every version of a path across cas snapshots',
    usage: 'find PATH [--workload NAME]',
    positionals: [1, 1],
    options: { workload: { type: 'string' } },
    async run(ctx, { values: v, positionals: [path] }) {
      const versions = await ctx.call('findPath', { path: path!, ...(typeof v.workload === 'string' ? { name: v.workload } : {}) });
      ctx.printJson(versions);
      if (versions.length === 0) ctx.print(`${path} is in no snapshot`);
      else ctx.print(versions.map((x) => `${x.snapshotId}  ${x.createdAt.replace('T', ' ').slice(0, 19)}  ${x.workload.padEnd(14)} ${formatBytes(x.entry.size).padStart(10)}  ${x.changed ? 'changed' : 'same'}`).join('\n'));
    },
  },
  {
    path: ['diff'],
    summary: 'what changed between two cas snapshots',
    usage: 'diff SNAP_A SNAP_B',
    positionals: [2, 2],
    async run(ctx, { positionals: [from, to] }) {
      const d = await ctx.call('diffSnapshots', { from: from!, to: to! });
      ctx.printJson(d);
      const sign = { added: '+', removed: '-', changed: 'M' } as const;
      const lines = d.changes.map((c) => `${sign[c.kind]} ${c.path}${c.kind === 'changed' ? ` (${c.what?.join(', ')}; ${formatBytes(c.sizeBefore ?? 0)} → ${formatBytes(c.sizeAfter ?? 0)})` : ` (${formatBytes(c.sizeAfter ?? c.sizeBefore ?? 0)})`}`);
      lines.push(`${d.added} added, ${d.removed} removed, ${d.changed} changed; +${formatBytes(d.bytesAdded)} −${formatBytes(d.bytesRemoved)}${d.truncated ? ' (list truncated)' : ''}`);
      ctx.print(lines.join('\n'));
    },
  },
  {
    path: ['gc'],
    summary: 'free repository space no snapshot uses (every cas workload, or the named one)',
    usage: 'gc [NAME]',
    positionals: [0, 1],
    async run(ctx, { positionals: [name] }) {
      const names = name ? [name] : (await ctx.call('listWorkloads', {})).filter((w) => w.engine === 'cas').map((w) => w.name);
      const seen = new Set<string>();
      for (const n of names) {
        const w = await ctx.call('getWorkload', { name: n });
        const repo = w.engine === 'cas' ? (w.config.repo ?? n) : n;
        if (seen.has(repo)) continue; // workloads sharing a repository: one gc
        seen.add(repo);
        await runJob(ctx, await ctx.call('startGc', { name: n }));
      }
      if (names.length === 0) ctx.print('no cas workloads');
    },
  },
  {
    path: ['repo', 'rebuild-index'],
    summary: "rebuild a cas workload's repository index from its packs",
    usage: 'repo rebuild-index NAME',
    positionals: [1, 1],
    async run(ctx, { positionals: [name] }) {
      await runJob(ctx, await ctx.call('startRebuildIndex', { name: name! }));
    },
  },
];
