// Job `disk.verify`: check stored images without restoring them. Shallow: every header parses and the
// payload is present. Deep: decompress and re-hash every byte against the header's SHA-256.
import { CodedError } from '../../../../shared/result.js';
import type { JobHandler } from '../../jobs/types.js';
import { decodeImage } from './read-image.js';
import { imagePath, listImages, readHeader } from './store.js';

export interface DiskVerifyInput {
  workloadId: string;
  repo: string;
  deep: boolean;
  /** only these snapshots (default: every image in the repository) */
  ids?: string[];
}

export interface DiskVerifyResult {
  checked: number;
  deep: boolean;
  failures: { id: string; error: string }[];
  summary: string;
}

export const diskVerify: JobHandler<DiskVerifyInput, DiskVerifyResult> = async (input, ctx) => {
  const listing = await listImages(input.repo, input.workloadId);
  const failures = listing.damaged.map((d) => ({ id: d.file, error: d.error }));
  const records = input.ids ? listing.records.filter((r) => input.ids!.includes(r.id)) : listing.records;
  for (const id of input.ids ?? []) if (!listing.records.some((r) => r.id === id)) failures.push({ id, error: `no image ${id} in ${input.repo}` });
  const total = records.reduce((s, r) => s + (input.deep ? r.totalBytes : 0), 0);
  let before = 0;
  for (const [i, r] of records.entries()) {
    const path = imagePath(input.repo, r.id);
    ctx.progress({ phase: input.deep ? 'verifying' : 'checking', bytesDone: before, bytesTotal: total, filesDone: i, filesTotal: records.length, currentItem: r.id });
    try {
      const h = await readHeader(path);
      if (h.fileSize <= h.dataStart && h.meta.size_bytes > 0) throw new CodedError('corrupt', `${path}: the compressed data is missing`);
      if (input.deep) {
        await decodeImage(path, { signal: ctx.signal, onProgress: (d) => ctx.progress({ phase: 'verifying', bytesDone: before + d, bytesTotal: total, filesDone: i, filesTotal: records.length, currentItem: r.id }) }, h);
      }
    } catch (e) {
      if (e instanceof CodedError && e.code === 'cancelled') throw e;
      failures.push({ id: r.id, error: (e as Error).message });
      ctx.log('error', `${r.id}: ${(e as Error).message}`);
    }
    before += input.deep ? r.totalBytes : 0;
  }
  if (failures.length) {
    throw new CodedError('corrupt', `${failures.length} of ${records.length} image(s) failed verification: ${failures.map((f) => `${f.id}: ${f.error}`).join('; ')}`, { failures });
  }
  const summary = `${records.length} image(s) ${input.deep ? 're-hashed' : 'checked'}, all good`;
  ctx.log('info', summary);
  return { checked: records.length, deep: input.deep, failures, summary };
};
