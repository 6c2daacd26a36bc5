import { chmod, lchown, lstat, lutimes } from 'node:fs/promises';

const isRoot = () => process.getuid?.() === 0;
const seconds = (ns: bigint) => Number(ns) / 1e9;

export async function lstatOrNull(p: Buffer | string) {
  try {
    return await lstat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Owner (only root may give files away), mode and times of a restored entry. */
export async function applyMeta(abs: Buffer | string, e: { mode: number; uid: number; gid: number; mtimeNs: bigint }, isLink: boolean): Promise<void> {
  if (isRoot()) await lchown(abs, e.uid, e.gid);
  if (!isLink) await chmod(abs, e.mode);
  await lutimes(abs, seconds(e.mtimeNs), seconds(e.mtimeNs));
}
