// Disk engine: image backup and restore of a 1 GiB mixed VM-style image against the CLI tools doing the same job.
//   backup  vs `zstd -3 -T2 | sha256sum`         (target ≥ 0.9×)
//   restore vs `zstd -d | dd conv=sparse`        (target ≥ 0.9×)
//   restored allocated blocks ≤ original + 1 %
// The Tidemark side calls the job handlers directly (same code a worker runs, minus the message hop).
import { execFileSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { closeSync, createReadStream, ftruncateSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { median, type Bench } from '../bench.js';
import { diskBackup } from '../../electron/core/engines/disk/backup.js';
import { diskRestore } from '../../electron/core/engines/disk/restore.js';
import { readHeader } from '../../electron/core/engines/disk/store.js';
import type { JobContext } from '../../electron/core/jobs/types.js';

const MiB = 1 << 20;
const SIZE_MIB = Number(process.env.TIDEMARK_BENCH_DISK_MIB ?? 1024);
const RUNS = Number(process.env.TIDEMARK_BENCH_RUNS ?? 3);

/** gen.sh's vm/disk.img scaled up: 1 MiB blocks, half pseudo-random, half zero — the zero half left as holes, as in a real VM disk. */
function makeVmImage(path: string): void {
  const keystream = createCipheriv('aes-128-ctr', Buffer.alloc(16, 42), Buffer.alloc(16));
  const zeros = Buffer.alloc(MiB);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const fd = openSync(path, 'w');
  for (let i = 0; i < SIZE_MIB; i++) if (rand() < 0.5) writeSync(fd, keystream.update(zeros), 0, MiB, i * MiB);
  ftruncateSync(fd, SIZE_MIB * MiB);
  closeSync(fd);
}

const ctx = (): JobContext => ({ signal: new AbortController().signal, progress: () => {}, log: () => {} });
const sh = (script: string) => execFileSync('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'inherit'] });
const time = async (f: () => unknown) => {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
};
/** wall seconds and the cores this process kept busy (the hasher thread and zstd included) */
const timeCores = async (f: () => unknown) => {
  const c = process.cpuUsage();
  const wall = await time(f);
  const d = process.cpuUsage(c);
  return { wall, cores: (d.user + d.system) / 1e6 / wall };
};
/** wall seconds and CPU seconds of a shell pipeline (bash's `times`: the second line is the children's user and system time) */
const timeShell = async (script: string, dir: string) => {
  const out = join(dir, 'time.txt');
  const wall = await time(() => sh(`${script}; times > ${q(out)}`));
  const secs = (t: string) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  };
  const [u = '', s = ''] = (readFileSync(out, 'utf8').trim().split('\n')[1] ?? '').split(/\s+/);
  return { wall, cpu: secs(u) + secs(s) };
};
const allocated = (p: string) => statSync(p).blocks * 512;

async function warm(path: string): Promise<void> {
  for await (const _ of createReadStream(path, { highWaterMark: 4 * MiB }));
}

async function extractPayload(image: string, out: string): Promise<void> {
  const { dataStart } = await readHeader(image);
  sh(`tail -c +${dataStart + 1} '${image}' > '${out}'`);
}

const q = (p: string) => `'${p}'`;

export default async function disk(b: Bench): Promise<void> {
  const img = join(b.dir, 'vm.img');
  const repo = join(b.dir, 'repo');
  makeVmImage(img);
  await warm(img);
  b.log(`load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
  b.log(`image: ${SIZE_MIB} MiB, ${(allocated(img) / MiB).toFixed(0)} MiB allocated; ${RUNS} alternating runs each`);

  const mine: number[] = [];
  const mineCores: number[] = [];
  const theirs: number[] = [];
  const theirsCpu: number[] = [];
  const mineCpu: number[] = [];
  const equivalent: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(repo, { recursive: true, force: true });
    const m = await timeCores(() => diskBackup({ workloadId: 'bench', workloadName: 'vm', image: img, repo, type: 'manual', tags: [], notes: '', confirm: false }, ctx()));
    mine.push(m.wall);
    mineCores.push(m.cores);
    mineCpu.push(m.cores * m.wall);
    const t = await timeShell(`zstd -q -3 -T2 -c < ${q(img)} | sha256sum > /dev/null`, b.dir);
    theirs.push(t.wall);
    theirsCpu.push(t.cpu);
    // the same work as Tidemark's: hash the image itself, compress it to a file
    equivalent.push(await time(() => sh(`tee >(sha256sum > /dev/null) < ${q(img)} | zstd -q -3 -T2 -c > ${q(join(b.dir, 'eq.zst'))}`)));
  }
  const stored = join(repo, readdirSync(repo)[0]!);
  const mbps = (s: number) => SIZE_MIB / s;
  b.row({ metric: 'backup throughput (Tidemark)', value: mbps(median(mine)), unit: 'MiB/s' });
  b.row({ metric: 'backup CPU use (Tidemark)', value: median(mineCores), unit: 'cores' });
  b.row({ metric: 'backup throughput (zstd -3 -T2 | sha256sum)', value: mbps(median(theirs)), unit: 'MiB/s' });
  b.row({ metric: 'backup throughput (tee >(sha256sum) | zstd -3 -T2)', value: mbps(median(equivalent)), unit: 'MiB/s' });
  b.row({ metric: 'backup CPU seconds (Tidemark / zstd|sha256sum)', value: median(mineCpu) / median(theirsCpu), unit: '×' });
  const backupRatio = median(theirs) / median(mine);
  b.row({ metric: 'backup vs zstd | sha256sum', value: backupRatio, unit: '×', target: '≥ 0.9×', pass: backupRatio >= 0.9 });
  b.row({ metric: 'stored image size', value: statSync(stored).size / MiB, unit: 'MiB' });

  const payload = join(b.dir, 'payload.zst');
  await extractPayload(stored, payload);
  await warm(stored);
  const rmine: number[] = [];
  const rmineCores: number[] = [];
  const rtheirs: number[] = [];
  const rtheirs1m: number[] = [];
  const rverified: number[] = [];
  const rtheirsCpu: number[] = [];
  const rmineCpu: number[] = [];
  const target = join(b.dir, 'restored.img');
  const ddOut = join(b.dir, 'dd.img');
  let restoredAlloc = 0;
  for (let i = 0; i < RUNS; i++) {
    rmSync(target, { force: true });
    const m = await timeCores(() => diskRestore({ snapshotId: 'bench', imagePath: stored, target, force: false }, ctx()));
    rmine.push(m.wall);
    rmineCores.push(m.cores);
    rmineCpu.push(m.cores * m.wall);
    restoredAlloc = allocated(target);
    rmSync(ddOut, { force: true });
    const t = await timeShell(`zstd -q -d -c < ${q(payload)} | dd of=${q(ddOut)} conv=sparse status=none`, b.dir);
    rtheirs.push(t.wall);
    rtheirsCpu.push(t.cpu);
    rmSync(ddOut, { force: true });
    rtheirs1m.push(await time(() => sh(`zstd -q -d -c < ${q(payload)} | dd of=${q(ddOut)} bs=1M iflag=fullblock conv=sparse status=none`)));
    rmSync(ddOut, { force: true });
    // the same work as Tidemark's: verify the SHA-256 while writing sparsely, fsync at the end
    rverified.push(await time(() => sh(`zstd -q -d -c < ${q(payload)} | tee >(sha256sum > /dev/null) | dd of=${q(ddOut)} bs=1M iflag=fullblock conv=sparse,fsync status=none`)));
  }
  b.row({ metric: 'restore throughput (Tidemark, verified)', value: mbps(median(rmine)), unit: 'MiB/s' });
  b.row({ metric: 'restore CPU use (Tidemark)', value: median(rmineCores), unit: 'cores' });
  b.row({ metric: 'restore throughput (zstd -d | dd conv=sparse)', value: mbps(median(rtheirs)), unit: 'MiB/s' });
  b.row({ metric: 'restore throughput (zstd -d | dd bs=1M conv=sparse)', value: mbps(median(rtheirs1m)), unit: 'MiB/s' });
  b.row({ metric: 'restore throughput (zstd -d | tee >(sha256sum) | dd bs=1M conv=sparse,fsync)', value: mbps(median(rverified)), unit: 'MiB/s' });
  b.row({ metric: 'restore CPU seconds (Tidemark / zstd -d|dd)', value: median(rmineCpu) / median(rtheirsCpu), unit: '×' });
  const restoreRatio = median(rtheirs) / median(rmine);
  b.row({ metric: 'restore vs zstd -d | dd conv=sparse', value: restoreRatio, unit: '×', target: '≥ 0.9×', pass: restoreRatio >= 0.9 });
  const overhead = restoredAlloc / allocated(img) - 1;
  b.row({ metric: 'restored allocated vs original', value: overhead * 100, unit: '%', target: '≤ +1 %', pass: overhead <= 0.01 });
  let same = true;
  try {
    execFileSync('cmp', ['-s', img, target]);
  } catch {
    same = false;
  }
  b.row({ metric: 'restored image identical', value: same ? 1 : 0, unit: 'bool', target: '1', pass: same });
}
