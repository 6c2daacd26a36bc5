// What Linux says about a file or block device: its size, where it is mounted, which loop device it backs, who has it open.
import { readFile, readdir, readlink, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

export interface Mount {
  /** major:minor of the mounted filesystem's device */
  dev: string;
  mountPoint: string;
  options: string[];
  source: string;
}

const major = (rdev: number) => Math.floor(rdev / 256) & 0xfff; // glibc's encoding, as the kernel exports it
const minor = (rdev: number) => (rdev & 0xff) | ((Math.floor(rdev / 4096) & 0xfff00) >>> 0);
export const devId = (rdev: number) => `${major(rdev)}:${minor(rdev)}`;

/** /proc/self/mountinfo, one entry per mount (paths keep their \040-style escapes decoded). */
export async function mounts(): Promise<Mount[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [pre = '', post = ''] = line.split(' - ');
      const f = pre.split(' ');
      const p = post.split(' ');
      return { dev: f[2] ?? '', mountPoint: unescape(f[4] ?? ''), options: (f[5] ?? '').split(','), source: unescape(p[1] ?? '') };
    });
}

export interface LoopDevice {
  name: string; // loop3
  dev: string; // 7:3
  backingFile: string;
}

/** Attached loop devices and the files behind them (/sys/block/loop*\/loop/backing_file). */
export async function loopDevices(): Promise<LoopDevice[]> {
  const names = (await readdir('/sys/block').catch(() => [] as string[])).filter((n) => n.startsWith('loop'));
  const out: LoopDevice[] = [];
  for (const name of names) {
    const backing = await readFile(`/sys/block/${name}/loop/backing_file`, 'utf8').catch(() => null);
    if (backing === null) continue; // not attached
    const dev = (await readFile(`/sys/block/${name}/dev`, 'utf8').catch(() => '')).trim();
    out.push({ name, dev, backingFile: backing.trim().replace(/ \(deleted\)$/, '') });
  }
  return out;
}

/** Size of a block device in bytes, from sysfs (stat reports 0 for devices). */
export async function blockDeviceSize(st: Stats): Promise<number> {
  const sectors = await readFile(`/sys/dev/block/${devId(st.rdev)}/size`, 'utf8');
  return Number(sectors.trim()) * 512;
}

/** The size of what a path holds: file length, or the device's capacity. */
export async function sizeOf(path: string, st: Stats): Promise<number> {
  return st.isBlockDevice() ? blockDeviceSize(st) : st.size;
}

export interface Opener {
  pid: number;
  /** opened for writing (O_WRONLY or O_RDWR, from /proc/<pid>/fdinfo) */
  writing: boolean;
}

async function openForWriting(pid: string, fd: string): Promise<boolean> {
  const info = await readFile(`/proc/${pid}/fdinfo/${fd}`, 'utf8').catch(() => '');
  const flags = /^flags:\s*([0-7]+)/m.exec(info);
  return !!flags && (parseInt(flags[1]!, 8) & 3) !== 0;
}

/** Processes other than this one with `path` open, found through /proc/<pid>/fd. Unreadable processes are skipped. */
export async function openers(path: string, st: Stats): Promise<Opener[]> {
  const real = await realpath(path);
  const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid);
  const found: Opener[] = [];
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    let opener: Opener | null = null;
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => null);
      if (link === null) continue;
      if (link === real || (st.isBlockDevice() && link.startsWith('/dev/') && (await sameDevice(link, st)))) {
        opener ??= { pid: Number(pid), writing: false };
        opener.writing ||= await openForWriting(pid, fd);
      }
    }
    if (opener) found.push(opener);
  }
  return found;
}

async function sameDevice(link: string, st: Stats): Promise<boolean> {
  const other = await stat(link).catch(() => null);
  return !!other && other.isBlockDevice() && other.rdev === st.rdev;
}

export interface Usage {
  /** mounts of the device, of anything stacked on it (partitions, device-mapper), or of a loop device it backs */
  mounts: Mount[];
  /** loop devices the file or device backs */
  loops: LoopDevice[];
}

/** A block device and everything stacked on it (partitions: sda → sda1; holders: dm, md), recursively, by major:minor and /dev name. */
async function stacked(id: string, out = { devs: new Set<string>(), names: new Set<string>() }) {
  if (out.devs.has(id)) return out;
  out.devs.add(id);
  const base = `/sys/dev/block/${id}`;
  const name = await realpath(base).then((p) => p.split('/').pop()!, () => null);
  if (name) out.names.add(`/dev/${name}`);
  const children = [
    ...(await readdir(base).catch(() => [] as string[])).map((e) => `${base}/${e}`),
    ...(await readdir(`${base}/holders`).catch(() => [] as string[])).map((h) => `${base}/holders/${h}`),
  ];
  for (const c of children) {
    // partitions are sub-folders with a `partition` file; holders are links to whole devices
    const isChild = c.includes('/holders/') || (await readFile(`${c}/partition`, 'utf8').then(() => true, () => false));
    const dev = isChild ? (await readFile(`${c}/dev`, 'utf8').catch(() => '')).trim() : '';
    if (dev) await stacked(dev, out);
  }
  return out;
}

/** Where a file or block device is in use as a filesystem: mounted directly, through a partition or holder, or through an attached loop device. */
export async function usage(path: string, st: Stats): Promise<Usage> {
  const real = await realpath(path);
  const loops = (await loopDevices()).filter((l) => l.backingFile === real);
  const all = { devs: new Set<string>(), names: new Set<string>([real]) };
  if (st.isBlockDevice()) await stacked(devId(st.rdev), all);
  for (const l of loops) await stacked(l.dev, all);
  // btrfs reports an anonymous device number in mountinfo, so the mount source is matched too
  return { mounts: (await mounts()).filter((m) => all.devs.has(m.dev) || all.names.has(m.source)), loops };
}
