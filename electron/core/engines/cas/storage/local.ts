import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Storage } from './types.js';

const TEMP_PREFIX = '.tmp-';

/** A repository in a local directory. Temp files start with ".tmp-" and are cleaned by gc. */
export class LocalStorage implements Storage {
  private madeDirs = new Set<string>();
  constructor(readonly location: string) {}

  private path(name: string): string {
    if (name.split('/').some((s) => s === '..' || s === '')) throw new Error(`bad object name ${name}`);
    return join(this.location, name);
  }

  private async ensureDir(dir: string): Promise<void> {
    if (this.madeDirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.madeDirs.add(dir);
  }

  async put(name: string, data: Uint8Array | Uint8Array[]): Promise<boolean> {
    const final = this.path(name);
    const len = Array.isArray(data) ? data.reduce((s, d) => s + d.byteLength, 0) : data.byteLength;
    // Same name = same content; a same-named object of another size is damaged and is replaced.
    if ((await this.size(name).catch(() => -1)) === len) return false;
    await this.writeAtomic(final, data);
    return true;
  }

  async replace(name: string, data: Uint8Array): Promise<void> {
    await this.writeAtomic(this.path(name), data);
  }

  private async writeAtomic(final: string, data: Uint8Array | Uint8Array[]): Promise<void> {
    const dir = dirname(final);
    await this.ensureDir(dir);
    const tmp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
    try {
      const parts = (Array.isArray(data) ? data : [data]).map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
      const total = parts.reduce((s, p) => s + p.length, 0);
      // libuv's writev loops over IOV_MAX groups and short writes; a shortfall here is a real error
      const { bytesWritten } = await fh.writev(parts);
      if (bytesWritten !== total) throw new Error(`short write (${bytesWritten} of ${total} bytes)`);
      await fh.sync();
    } catch (e) {
      await fh.close().catch(() => {});
      await unlink(tmp).catch(() => {});
      throw e;
    }
    await fh.close();
    await rename(tmp, final);
    // The rename is only durable once the directory entry is.
    const dh = await open(dir, constants.O_RDONLY);
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }

  async get(name: string): Promise<Buffer> {
    const fh = await open(this.path(name), 'r');
    try {
      return await fh.readFile();
    } finally {
      await fh.close();
    }
  }

  async getRange(name: string, offset: number, length: number): Promise<Buffer> {
    const fh = await open(this.path(name), 'r');
    try {
      const buf = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) {
        const { bytesRead } = await fh.read(buf, got, length - got, offset + got);
        if (bytesRead === 0) throw new Error(`${name}: short read at ${offset + got} (object is truncated)`);
        got += bytesRead;
      }
      return buf;
    } finally {
      await fh.close();
    }
  }

  async size(name: string): Promise<number> {
    return (await stat(this.path(name))).size;
  }

  async exists(name: string): Promise<boolean> {
    try {
      await stat(this.path(name));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let ents;
      try {
        ents = await readdir(join(this.location, rel), { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      for (const e of ents) {
        if (e.name.startsWith(TEMP_PREFIX)) continue;
        if (e.isDirectory()) await walk(`${rel}/${e.name}`);
        else out.push(`${rel}/${e.name}`);
      }
    };
    await walk(prefix);
    return out.sort();
  }

  /** Temp files left by a writer that died (gc removes them). */
  async listTemp(prefix: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let ents;
      try {
        ents = await readdir(join(this.location, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of ents) {
        if (e.isDirectory()) await walk(`${rel}/${e.name}`);
        else if (e.name.startsWith(TEMP_PREFIX)) out.push(`${rel}/${e.name}`);
      }
    };
    await walk(prefix);
    return out;
  }

  async delete(name: string): Promise<void> {
    await rm(this.path(name), { force: true });
  }
}
