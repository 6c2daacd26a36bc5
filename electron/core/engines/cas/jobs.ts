// Job handlers (worker side) of the cas engine. Each returns plain data; catalog changes go back to main.
import type { CatalogChanges, JobHandler } from '../../jobs/types.js';
import { type BackupInput, runBackup } from './backup/run.js';
import { forgetSnapshots } from './maint/forget.js';
import { gc, type GcResult } from './maint/gc.js';
import { rebuildIndex, type RebuildResult } from './maint/rebuild-index.js';
import { verify, type VerifyResult } from './maint/verify.js';
import { toRecord } from './records.js';
import { Repository } from './repo/repository.js';
import { type RestoreInput, type RestoreResult, runRestore } from './restore/run.js';
import { listManifests } from './tree/manifest.js';

interface RepoInput {
  repo: string;
  passphrase?: string;
}
/** Job inputs are stored in the catalog, so a passphrase never travels in them: it comes from the environment. */
const pass = (i: RepoInput): { passphrase?: string } => {
  const p = i.passphrase ?? process.env.TIDEMARK_PASSWORD;
  return p === undefined ? {} : { passphrase: p };
};

export const casBackup: JobHandler<BackupInput, { snapshot: ReturnType<typeof toRecord>; warnings: { path: string; message: string }[]; summary: string; catalog: CatalogChanges }> = async (input, ctx) => {
  const m = await runBackup({ ...input, ...pass(input) }, ctx);
  const record = toRecord(m, input.repo);
  const summary = `snapshot ${m.id}: ${m.fileCount} files, ${m.totalBytes} bytes, ${m.storedBytes} new bytes stored, ${m.newChunks} new / ${m.dedupChunks} deduplicated chunks${m.warningCount ? `, ${m.warningCount} warning(s)` : ''}`;
  return { snapshot: record, warnings: m.warnings, summary, catalog: { upsertSnapshots: [record] } };
};

export const casRestore: JobHandler<RestoreInput, RestoreResult & { summary: string }> = async (input, ctx) => {
  const r = await runRestore({ ...input, ...pass(input) }, ctx);
  return { ...r, summary: `restored ${r.files} files (${r.bytes} bytes) to ${r.target}${r.skipped ? `, ${r.skipped} skipped` : ''}${r.warnings.length ? `, ${r.warnings.length} warning(s)` : ''}` };
};

export const casVerify: JobHandler<RepoInput & { deep: boolean }, VerifyResult & { summary: string }> = async (input, ctx) => {
  const r = await verify(input.repo, { deep: input.deep, ...pass(input), log: (m) => ctx.log('warn', m), signal: ctx.signal, progress: (d, t) => ctx.progress({ phase: 'verify', bytesDone: 0, filesDone: d, filesTotal: t }) });
  for (const p of r.problems) ctx.log('error', p.message);
  for (const a of r.affected) ctx.log('error', `snapshot ${a.snapshotId} is damaged: ${a.treeDamaged ? 'its tree is unreadable' : `${a.paths.length} file(s): ${a.paths.slice(0, 20).join(', ')}`}`);
  return { ...r, summary: r.ok ? `repository ok: ${r.snapshots} snapshots, ${r.packs} packs${r.deep ? `, ${r.bytesChecked} bytes re-hashed` : ''}` : `${r.problems.length} problem(s); ${r.affected.length} snapshot(s) affected` };
};

export const casForget: JobHandler<RepoInput & { ids: string[] }, { removed: string[]; summary: string; catalog: CatalogChanges }> = async (input, ctx) => {
  const removed = await forgetSnapshots(input.repo, input.ids, { ...pass(input), log: (m) => ctx.log('warn', m) });
  return { removed, summary: `forgot ${removed.length} snapshot(s); run gc to free their data`, catalog: { removeSnapshots: removed } };
};

export const casRefresh: JobHandler<RepoInput & { workloadId: string }, { count: number; damaged: { id: string; message: string }[]; catalog: CatalogChanges }> = async (input, ctx) => {
  const repo = await Repository.open(input.repo, pass(input));
  const { manifests, damaged } = await listManifests(repo);
  for (const d of damaged) ctx.log('warn', `not listed: ${d.message}`);
  const records = manifests.filter((m) => m.workloadId === input.workloadId).map((m) => toRecord(m, input.repo));
  return { count: records.length, damaged, catalog: { upsertSnapshots: records, replaceAllFor: { workloadId: input.workloadId } } };
};

export const casGc: JobHandler<RepoInput, GcResult & { summary: string }> = async (input, ctx) => {
  const r = await gc(input.repo, { ...pass(input), log: (m) => ctx.log('warn', m), signal: ctx.signal });
  return { ...r, summary: `gc: ${r.packsDeleted} pack(s) deleted, ${r.packsRepacked} repacked, ${r.bytesFreed} bytes freed` };
};

export const casRebuildIndex: JobHandler<RepoInput, RebuildResult & { summary: string }> = async (input, ctx) => {
  const r = await rebuildIndex(input.repo, { ...pass(input), log: (m) => ctx.log('warn', m) });
  return { ...r, summary: `index rebuilt from ${r.packs} pack(s) (${r.blobs} blobs)${r.damagedPacks.length ? `; ${r.damagedPacks.length} damaged pack(s) left out` : ''}` };
};
