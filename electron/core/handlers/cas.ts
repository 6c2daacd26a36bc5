import { CodedError } from '../../../shared/result.js';
import { casRepoOf, gcRequest, passphraseFor, rebuildIndexRequest, type CasWorkload } from '../engines/cas/adapter.js';
import { diffSnapshots } from '../engines/cas/browse/diff.js';
import { findPath } from '../engines/cas/browse/find.js';
import { listDir } from '../engines/cas/browse/ls.js';
import { Repository } from '../engines/cas/repo/repository.js';
import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';

type Methods = 'listTree' | 'findPath' | 'diffSnapshots' | 'startGc' | 'startRebuildIndex';

/**
 * Opened repositories, reused while their index files are unchanged: the restore wizard pages
 * through a tree call by call, and reloading the index each time would dominate.
 */
const open = new Map<string, { repo: Repository; indexes: string }>();

async function browseRepo(w: CasWorkload, dataDir: string): Promise<Repository> {
  const path = casRepoOf(w, { dataDir });
  const secret = passphraseFor(w, { dataDir }); // before the cache: a forgotten passphrase is asked for again
  const cached = open.get(path);
  if (cached && (await cached.repo.storage.list('index')).join() === cached.indexes) return cached.repo;
  const repo = await Repository.open(path, secret);
  await repo.loadIndex({ unindexed: false, treesOnly: true }); // browsing reads tree pages only
  open.set(path, { repo, indexes: (await repo.storage.list('index')).join() });
  return repo;
}

export function casHandlers(ctx: HandlerContext): HandlerMap<Methods> {
  const env = { dataDir: ctx.dataDir };
  const casWorkload = (name: string): CasWorkload => {
    const w = ctx.catalog.workloads.get(name);
    if (w.engine !== 'cas') throw new CodedError('bad-input', `${name} is a ${w.engine} workload, not a cas one`);
    return w;
  };
  const workloadOfSnapshot = (id: string): CasWorkload => {
    const s = ctx.catalog.snapshots.get(id);
    const w = ctx.catalog.workloads.getById(s.workloadId);
    if (!w || w.engine !== 'cas') throw new CodedError('bad-input', `snapshot ${id} is not a cas snapshot`);
    return w;
  };
  return {
    listTree: async ({ snapshotId, path, offset, limit }) => listDir(await browseRepo(workloadOfSnapshot(snapshotId), ctx.dataDir), snapshotId, path, offset, limit),
    findPath: async ({ name, path }) => {
      const ws = name ? [casWorkload(name)] : ctx.catalog.workloads.list().filter((w): w is CasWorkload => w.engine === 'cas');
      const out = [];
      for (const w of ws) out.push(...(await findPath(await browseRepo(w, ctx.dataDir), path, w.id)));
      return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    diffSnapshots: async ({ from, to, limit }) => {
      const w = workloadOfSnapshot(from);
      const w2 = workloadOfSnapshot(to);
      if (casRepoOf(w, env) !== casRepoOf(w2, env)) throw new CodedError('bad-input', 'both snapshots must be in the same repository');
      return diffSnapshots(await browseRepo(w, ctx.dataDir), from, to, limit);
    },
    startGc: async ({ name }) => {
      const w = casWorkload(name);
      return ctx.jobs.submit({ ...gcRequest(w, env), workloadId: w.id });
    },
    startRebuildIndex: async ({ name }) => {
      const w = casWorkload(name);
      return ctx.jobs.submit({ ...rebuildIndexRequest(w, env), workloadId: w.id });
    },
  };
}
