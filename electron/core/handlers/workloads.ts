import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddWorkloadInput } from '../../../shared/contract/index.js';
import type { Workload } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/result.js';
import { adapterFor, hasAdapter } from '../engines/index.js';
import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';

type Methods = 'listWorkloads' | 'getWorkload' | 'addWorkload' | 'updateWorkload' | 'removeWorkload';

export function workloadHandlers(ctx: HandlerContext): HandlerMap<Methods> {
  const { catalog } = ctx;
  const changed = (workloadId?: string) => ctx.emit('catalogChanged', workloadId ? { entity: 'workloads', workloadId } : { entity: 'workloads' });
  return {
    listWorkloads: async () => catalog.workloads.list(),
    getWorkload: async ({ name }) => catalog.workloads.get(name),
    addWorkload: async (input) => {
      // Cheap checks first, so a duplicate name fails before any engine touches the disk.
      if (catalog.workloads.find(input.name)) throw new CodedError('conflict', `a workload named "${input.name}" already exists`);
      const config = await prepareConfig(input, ctx);
      const w = catalog.workloads.add({ name: input.name, engine: input.engine, config, policy: input.policy ?? {}, schedule: input.schedule ?? null });
      changed(w.id);
      return w;
    },
    updateWorkload: async ({ name, policy, schedule }) => {
      const w = catalog.workloads.update(name, { ...(policy ? { policy } : {}), ...(schedule !== undefined ? { schedule } : {}) });
      changed(w.id);
      return w;
    },
    removeWorkload: async ({ name }) => {
      const w = catalog.workloads.remove(name);
      // Passphrases are keyed by name: a later workload of the same name must not inherit this one's.
      ctx.secrets.forget(w.name);
      changed(w.id);
      return { removed: w.name, keptData: keptData(w) };
    },
  };
}

/** What stays on disk when a workload is removed: Tidemark never deletes backups as a side effect. */
function keptData(w: Workload): string[] {
  switch (w.engine) {
    case 'cas':
      return [`repository ${w.config.repo ?? '(default)'}`, `source ${w.config.source}`];
    case 'disk':
      return [`image store ${w.config.repo ?? '(default)'}`, `image ${w.config.image}`];
    case 'zfs':
      return [`dataset ${w.config.dataset} and its snapshots`, ...(w.config.remote ? [`remote ${w.config.remote.host}:${w.config.remote.dataset}`] : [])];
  }
}

async function prepareConfig(input: AddWorkloadInput, ctx: HandlerContext): Promise<Workload['config']> {
  const env = { dataDir: ctx.dataDir };
  switch (input.engine) {
    case 'cas': {
      const source = ctx.allowPath(input.config.source);
      await requireReadable(source, 'directory');
      const repo = input.config.repo ? ctx.allowPath(input.config.repo) : join(ctx.dataDir, 'repos', input.name);
      const config = { ...input.config, source, repo };
      return hasAdapter('cas') ? adapterFor({ engine: 'cas' }).prepareConfig(config, input.name, env) : config;
    }
    case 'disk': {
      const image = ctx.allowPath(input.config.image);
      const repo = input.config.repo ? ctx.allowPath(input.config.repo) : join(ctx.dataDir, 'repos', input.name);
      const config = { ...input.config, image, repo };
      return hasAdapter('disk') ? adapterFor({ engine: 'disk' }).prepareConfig(config, input.name, env) : config;
    }
    case 'zfs':
      if (input.config.remote?.identity) ctx.allowPath(input.config.remote.identity);
      return adapterFor({ engine: 'zfs' }).prepareConfig(input.config, input.name, env);
  }
}

export async function requireReadable(path: string, kind: 'directory' | 'file'): Promise<void> {
  const st = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new CodedError(e.code === 'ENOENT' ? 'not-found' : 'io', e.code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path}: ${e.code}`);
  });
  if (kind === 'directory' && !st.isDirectory()) throw new CodedError('bad-input', `${path} is not a directory`);
  await access(path, constants.R_OK | (kind === 'directory' ? constants.X_OK : 0)).catch(() => {
    throw new CodedError('io', `${path} is not readable by this user`);
  });
}
