// The image store: one `<id>.mirn` per snapshot in the workload's repository folder. The folder is the truth; the catalog is rebuilt from it.
import { randomBytes } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '../../../../shared/result.js';
import type { SnapshotRecord } from '../../jobs/types.js';
import { MAX_META_BYTES, parseHeader, type ParsedHeader } from './format.js';

export const IMAGE_EXT = '.mirn';
const ID_RE = /^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{6}$/;

/** Sortable by time: 20261122T024135.123Z-1a2b3c */
export function newImageId(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '')}-${randomBytes(3).toString('hex')}`;
}

export const isImageId = (id: string) => ID_RE.test(id);
export const imagePath = (repo: string, id: string) => join(repo, `${id}${IMAGE_EXT}`);

export function defaultRepo(dataDir: string, workloadName: string): string {
  return join(dataDir, 'repos', workloadName);
}

/** Reads and parses the header of an image file; every defect is a one-line `corrupt` error naming the file. */
export async function readHeader(path: string): Promise<ParsedHeader & { fileSize: number }> {
  const fh = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new CodedError(e.code === 'ENOENT' ? 'not-found' : 'io', `cannot open the image ${path}: ${e.code ?? e.message}`);
  });
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, 12 + MAX_META_BYTES));
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return { ...parseHeader(head.subarray(0, bytesRead), path), fileSize: size };
  } finally {
    await fh.close();
  }
}

export function toRecord(id: string, workloadId: string, h: ParsedHeader, storedBytes: number, durationMs = 0): SnapshotRecord {
  const { meta } = h;
  const extra = meta.tidemark;
  return {
    id,
    workloadId,
    engine: 'disk',
    type: extra?.type ?? 'import',
    tags: extra?.tags ?? [],
    notes: extra?.notes ?? '',
    createdAt: new Date(meta.timestamp).toISOString(),
    complete: true,
    fileCount: 1,
    totalBytes: meta.size_bytes,
    storedBytes,
    newChunks: 0,
    dedupChunks: 0,
    durationMs,
    location: 'local',
    meta: { checksum: meta.checksum, filesystem: meta.filesystem, sizeBytes: meta.size_bytes, name: meta.name, timestamp: meta.timestamp },
  };
}

export interface Listing {
  records: SnapshotRecord[];
  /** files that look like images but cannot be read, with why */
  damaged: { file: string; error: string }[];
}

/** Every committed image in the repository (temporary files of running or crashed jobs are not images). */
export async function listImages(repo: string, workloadId: string): Promise<Listing> {
  const names = await readdir(repo).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw new CodedError('io', `cannot read the repository ${repo}: ${e.code ?? e.message}`);
  });
  const out: Listing = { records: [], damaged: [] };
  for (const name of names.sort()) {
    if (!name.endsWith(IMAGE_EXT)) continue;
    const id = name.slice(0, -IMAGE_EXT.length);
    if (!isImageId(id)) continue;
    const path = join(repo, name);
    try {
      const h = await readHeader(path);
      out.records.push(toRecord(id, workloadId, h, (await stat(path)).size));
    } catch (e) {
      out.damaged.push({ file: path, error: (e as Error).message });
    }
  }
  return out;
}
