import type { AddWorkloadInput } from '../../../shared/contract/index.js';
import type { Workload } from '../../../shared/domain.js';
import { UsageError, type CliCommand } from '../command.js';
import { readJsonFile } from '../read-json.js';
import { resolve } from 'node:path';
import { parseRemote, testRemote } from './zfs.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const abs = (v: unknown): string | undefined => (typeof v === 'string' ? resolve(v) : undefined);

/** `--encrypt [--recipient age1…]…`: the passphrase comes from TIDEMARK_PASSWORD, never from argv (shell history). */
function casEncryption(encrypt: boolean, recipients: string[] | undefined) {
  if (!encrypt) {
    if (recipients) throw new UsageError('--recipient needs --encrypt');
    return {};
  }
  if (!recipients && !process.env.TIDEMARK_PASSWORD) throw new UsageError('--encrypt needs a passphrase in TIDEMARK_PASSWORD, or at least one --recipient age1…');
  return { encrypted: true, ...(recipients ? { recipients } : {}) };
}

function describe(w: Workload): string {
  switch (w.engine) {
    case 'cas':
      return `${w.config.source} → ${w.config.repo}${w.config.encrypted ? ` (encrypted${w.config.recipients ? `, ${w.config.recipients.length} age recipient(s)` : ''})` : ''}`;
    case 'disk':
      return `${w.config.image} → ${w.config.repo}`;
    case 'zfs':
      return `${w.config.dataset}${w.config.remote ? ` → ${w.config.remote.user}@${w.config.remote.host}:${w.config.remote.port}/${w.config.remote.dataset}` : ''}`;
  }
}

export const workloadCommands: CliCommand[] = [
  {
    path: ['workload', 'add'],
    summary: 'add a workload to protect',
    usage: 'workload add NAME --engine cas|zfs|disk (--source DIR | --dataset POOL/DS | --image PATH) [--repo DIR] [--encrypt [--recipient age1…]…] [--remote ssh://… [--identity KEY] [--accept-host-key SHA256:…]] [--policy FILE]',
    positionals: [1, 1],
    options: {
      engine: { type: 'string' },
      source: { type: 'string' },
      repo: { type: 'string' },
      image: { type: 'string' },
      dataset: { type: 'string' },
      remote: { type: 'string' },
      identity: { type: 'string' },
      'accept-host-key': { type: 'string' },
      policy: { type: 'string' },
      exclude: { type: 'string', multiple: true },
      'one-file-system': { type: 'boolean' },
      encrypt: { type: 'boolean' },
      recipient: { type: 'string', multiple: true },
    },
    async run(ctx, { values: v, positionals: [name] }) {
      const policy = v.policy ? (readJsonFile(String(v.policy), 'policy') as AddWorkloadInput['policy']) : undefined;
      const common = { name: name!, ...(policy ? { policy } : {}) };
      let input: AddWorkloadInput;
      switch (v.engine) {
        case 'cas':
          if (!v.source) throw new UsageError('--source DIR is required for a cas workload');
          input = {
            ...common,
            engine: 'cas',
            config: {
              source: abs(v.source)!,
              ...(v.repo ? { repo: abs(v.repo)! } : {}),
              ...(v.exclude ? { excludes: v.exclude as string[] } : {}),
              ...(v['one-file-system'] ? { oneFileSystem: true } : {}),
              ...casEncryption(v.encrypt === true, v.recipient as string[] | undefined),
            },
          };
          break;
        case 'disk':
          if (!v.image) throw new UsageError('--image PATH is required for a disk workload');
          input = { ...common, engine: 'disk', config: { image: abs(v.image)!, ...(v.repo ? { repo: abs(v.repo)! } : {}) } };
          break;
        case 'zfs': {
          if (!v.dataset) throw new UsageError('--dataset POOL/DS is required for a zfs workload');
          if (v['accept-host-key'] !== undefined && !v.remote) throw new UsageError('--accept-host-key goes with --remote');
          const remote = v.remote ? parseRemote(String(v.remote), abs(v.identity)) : undefined;
          // the remote is reached (and its host key pinned, only if accepted) before the workload exists
          if (remote) await testRemote(ctx, remote, v['accept-host-key'], 'the workload was not added');
          input = { ...common, engine: 'zfs', config: { dataset: str(v.dataset)!, ...(remote ? { remote } : {}) } };
          break;
        }
        case undefined:
          throw new UsageError('--engine cas|zfs|disk is required');
        default:
          throw new UsageError(`unknown engine "${String(v.engine)}": use cas, zfs or disk`);
      }
      const w = await ctx.call('addWorkload', input);
      ctx.printJson(w);
      ctx.print(`added ${w.engine} workload ${w.name}: ${describe(w)}`);
    },
  },
  {
    path: ['workload', 'list'],
    summary: 'list workloads',
    usage: 'workload list',
    async run(ctx) {
      const list = await ctx.call('listWorkloads', {});
      ctx.printJson(list);
      if (list.length === 0) ctx.print('no workloads yet: add one with `tidemark workload add NAME --engine cas --source DIR`');
      for (const w of list) ctx.print(`${w.name.padEnd(20)} ${w.engine.padEnd(5)} ${describe(w)}`);
    },
  },
  {
    path: ['workload', 'show'],
    summary: 'show one workload',
    usage: 'workload show NAME',
    positionals: [1, 1],
    async run(ctx, { positionals: [name] }) {
      const w = await ctx.call('getWorkload', { name: name! });
      ctx.printJson(w);
      ctx.print(
        [`name:     ${w.name}`, `engine:   ${w.engine}`, `protects: ${describe(w)}`, `policy:   ${JSON.stringify(w.policy)}`, `schedule: ${w.schedule ? `every ${w.schedule.everyMinutes} min` : 'none'}`, `added:    ${w.createdAt}`].join('\n'),
      );
    },
  },
  {
    path: ['workload', 'remove'],
    summary: 'remove a workload from Tidemark (its backups stay on disk)',
    usage: 'workload remove NAME',
    positionals: [1, 1],
    async run(ctx, { positionals: [name] }) {
      const r = await ctx.call('removeWorkload', { name: name! });
      ctx.printJson(r);
      ctx.print(`removed ${r.removed}; kept on disk: ${r.keptData.join('; ')}`);
    },
  },
  {
    path: ['workload', 'passwd'],
    summary: "change the passphrase of an encrypted folder backup's repository",
    usage: 'workload passwd NAME   (current passphrase in TIDEMARK_PASSWORD, new one in TIDEMARK_NEW_PASSWORD)',
    positionals: [1, 1],
    async run(ctx, { positionals: [name] }) {
      // from the environment, never from argv (shell history), as for --encrypt
      const current = process.env.TIDEMARK_PASSWORD;
      const next = process.env.TIDEMARK_NEW_PASSWORD;
      if (!current || !next) throw new UsageError('workload passwd needs the current passphrase in TIDEMARK_PASSWORD and the new one in TIDEMARK_NEW_PASSWORD');
      const r = await ctx.call('changeRepositoryPassword', { name: name!, current, next, remember: false });
      ctx.printJson({ name: r.name, changed: true });
      ctx.print(`changed the passphrase of ${r.name}; from now on give the new one (TIDEMARK_PASSWORD)`);
    },
  },
];
