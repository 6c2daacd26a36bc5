import { createHash } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { CodedError } from '../../../../../shared/result.js';
import { type ChunkerParams } from '../chunker.js';
import { BLOB_TREE, FLAG_ZSTD, FOOTER_SIZE, ENTRY_SIZE, type BlobEntry, decodeEntries, parseFooter, parsePack } from '../pack/format.js';
import { packName } from '../pack/writer.js';
import { plainSealer, type Sealer } from '../seal.js';
import { LocalStorage } from '../storage/local.js';
import type { Storage } from '../storage/types.js';
import { decompressBlob } from './compress.js';
import { newConfig, readConfig, type RepoConfig } from './config.js';
import { decodeIndex, encodeIndex, type IndexedPack } from './index-file.js';
import { MemIndex } from './mem-index.js';
import { changePassphrase, openSealer, createSealer, type KeyedSealer } from './keys.js';

export interface OpenOptions {
  /** required for encrypted repositories: a passphrase, or an age identity (AGE-SECRET-KEY-1…) for a recipient key file */
  passphrase?: string;
}

export interface InitOptions extends OpenOptions {
  encryption?: 'none' | 'age';
  /** age X25519 recipients (age1…) who can also open the repository; enough alone, without a passphrase */
  recipients?: string[];
  chunker?: Partial<Omit<ChunkerParams, 'seed'>>;
  /** tests: small packs exercise gc and repacking without megabytes of data */
  packSize?: number;
}

export class Repository {
  readonly index = new MemIndex();
  /** packs in data/ that no index file names (a writer died before indexing them) */
  unindexedPacks: string[] = [];

  private constructor(
    readonly storage: Storage,
    readonly config: RepoConfig,
    readonly sealer: Sealer,
    readonly chunkerSeed: string,
  ) {}

  get location(): string {
    return this.storage.location;
  }

  static async init(path: string, opts: InitOptions = {}): Promise<Repository> {
    await mkdir(path, { recursive: true });
    const existing = await readdir(path);
    if (existing.includes('config')) throw new CodedError('conflict', `${path} already holds a repository`);
    if (existing.length > 0) throw new CodedError('conflict', `${path} is not empty; a new repository needs an empty or missing directory`);
    const storage = new LocalStorage(path);
    const config = newConfig(opts.encryption ?? 'none', opts.chunker, opts.packSize);
    const { sealer, chunkerSeed } = await createSealer(storage, config, opts.passphrase, opts.recipients);
    for (const d of ['data', 'index', 'snapshots', 'locks', 'keys']) await mkdir(`${path}/${d}`, { recursive: true });
    // config last: a directory without it is not (yet) a repository
    await storage.put('config', Buffer.from(JSON.stringify(config, null, 2) + '\n'));
    return new Repository(storage, config, sealer, chunkerSeed);
  }

  static async open(path: string, opts: OpenOptions = {}): Promise<Repository> {
    const { storage, config } = await Repository.locate(path);
    const { sealer, chunkerSeed } = await openSealer(storage, config, opts.passphrase);
    return new Repository(storage, config, sealer, chunkerSeed);
  }

  /** A new passphrase for the repository at `path` (see keys.ts changePassphrase). */
  static async changePassphrase(path: string, current: string, next: string): Promise<void> {
    const { storage, config } = await Repository.locate(path);
    await changePassphrase(storage, config, current, next);
  }

