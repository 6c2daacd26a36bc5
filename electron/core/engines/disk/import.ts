// Job `disk.import`: adopt an image another tool (miren) wrote. The file is copied byte for byte (so miren can
// still read it), the copy is decoded and re-hashed, and only then committed under a new id.
import { copyFile, mkdir, open } from 'node:fs/promises';
import { CodedError } from '../../../../shared/result.js';
import type { CatalogChanges, JobHandler, SnapshotRecord } from '../../jobs/types.js';
import { commitRename, removeQuietly, tempBeside } from './files.js';
import { decodeImage } from './read-image.js';
import { imagePath, newImageId, readHeader, toRecord } from './store.js';

export interface DiskImportInput {
  workloadId: string;
  repo: string;
  file: string;
}

export const diskImport: JobHandler<DiskImportInput, { snapshot: SnapshotRecord; summary: string; catalog: CatalogChanges }> = async (input, ctx) => {
  const started = Date.now();
  const header = await readHeader(input.file); // refuse a bad file before copying anything
  await mkdir(input.repo, { recursive: true });
  const id = newImageId(new Date(header.meta.timestamp));
  const final = imagePath(input.repo, id);
  const tmp = tempBeside(final);
  try {
    ctx.progress({ phase: 'copying', bytesDone: 0, bytesTotal: header.meta.size_bytes, filesDone: 0, filesTotal: 1, currentItem: input.file });
    await copyFile(input.file, tmp);
    await decodeImage(tmp, {
      signal: ctx.signal,
      onProgress: (d, t) => ctx.progress({ phase: 'verifying', bytesDone: d, bytesTotal: t, filesDone: 0, filesTotal: 1, currentItem: input.file }),
    });
    const fh = await open(tmp, 'r+');
    await fh.sync();
    await fh.close();
    await commitRename(tmp, final);
  } catch (e) {
    await removeQuietly(tmp);
    if (e instanceof CodedError) throw e;
    throw new CodedError('io', `cannot import ${input.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const snapshot = toRecord(id, input.workloadId, header, header.fileSize, Date.now() - started);
  const summary = `imported ${input.file} as ${id} (${header.meta.size_bytes} bytes, sha256 verified)`;
  ctx.log('info', summary);
  return { snapshot, summary, catalog: { upsertSnapshots: [snapshot] } };
};
