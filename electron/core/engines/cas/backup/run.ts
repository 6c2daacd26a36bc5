import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { CodedError } from '../../../../../shared/result.js';
import type { JobContext } from '../../../jobs/types.js';
import { Chunker } from '../chunker.js';
import { BLOB_DATA } from '../pack/format.js';
import { BlobWriter } from '../repo/blob-writer.js';
import { RepoLock } from '../repo/lock.js';
import { Repository } from '../repo/repository.js';
import { displayPath, sortTree, type TreeEntry } from '../tree/entry.js';
import { listManifests, newSnapshotId, writeManifest, type Manifest } from '../tree/manifest.js';
import { writePages } from '../tree/pages.js';
import { ChunkPool, type HashedChunk } from './compress-pool.js';
import { compileExcludes } from './excludes.js';
import { FilesCache } from './files-cache.js';
import { readChunks } from './read-chunks.js';
import { walk, joinSource, type Warning } from './walk.js';

export interface BackupInput {
  repo: string;
  passphrase?: string;
  source: string;
  workload: string;
  workloadId: string;
  type: string;
  tags: string[];
  notes: string;
  excludes?: string[];
  oneFileSystem?: boolean;
  /** skip the contents of directories holding a valid CACHEDIR.TAG (default true) */
  excludeCaches?: boolean;
  /** test hook: helper threads (default: one per core) */
  threads?: number;
  /** files from this size on are read and chunked by a helper thread (default 2 × maxSize) */
  helperChunkingFrom?: number;
}

const MAX_STORED_WARNINGS = 1000;

export async function checkSource(source: string): Promise<void> {
  let st;
  try {
    st = await stat(source);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CodedError('not-found', `source ${source} does not exist`);
    throw new CodedError('io', `source ${source} cannot be read: ${(e as Error).message}`);
  }
  if (!st.isDirectory()) throw new CodedError('bad-input', `source ${source} is not a directory`);
}

