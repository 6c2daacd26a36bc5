import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CodedError } from '../../../../../shared/result.js';
import type { Repository } from '../repo/repository.js';
import type { PageRef } from './pages.js';

// snapshots/<id>: the manifest, written last (temp + fsync + rename) after every pack and index it
// references. Its existence is the commit: no manifest, no snapshot.

const nameSchema = z.union([z.object({ p: z.string() }).strict(), z.object({ pb: z.string() }).strict()]);

export const manifestSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[0-9a-f]{16}$/),
  workload: z.string(),
  workloadId: z.string(),
  type: z.string(),
  tags: z.array(z.string()),
  notes: z.string(),
  createdAt: z.string(),
  hostname: z.string(),
  sourcePath: z.string(),
  parent: z.string().nullable(),
  fileCount: z.number(),
  dirCount: z.number(),
  totalBytes: z.number(),
  storedBytes: z.number(),
  newChunks: z.number(),
  dedupChunks: z.number(),
  durationMs: z.number(),
  warningCount: z.number(),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
  root: z.object({ mode: z.number(), uid: z.number(), gid: z.number(), mtimeNs: z.string() }),
  tree: z.object({ entries: z.number(), pages: z.array(z.object({ id: z.string(), n: z.number(), first: nameSchema, last: nameSchema })) }),
});
export type Manifest = z.infer<typeof manifestSchema> & { tree: { pages: PageRef[] } };

export const newSnapshotId = (): string => randomBytes(8).toString('hex');
const snapName = (id: string) => `snapshots/${id}`;

export async function writeManifest(repo: Repository, m: Manifest): Promise<void> {
  const sealed = await repo.sealer.seal(Buffer.from(JSON.stringify(m)));
  if (!(await repo.storage.put(snapName(m.id), sealed))) throw new CodedError('conflict', `snapshot ${m.id} already exists`);
}

export async function readManifest(repo: Repository, id: string): Promise<Manifest> {
  if (!/^[0-9a-f]{16}$/.test(id)) throw new CodedError('bad-input', `${id} is not a cas snapshot id`);
  let raw: Buffer;
  try {
    raw = await repo.storage.get(snapName(id));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CodedError('not-found', `snapshot ${id} not found in ${repo.location}`);
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse((await repo.sealer.unseal(raw)).toString('utf8'));
  } catch (e) {
    if (e instanceof CodedError) throw e;
    throw new CodedError('corrupt', `snapshot ${id}: manifest is not valid JSON`);
  }
  const r = manifestSchema.safeParse(parsed);
  if (!r.success || r.data.id !== id) throw new CodedError('corrupt', `snapshot ${id}: manifest is damaged`);
  return r.data as Manifest;
}

export async function listSnapshotIds(repo: Repository): Promise<string[]> {
  return (await repo.storage.list('snapshots')).map((n) => n.slice('snapshots/'.length)).filter((id) => /^[0-9a-f]{16}$/.test(id));
}

/** Every readable manifest, newest first; damaged ones are returned separately (verify reports them). */
export async function listManifests(repo: Repository): Promise<{ manifests: Manifest[]; damaged: { id: string; message: string }[] }> {
  const manifests: Manifest[] = [];
  const damaged: { id: string; message: string }[] = [];
  for (const id of await listSnapshotIds(repo)) {
    try {
      manifests.push(await readManifest(repo, id));
    } catch (e) {
      if (e instanceof CodedError && (e.code === 'corrupt' || e.code === 'not-found')) damaged.push({ id, message: e.message });
      else throw e;
    }
  }
  manifests.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { manifests, damaged };
}

export async function deleteManifest(repo: Repository, id: string): Promise<void> {
  await repo.storage.delete(snapName(id));
}

export const manifestDigest = (m: Manifest): string => createHash('sha256').update(JSON.stringify(m)).digest('hex');
