// Jobs `disk.forget` (delete images) and `disk.refresh` (re-list the repository into the catalog).
import { rm } from 'node:fs/promises';
import { CodedError } from '../../../../shared/result.js';
import type { CatalogChanges, JobHandler } from '../../jobs/types.js';
import { imagePath, isImageId, listImages } from './store.js';

export interface DiskForgetInput {
  repo: string;
  ids: string[];
}

export const diskForget: JobHandler<DiskForgetInput, { removed: string[]; summary: string; catalog: CatalogChanges }> = async (input, ctx) => {
  const removed: string[] = [];
  for (const id of input.ids) {
    if (!isImageId(id)) throw new CodedError('bad-input', `${id} is not a disk image id`);
    await rm(imagePath(input.repo, id), { force: true }).catch((e: NodeJS.ErrnoException) => {
      throw new CodedError('io', `cannot delete the image ${id}: ${e.code ?? e.message}`);
    });
    removed.push(id);
    ctx.log('info', `deleted image ${id}`);
  }
  return { removed, summary: `deleted ${removed.length} image(s)`, catalog: { removeSnapshots: removed } };
};

export interface DiskRefreshInput {
  workloadId: string;
  repo: string;
}

export const diskRefresh: JobHandler<DiskRefreshInput, { count: number; damaged: { file: string; error: string }[]; summary: string; catalog: CatalogChanges }> = async (input, ctx) => {
  const { records, damaged } = await listImages(input.repo, input.workloadId);
  for (const d of damaged) ctx.log('warn', `not listed: ${d.error}`);
  const summary = `${records.length} image(s) in ${input.repo}${damaged.length ? `; ${damaged.length} unreadable file(s) not listed` : ''}`;
  return { count: records.length, damaged, summary, catalog: { upsertSnapshots: records, replaceAllFor: { workloadId: input.workloadId } } };
};