export async function runBackup(input: BackupInput, ctx: JobContext): Promise<Manifest> {
  const started = Date.now();
  await checkSource(input.source);
  const repo = await Repository.open(input.repo, input.passphrase === undefined ? {} : { passphrase: input.passphrase });
  const lock = await RepoLock.acquire(repo.storage, 'backup', true, { log: (m) => ctx.log('warn', m) });
  let pool: ChunkPool | undefined;
  try {
    await repo.loadIndex();
    if (repo.unindexedPacks.length) ctx.log('info', `reusing ${repo.unindexedPacks.length} pack(s) left by an interrupted backup`);
    const { manifests } = await listManifests(repo);
    const parent = manifests.find((m) => m.workloadId === input.workloadId && m.sourcePath === input.source) ?? null;
    const cache = parent ? await FilesCache.fromSnapshot(repo, parent) : FilesCache.empty();

    ctx.progress({ phase: 'scan', bytesDone: 0, filesDone: 0 });
    const aborted = () => ctx.signal.aborted;
    const w = walk(input.source, { exclude: compileExcludes(input.excludes ?? []), oneFileSystem: input.oneFileSystem ?? false, excludeCaches: input.excludeCaches ?? true, aborted });
    if (aborted()) throw new CodedError('cancelled', 'backup cancelled');
    const entries = sortTree(w.entries);
    const warnings: Warning[] = w.warnings;
    const filesTotal = entries.filter((e) => e.type === 'file').length;

    const writer = new BlobWriter(repo);
    const chunker = new Chunker(repo.chunkerParams);
    pool = new ChunkPool({ level: repo.config.compression.level, chunker: chunker.spec, ...(repo.sealer.hmacKeyHex ? { hmacKey: repo.sealer.hmacKeyHex } : {}), ...(input.threads ? { threads: input.threads } : {}) });
    const helperFrom = input.helperChunkingFrom ?? 2 * repo.config.chunker.maxSize;
    const maxInFlight = 4 + 2 * (input.threads ?? 2);
    const inflightIds = new Set<string>();
    // each entry resolves when its chunk is dropped (duplicate) or stored: bounds the bytes held by helpers
    const window: Promise<void>[] = [];
    let storeChain: Promise<void> = Promise.resolve();
    let newChunks = 0;
    let dedupChunks = 0;
    let bytesDone = 0;
    let filesDone = 0;
    const linkChunks = new Map<string, Promise<string[]>>();
    const idsSettled: Promise<void>[] = [];
    const buf = Buffer.allocUnsafe(repo.config.chunker.maxSize + (4 << 20));
    const report = (item?: string) => ctx.progress({ phase: 'backup', bytesDone, bytesTotal: w.totalBytes, filesDone, filesTotal, ...(item ? { currentItem: item } : {}) });

    /** New or duplicate? A hashed chunk is then compressed and stored, or dropped. */
    const decide = async (h: HashedChunk, rawLength: number): Promise<void> => {
      if (writer.has(h.id) || inflightIds.has(h.id)) {
        h.drop();
        dedupChunks++;
        return;
      }
      inflightIds.add(h.id);
      newChunks++;
      const { flags, stored } = await h.compress();
      // Serialised: pack writes must not interleave.
      storeChain = storeChain.then(() => writer.addStored(h.id, BLOB_DATA, flags, stored, rawLength)).then(() => void inflightIds.delete(h.id));
      await storeChain;
    };

    /** Hands a chunk to a helper; resolves to its id once hashed (the store happens in the background). */
    const storeChunk = async (chunk: Buffer): Promise<{ id: Promise<string> }> => {
      // its own ArrayBuffer (transferable, not from the pool) and not zero-filled: it is overwritten at once
      const copy = Buffer.allocUnsafeSlow(chunk.length);
      chunk.copy(copy);
      const rawLength = chunk.length;
      const hashed = pool!.hash(copy.buffer as ArrayBuffer);
      const done = hashed.then((h) => decide(h, rawLength));
      done.catch(() => {}); // awaited (and thrown) later
      window.push(done);
      if (window.length >= maxInFlight) await window.shift();
      return { id: hashed.then((h) => h.id) };
    };

    const backupFile = async (e: TreeEntry): Promise<boolean> => {
      const cached = cache.lookup(e, (id) => writer.has(id));
      if (cached) {
        e.chunks = cached;
        dedupChunks += cached.length;
        bytesDone += e.size;
        return true;
      }
      if (e.link && linkChunks.has(e.link)) {
        const entry = e;
        idsSettled.push(linkChunks.get(e.link)!.then((c) => void (entry.chunks = c)));
        bytesDone += e.size;
        return true;
      }
      const abs = joinSource(input.source, e.path);
      let fh;
      try {
        // O_NONBLOCK: if the file was swapped for a FIFO since the scan, open must not hang
        fh = await open(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      } catch (err) {
        warnings.push({ path: displayPath(e.path), message: `cannot open: ${(err as Error).message}` });
        return false;
      }
      try {
        const before = await fh.stat({ bigint: true });
        if (!before.isFile()) {
          warnings.push({ path: displayPath(e.path), message: 'changed type since the scan, not backed up' });
          return false;
        }
        const ids: Promise<string>[] = [];
        const startBytes = bytesDone;
        const read = await readChunks(fh, chunker, buf, async (c) => {
          ids.push((await storeChunk(c)).id);
          bytesDone += c.length;
          report(displayPath(e.path));
        }, aborted);
        if (aborted()) {
          await Promise.allSettled(ids);
          return false;
        }
        const after = await fh.stat({ bigint: true });
        // Not awaited here: the next file is read while this one's chunks are still being hashed.
        const chunks = Promise.all(ids);
        const entry = e;
        idsSettled.push(chunks.then((c) => void (entry.chunks = c)));
        e.size = read;
        e.mtimeNs = before.mtimeNs;
        e.ctimeNs = before.ctimeNs;
        if (read !== Number(before.size) || after.mtimeNs !== before.mtimeNs || after.size !== before.size) {
          warnings.push({ path: displayPath(e.path), message: `changed while being read (size ${before.size} → ${after.size}, read ${read} bytes); saved as read` });
          e.ctimeNs = 0n; // never trust the files cache for this one
        }
        bytesDone = startBytes + read;
        if (e.link) linkChunks.set(e.link, chunks);
        return true;
      } catch (err) {
        if (err instanceof CodedError) throw err;
        warnings.push({ path: displayPath(e.path), message: `read failed: ${(err as Error).message}` });
        return false;
      } finally {
        await fh.close();
      }
    };

    // Big files are read and chunked by a helper (one per helper at a time) while this thread goes on
    // with the small ones: several files are chunked at once.
    const failed = new Set<TreeEntry>();
    const bigJobs = new Set<Promise<void>>();
    const fileDecisions: Promise<void>[] = [];
    const bigFile = (e: TreeEntry): Promise<void> => {
      const ids: string[] = [];
      return pool!
        .chunkFile(joinSource(input.source, e.path), (c) => {
          ids[c.index] = c.id;
          bytesDone += c.length;
          const d = decide(c, c.length);
          d.catch(() => {}); // awaited (and thrown) after the loop; this only avoids an unhandled rejection meanwhile
          fileDecisions.push(d);
          report(displayPath(e.path));
        })
        .then((r) => {
          if (!r.ok) {
            failed.add(e);
            if (!aborted()) warnings.push({ path: displayPath(e.path), message: r.message });
            return;
          }
          e.chunks = ids;
          e.size = r.size;
          e.mtimeNs = r.before.mtimeNs;
          e.ctimeNs = r.before.ctimeNs;
          if (r.size !== Number(r.before.size) || r.after.mtimeNs !== r.before.mtimeNs || r.after.size !== r.before.size) {
            warnings.push({ path: displayPath(e.path), message: `changed while being read (size ${r.before.size} → ${r.after.size}, read ${r.size} bytes); saved as read` });
            e.ctimeNs = 0n;
          }
          filesDone++;
        });
    };

    const kept: TreeEntry[] = [];
    let dirCount = 0;
    for (const e of entries) {
      if (aborted()) break;
      if (e.type === 'file') {
        const big = e.size >= helperFrom && !e.link && !cache.lookup(e, (id) => writer.has(id));
        if (big) {
          while (bigJobs.size >= pool.threads) await Promise.race(bigJobs);
          const job = bigFile(e).finally(() => bigJobs.delete(job));
          bigJobs.add(job);
        } else {
          if (!(await backupFile(e))) continue;
          filesDone++;
          if (filesDone % 64 === 0) report(displayPath(e.path));
        }
      } else if (e.type === 'dir') dirCount++;
      kept.push(e);
    }
    if (aborted()) pool.abort();
    await Promise.all(bigJobs);
    await Promise.all(window);
    await Promise.all(fileDecisions);
    await Promise.all(idsSettled);
    await storeChain;
    if (failed.size) kept.splice(0, kept.length, ...kept.filter((e) => !failed.has(e)));
    const fileCount = kept.filter((e) => e.type === 'file').length;
    if (aborted()) {
      // What was written stays usable: the next backup reuses these packs.
      await writer.finish().catch(() => {});
      throw new CodedError('cancelled', 'backup cancelled');
    }
    report();

    ctx.progress({ phase: 'commit', bytesDone, bytesTotal: w.totalBytes, filesDone, filesTotal });
    const pages = await writePages(kept, writer);
    // Packs left by an interrupted backup become indexed now that something references them.
    const adopted = repo.unindexedPacks.map((id) => repo.index.packs.get(id)!).filter(Boolean);
    await writer.finish(adopted);
    const totalBytes = kept.reduce((s, e) => s + (e.type === 'file' ? e.size : 0), 0);
    const manifest: Manifest = {
      version: 1,
      id: newSnapshotId(),
      workload: input.workload,
      workloadId: input.workloadId,
      type: input.type,
      tags: input.tags,
      notes: input.notes,
      createdAt: new Date().toISOString(),
      hostname: hostname(),
      sourcePath: input.source,
      parent: parent?.id ?? null,
      fileCount,
      dirCount,
      totalBytes,
      storedBytes: writer.storedBytes,
      newChunks,
      dedupChunks,
      durationMs: 0,
      warningCount: warnings.length,
      warnings: warnings.slice(0, MAX_STORED_WARNINGS),
      root: { mode: Number(w.root.mode & 0o7777n), uid: Number(w.root.uid), gid: Number(w.root.gid), mtimeNs: w.root.mtimeNs.toString() },
      tree: { entries: kept.length, pages },
    };
    manifest.durationMs = Date.now() - started;
    await writeManifest(repo, manifest);
    for (const wn of warnings.slice(0, 100)) ctx.log('warn', `${wn.path}: ${wn.message}`);
    if (warnings.length > 100) ctx.log('warn', `… and ${warnings.length - 100} more warnings (the first ${MAX_STORED_WARNINGS} are kept in the snapshot)`);
    return manifest;
  } finally {
    await pool?.close();
    await lock.release();
  }
}