  private static async locate(path: string): Promise<{ storage: LocalStorage; config: RepoConfig }> {
    try {
      if (!(await stat(path)).isDirectory()) throw new CodedError('bad-input', `repository ${path} is not a directory`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CodedError('not-found', `repository ${path} does not exist`);
      throw e;
    }
    const storage = new LocalStorage(path);
    return { storage, config: await readConfig(storage) };
  }

  get chunkerParams(): ChunkerParams {
    const c = this.config.chunker;
    return { minSize: c.minSize, avgSize: c.avgSize, maxSize: c.maxSize, seed: this.chunkerSeed };
  }

  /**
   * Loads every index file, then reads the trailers of packs no index names, so a backup that
   * was killed mid-way leaves packs the next one reuses. Damaged index files are reported, not fatal:
   * their packs are then found as unindexed and read from their trailers.
   */
  async loadIndex(opts: { unindexed?: boolean; treesOnly?: boolean } = { unindexed: true }): Promise<{ damagedIndexes: string[] }> {
    const damagedIndexes: string[] = [];
    for (const name of await this.storage.list('index')) {
      try {
        const packs = decodeIndex(await this.sealer.unseal(await this.storage.get(name)), name, opts.treesOnly ? BLOB_TREE : undefined);
        for (const p of packs) this.index.addPack(p, name);
      } catch (e) {
        if (e instanceof CodedError && e.code === 'corrupt') damagedIndexes.push(name);
        else throw e;
      }
    }
    this.unindexedPacks = [];
    if (opts.unindexed !== false) {
      for (const name of await this.storage.list('data')) {
        const id = name.slice(name.lastIndexOf('/') + 1);
        if (this.index.packs.has(id)) continue;
        try {
          const entries = await this.readPackEntries(id);
          this.index.addPack({ id, size: await this.storage.size(name), entries });
          this.unindexedPacks.push(id);
        } catch (e) {
          if (!(e instanceof CodedError && e.code === 'corrupt')) throw e;
        }
      }
    }
    return { damagedIndexes };
  }

  /** A pack's own list of blobs, from its trailer (the whole pack when encrypted). */
  async readPackEntries(id: string): Promise<BlobEntry[]> {
    const name = packName(id);
    if (this.sealer.encrypted) return parsePack(await this.sealer.unseal(await this.storage.get(name)), name);
    const size = await this.storage.size(name);
    if (size < FOOTER_SIZE + 8) throw new CodedError('corrupt', `pack ${id}: truncated`);
    const count = parseFooter(await this.storage.getRange(name, size - FOOTER_SIZE, FOOTER_SIZE), size, id);
    const trailer = await this.storage.getRange(name, size - FOOTER_SIZE - count * ENTRY_SIZE, count * ENTRY_SIZE);
    return decodeEntries(trailer, 0, count);
  }

  async writeIndex(packs: IndexedPack[]): Promise<string> {
    const sealed = await this.sealer.seal(encodeIndex(packs));
    const id = createHash('sha256').update(sealed).digest('hex');
    await this.storage.put(`index/${id}`, sealed);
    for (const p of packs) this.index.packIndexFiles.set(p.id, `index/${id}`);
    return `index/${id}`;
  }

  /** Stored bytes of a blob (not yet decompressed or checked). */
  private async readStored(loc: { pack: string; offset: number; length: number }): Promise<Buffer> {
    if (!this.sealer.encrypted) return this.storage.getRange(packName(loc.pack), loc.offset, loc.length);
    // Sealed packs: only the age STREAM chunks that hold the blob are fetched and decrypted.
    return (this.sealer as KeyedSealer).readRange(this.storage, packName(loc.pack), loc.offset, loc.length);
  }

  /** A blob's plaintext, verified against its id: damage is always detected, never restored. */
  async readBlob(id: string): Promise<Buffer> {
    const loc = this.index.get(id);
    if (!loc) throw new CodedError('corrupt', `blob ${id} is not in the index (missing pack?)`);
    let raw: Buffer;
    try {
      raw = decompressBlob(await this.readStored(loc), loc.flags);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CodedError('corrupt', `pack ${loc.pack} is missing (needed for blob ${id})`);
      if (e instanceof CodedError) throw e;
      throw new CodedError('corrupt', `blob ${id} in pack ${loc.pack} is damaged: ${(e as Error).message}`);
    }
    if (raw.length !== loc.rawLength || (await this.sealer.blobIdAsync(raw)) !== id) throw new CodedError('corrupt', `blob ${id} in pack ${loc.pack} is damaged (hash mismatch)`);
    return raw;
  }

  isCompressed(id: string): boolean {
    return ((this.index.get(id)?.flags ?? 0) & FLAG_ZSTD) !== 0;
  }
}

export { plainSealer };
