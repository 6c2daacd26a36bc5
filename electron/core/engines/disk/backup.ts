// Job `disk.backup`: image a file or block device into the workload's repository as one new `<id>.mirn`.
import { mkdir, open } from 'node:fs/promises';
import { formatBytes } from '../../../../shared/format.js';
import type { CatalogChanges, JobHandler, SnapshotRecord } from '../../jobs/types.js';
import { checkSource } from './checks.js';
import { commitRename, tempBeside } from './files.js';
import { FORMAT_VERSION, goTimestamp } from './format.js';
import { detectFilesystem, DETECT_BYTES } from './fs-detect.js';
import { imagePath, newImageId, toRecord } from './store.js';
import { writeImage } from './write-image.js';

export interface DiskBackupInput {
  workloadId: string;
  workloadName: string;
  image: string;
  repo: string;
  type: string;
  tags: string[];
  notes: string;
  confirm: boolean;
}

export interface DiskBackupResult {
  snapshot: SnapshotRecord;
  warnings: string[];
  summary: string;
  catalog: CatalogChanges;
}

async function sniffFilesystem(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(DETECT_BYTES);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return detectFilesystem(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

export const diskBackup: JobHandler<DiskBackupInput, DiskBackupResult> = async (input, ctx) => {
  const started = Date.now();
  const src = await checkSource(input.image, input.confirm);
  const warnings = src.warning ? [src.warning] : [];
  for (const w of warnings) ctx.log('warn', w);
  await mkdir(input.repo, { recursive: true });
  const now = new Date();
  const id = newImageId(now);
  const final = imagePath(input.repo, id);
  const tmp = tempBeside(final);
  const filesystem = await sniffFilesystem(input.image);
  ctx.log('info', `imaging ${input.image} (${src.size} bytes, filesystem ${filesystem}) into ${final}`);
  const progress = (bytesDone: number) =>
    ctx.progress({ phase: 'imaging', bytesDone, bytesTotal: src.size, filesDone: 0, filesTotal: 1, currentItem: input.image });
  progress(0);
  const meta = {
    name: input.workloadName,
    filesystem,
    timestamp: goTimestamp(now),
    version: FORMAT_VERSION,
    tidemark: { workload_id: input.workloadId, type: input.type, tags: input.tags, notes: input.notes },
  };
  const { checksum, storedBytes } = await writeImage({ source: input.image, size: src.size, out: tmp, meta, signal: ctx.signal, onProgress: progress });
  await commitRename(tmp, final);
  const snapshot = toRecord(id, input.workloadId, { meta: { ...meta, size_bytes: src.size, checksum }, dataStart: 0 }, storedBytes, Date.now() - started);
  if (warnings.length) snapshot.meta.warnings = warnings;
  const summary = `image ${id}: ${formatBytes(src.size)} (${filesystem}) → ${formatBytes(storedBytes)} stored, sha256 ${checksum}`;
  ctx.log('info', summary);
  return { snapshot, warnings, summary, catalog: { upsertSnapshots: [snapshot] } };
};
