import type { Snapshot } from '../../../shared/domain.js';
import { formatBytes, formatDuration } from '../../../shared/format.js';
import { UsageError, type CliCommand } from '../command.js';
import { resolve } from 'node:path';

/** The --json snapshot shape of DESIGN.md (fields may be added, never renamed). */
export function snapshotJson(s: Snapshot) {
  const { id, workload, engine, type, tags, notes, createdAt, complete, fileCount, totalBytes, storedBytes, newChunks, dedupChunks, durationMs, pinned, location, meta } = s;
  return { id, workload, engine, type, tags, notes, createdAt, complete, fileCount, totalBytes, storedBytes, newChunks, dedupChunks, durationMs, pinned, location, meta };
}

function row(s: Snapshot): string {
  const tags = s.tags.length ? ` [${s.tags.join(',')}]` : '';
  return `${s.id.padEnd(28)} ${s.createdAt.replace('T', ' ').slice(0, 19)}  ${s.workload.padEnd(14)} ${s.type.padEnd(10)} ${formatBytes(s.totalBytes).padStart(10)} ${formatBytes(s.storedBytes).padStart(10)}${s.location !== 'local' ? ` (${s.location})` : ''}${tags}`;
}

export const snapshotCommands: CliCommand[] = [
  {
    path: ['backup'],
    summary: 'back up a workload now',
    usage: 'backup NAME [--type manual|scheduled|snapshot|pre-deploy|hourly|…] [--tag T]... [--notes TEXT] [--yes]',
    positionals: [1, 1],
    options: { type: { type: 'string' }, tag: { type: 'string', multiple: true }, notes: { type: 'string' }, yes: { type: 'boolean' } },
    async run(ctx, { values: v, positionals: [name] }) {
      const job = await ctx.waitJob(
        await ctx.call('startBackup', {
          name: name!,
          ...(v.type ? { type: String(v.type) } : {}),
          tags: (v.tag as string[] | undefined) ?? [],
          notes: typeof v.notes === 'string' ? v.notes : '',
          confirm: v.yes === true,
        }),
      );
      const r = job.result as { snapshot?: Snapshot; summary?: string; warnings?: unknown[] };
      ctx.printJson(r);
      ctx.print(r.summary ?? `backup of ${name} finished`);
      for (const w of r.warnings ?? []) ctx.print(`warning: ${typeof w === 'string' ? w : JSON.stringify(w)}`);
    },
  },
  {
    path: ['snapshots'],
    summary: 'list snapshots, newest first',
    usage: 'snapshots [NAME]',
    positionals: [0, 1],
    async run(ctx, { positionals: [name] }) {
      const list = await ctx.call('listSnapshots', name ? { name } : {});
      ctx.printJson(list.map(snapshotJson));
      if (list.length === 0) ctx.print(name ? `${name} has no snapshots yet: run \`tidemark backup ${name}\`` : 'no snapshots yet');
      else ctx.print(`${'ID'.padEnd(28)} ${'CREATED (UTC)'.padEnd(20)} ${'WORKLOAD'.padEnd(14)} ${'TYPE'.padEnd(10)} ${'SIZE'.padStart(10)} ${'STORED'.padStart(10)}\n${list.map(row).join('\n')}`);
    },
  },
  {
    path: ['restore'],
    summary: 'restore a snapshot to a target',
    usage: 'restore SNAPSHOT_ID --target PATH [--force] [--include PATH]... [--conflict fail|skip|overwrite|keep-both] | restore SNAPSHOT_ID --include FILE --target DIR --as NAME',
    positionals: [1, 1],
    options: { target: { type: 'string' }, force: { type: 'boolean' }, include: { type: 'string', multiple: true }, conflict: { type: 'string' }, as: { type: 'string' } },
    async run(ctx, { values: v, positionals: [id] }) {
      if (typeof v.target !== 'string') throw new UsageError('--target PATH is required');
      // --as: one file written as DIR/NAME (e.g. next to the original), never over an existing file
      const include = (v.include as string[] | undefined) ?? [];
      if (typeof v.as === 'string' && include.length !== 1) throw new UsageError('--as NAME restores exactly one file: give one --include FILE');
      const job = await ctx.waitJob(
        typeof v.as === 'string' ? await ctx.call('startRestoreFile', { snapshotId: id!, path: include[0]!, dir: resolve(v.target), fileName: v.as }) : await ctx.call('startRestore', {
          snapshotId: id!,
          target: resolve(v.target),
          force: v.force === true,
          include: (v.include as string[] | undefined) ?? [],
          ...(v.conflict ? { conflict: String(v.conflict) as 'fail' } : {}),
        }),
      );
      const r = job.result as { summary?: string };
      ctx.printJson(job.result);
      ctx.print(r.summary ?? `restored ${id} to ${v.target}`);
    },
  },
  {
    path: ['forget'],
    summary: 'delete one snapshot',
    usage: 'forget SNAPSHOT_ID',
    positionals: [1, 1],
    async run(ctx, { positionals: [id] }) {
      const job = await ctx.waitJob(await ctx.call('startForget', { snapshotId: id! }));
      ctx.printJson(job.result);
      ctx.print(`forgot ${id}`);
    },
  },
  {
    path: ['verify'],
    summary: 'check a workload’s stored backups (--deep re-reads every byte)',
    usage: 'verify NAME [--deep]',
    positionals: [1, 1],
    options: { deep: { type: 'boolean' } },
    async run(ctx, { values: v, positionals: [name] }) {
      const started = Date.now();
      const job = await ctx.waitJob(await ctx.call('startVerify', { name: name!, deep: v.deep === true }));
      const r = job.result as { ok?: boolean; summary?: string; problems?: unknown[] };
      ctx.printJson(r);
      ctx.print(r.summary ?? `verified ${name} in ${formatDuration(Date.now() - started)}`);
      if (r.ok === false) throw new Error(`verify found ${r.problems?.length ?? 'some'} problem(s) in ${name}`);
    },
  },
];
