import { CodedError } from '../../../shared/result.js';
import { noteOpened } from '../engines/cas/kept-passphrase.js';
import { casRepoOf, gcRequest, passphraseFor, rebuildIndexRequest, withPassphrase, type CasWorkload } from '../engines/cas/adapter.js';
import { compareSides, readDiskFile, readSnapshotFile } from '../engines/cas/browse/diff-file.js';
import { diffSnapshots } from '../engines/cas/browse/diff.js';
import { findPath } from '../engines/cas/browse/find.js';
import { listDir } from '../engines/cas/browse/ls.js';
import { findFiles, searchTree } from '../engines/cas/browse/search.js';
import { CAS_JOBS } from '../engines/cas/kinds.js';
import { Repository } from '../engines/cas/repo/repository.js';
import { lstatOrNull } from '../engines/cas/restore/meta.js';
import type { RestoreInput } from '../engines/cas/restore/run.js';
import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';

type Methods = 'listTree' | 'searchTree' | 'findPath' | 'findFiles' | 'diffSnapshots' | 'diffFile' | 'startRestoreFile' | 'startGc' | 'startRebuildIndex';

/**
 * Opened repositories, reused while their index files are unchanged: the restore wizard pages
 * through a tree call by call, and reloading the index each time would dominate.
 */
const open = new Map<string, { repo: Repository; indexes: string }>();

/** Browsing reads tree pages only; comparing file versions (`withData`) also reads their chunks. */
async function browseRepo(w: CasWorkload, dataDir: string, withData = false): Promise<Repository> {
  const path = casRepoOf(w, { dataDir });
  const key = `${withData ? 'data' : 'trees'}:${path}`;
  const secret = passphraseFor(w, { dataDir }); // before the cache: a forgotten passphrase is asked for again
  const cached = open.get(key);
  if (cached && (await cached.repo.storage.list('index')).join() === cached.indexes) return cached.repo;
  const repo = await Repository.open(path, secret).catch((e: unknown) => {
    // a kept passphrase that no longer opens it (changed elsewhere, e.g. by the CLI): asked for again
    if (e instanceof CodedError && e.code === 'forbidden' && w.config.encrypted) throw new CodedError('forbidden', e.message, { needsPassword: w.name });
    throw e;
  });
  if (secret.passphrase !== undefined) await noteOpened(path, secret.passphrase); // a job started next need not open it again to check
  await repo.loadIndex({ unindexed: false, treesOnly: !withData });
  open.set(key, { repo, indexes: (await repo.storage.list('index')).join() });
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
  const casWorkloads = (name?: string) => (name ? [casWorkload(name)] : ctx.catalog.workloads.list().filter((w): w is CasWorkload => w.engine === 'cas'));
  const readSide = async (side: { snapshotId: string; path: string } | { diskPath: string }) =>
    'diskPath' in side ? readDiskFile(ctx.allowPath(side.diskPath)) : readSnapshotFile(await browseRepo(workloadOfSnapshot(side.snapshotId), ctx.dataDir, true), side.snapshotId, side.path);
  return {
    searchTree: async ({ snapshotId, path, query, limit }) => searchTree(await browseRepo(workloadOfSnapshot(snapshotId), ctx.dataDir), snapshotId, path, query, limit),
    findFiles: async ({ name, query, limit }) => {
      const out = [];
      for (const w of casWorkloads(name)) out.push(...(await findFiles(await browseRepo(w, ctx.dataDir), query, w.id, limit)));
      return out.slice(0, limit);
    },
    diffFile: async ({ a, b }) => compareSides(await readSide(a), await readSide(b)),
    startRestoreFile: async ({ snapshotId, path, dir, fileName }) => {
      const w = workloadOfSnapshot(snapshotId);
      const real = ctx.allowPath(dir);
      if (!(await lstatOrNull(real))?.isDirectory()) throw new CodedError('not-found', `folder ${dir} does not exist`);
      const dest = `${real.replace(/\/+$/, '')}/${fileName}`;
      if (await lstatOrNull(dest)) throw new CodedError('conflict', `${dest} already exists; choose another name`);
      const input: RestoreInput = { repo: casRepoOf(w, env), snapshotId, target: real, include: [path], force: false, conflict: 'fail', renameTo: fileName };
      const req = { kind: CAS_JOBS.restore, input, lockKeys: [casRepoOf(w, env), `cas-target:${dest}`], title: `restore of ${path} from ${w.name} as ${fileName}` };
      return ctx.jobs.submit({ ...(await withPassphrase(w, env, req)), workloadId: w.id });
    },
    listTree: async ({ snapshotId, path, offset, limit }) => listDir(await browseRepo(workloadOfSnapshot(snapshotId), ctx.dataDir), snapshotId, path, offset, limit),
    findPath: async ({ name, path }) => {
      const out = [];
      for (const w of casWorkloads(name)) out.push(...(await findPath(await browseRepo(w, ctx.dataDir), path, w.id)));
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
      return ctx.jobs.submit({ ...(await gcRequest(w, env)), workloadId: w.id });
    },
    startRebuildIndex: async ({ name }) => {
      const w = casWorkload(name);
      return ctx.jobs.submit({ ...(await rebuildIndexRequest(w, env)), workloadId: w.id });
    },
  };
}
