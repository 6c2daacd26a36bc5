// cas engine vs restic 0.14 and borg 1.2 on the 1 GiB data set of shared/bench/gen.sh, side by side
// and alternating in one run; medians of TIDEMARK_BENCH_RUNS rounds (default 3).
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openCatalog } from '../../electron/core/catalog/index.js';
import { JobRunner } from '../../electron/core/jobs/runner.js';
import { median, type Bench } from '../bench.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = join(ROOT, 'bench/out'); // inside the project so bundles resolve node_modules
const GEN = process.env.TIDEMARK_BENCH_GEN ?? '/work/shared/bench/gen.sh';
const MiB = 1 << 20;

const CHILD_SOURCE = `
import { runBackup } from '${ROOT}electron/core/engines/cas/backup/run.ts';
import { runRestore } from '${ROOT}electron/core/engines/cas/restore/run.ts';
import { Repository } from '${ROOT}electron/core/engines/cas/repo/repository.ts';
const [op, repo, a, b] = process.argv.slice(2);
const ctx = { signal: new AbortController().signal, progress() {}, log() {} };
if (op === 'init') await Repository.init(repo);
if (op === 'backup') {
  const m = await runBackup({ repo, source: a, workload: 'bench', workloadId: 'bench', type: 'manual', tags: [], notes: '' }, ctx);
  process.stdout.write(JSON.stringify({ id: m.id, storedBytes: m.storedBytes, newChunks: m.newChunks, dedupChunks: m.dedupChunks, warnings: m.warningCount }));
}
if (op === 'restore') await runRestore({ repo, snapshotId: a, target: b, include: [], force: false, conflict: 'fail' }, ctx);
`;

interface Timed {
  seconds: number;
  /** user + system CPU of the process and its threads: the fairer figure on a shared, loaded machine */
  cpuSeconds: number;
  maxRssMiB: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time for its peak RSS. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Timed {
  const rssFile = join(OUT, `rss-${process.pid}`);
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, cmd, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * MiB, ...(cwd ? { cwd } : {}) });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-500)}`);
  const [rss, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, cpuSeconds: user! + sys!, maxRssMiB: rss! / 1024, stdout: r.stdout };
}

const du = (dir: string) => Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);

export default async function (b: Bench): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const pristine = join(OUT, 'cas-src');
  if (!existsSync(join(pristine, 'dup'))) {
    b.log(`generating the data set in ${pristine} (cached for later runs)`);
    execFileSync(GEN, [pristine], { stdio: 'inherit' });
  }
  const child = join(OUT, 'cas-bench-child.mjs');
  await build({ stdin: { contents: CHILD_SOURCE, resolveDir: ROOT, sourcefile: 'cas-bench-child.ts', loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: child, packages: 'external', logLevel: 'warning' });
  const src = join(b.dir, 'src');
  const rounds = Number(process.env.TIDEMARK_BENCH_RUNS ?? 3);
  const restic = { RESTIC_PASSWORD: 'bench', RESTIC_CACHE_DIR: join(b.dir, 'restic-cache') };
  const borg = { BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'yes', BORG_BASE_DIR: join(b.dir, 'borg-base') };
  const m: Record<string, number[]> = {};
  const add = (k: string, v: number) => (m[k] ??= []).push(v);

  for (let round = 0; round < rounds; round++) {
    rmSync(src, { recursive: true, force: true });
    execFileSync('cp', ['-a', pristine, src]);
    const repos = { tm: join(b.dir, `tm-${round}`), restic: join(b.dir, `restic-${round}`), borg: join(b.dir, `borg-${round}`) };
    execFileSync(process.execPath, [child, 'init', repos.tm]);
    execFileSync('restic', ['init', '-q', '--repository-version', '2', '-r', repos.restic], { env: { ...process.env, ...restic } });
    execFileSync('borg', ['init', '-e', 'none', repos.borg], { env: { ...process.env, ...borg } });
    const tools = ['tm', 'restic', 'borg'] as const;
    const order = round % 2 ? [...tools].reverse() : [...tools];
    let tmSnap = '';
    const backup = (tool: (typeof tools)[number], n: 1 | 2) => {
      execFileSync('sync');
      if (tool === 'tm') {
        const r = timed(process.execPath, [child, 'backup', repos.tm, src]);
        tmSnap = (JSON.parse(r.stdout) as { id: string }).id;
        add(`tm-mem`, r.maxRssMiB);
        add(`tm-b${n}`, r.seconds);
        add(`tm-cpu${n}`, r.cpuSeconds);
      } else if (tool === 'restic') {
        const r = timed('restic', ['-q', '-r', repos.restic, 'backup', '--compression', 'auto', src], restic);
        add(`restic-mem`, r.maxRssMiB);
        add(`restic-b${n}`, r.seconds);
        add(`restic-cpu${n}`, r.cpuSeconds);
      } else {
        const r = timed('borg', ['create', '--compression', 'lz4', `${repos.borg}::b${n}`, src], borg);
        add(`borg-b${n}`, r.seconds);
      }
    };
    for (const t of order) backup(t, 1);
    add('tm-size', du(repos.tm));
    add('restic-size', du(repos.restic));
    add('borg-size', du(repos.borg));
    execFileSync(GEN, ['--mutate', src], { stdio: 'ignore' });
    for (const t of order) backup(t, 2);
    for (const t of order.filter((x) => x !== 'borg')) {
      const target = join(b.dir, `restore-${t}`);
      rmSync(target, { recursive: true, force: true });
      execFileSync('sync');
      if (t === 'tm') add('tm-restore', timed(process.execPath, [child, 'restore', repos.tm, tmSnap, target]).seconds);
      else add('restic-restore', timed('restic', ['-q', '-r', repos.restic, 'restore', 'latest', '--target', target], restic).seconds);
      if (t === 'tm') {
        const diff = spawnSync('diff', ['-r', '--no-dereference', src, target], { encoding: 'utf8' });
        if (diff.status !== 0) throw new Error(`tidemark restore differs from the source: ${diff.stdout.slice(0, 500)}`);
      }
      rmSync(target, { recursive: true, force: true });
    }
    for (const r of Object.values(repos)) rmSync(r, { recursive: true, force: true });
    b.log(`round ${round + 1}/${rounds}: ${Object.entries(m).map(([k, v]) => `${k}=${v.at(-1)!.toFixed(k.endsWith('size') ? 0 : 2)}`).join(' ')}`);
  }

  const med = (k: string) => median(m[k]!);
  const ratio = (a: string, c: string) => med(a) / med(c);
  b.row({ metric: 'backup #1 tidemark', value: med('tm-b1'), unit: 's' });
  b.row({ metric: 'backup #1 restic', value: med('restic-b1'), unit: 's' });
  b.row({ metric: 'backup #1 borg', value: med('borg-b1'), unit: 's' });
  b.row({ metric: 'backup #1 tidemark / restic', value: ratio('tm-b1', 'restic-b1'), unit: '×', target: '≤ 0.8', pass: ratio('tm-b1', 'restic-b1') <= 0.8 });
  b.row({ metric: 'backup #2 tidemark', value: med('tm-b2'), unit: 's' });
  b.row({ metric: 'backup #2 restic', value: med('restic-b2'), unit: 's' });
  b.row({ metric: 'backup #2 borg', value: med('borg-b2'), unit: 's' });
  b.row({ metric: 'backup #2 tidemark / restic', value: ratio('tm-b2', 'restic-b2'), unit: '×', target: '≤ 1', pass: ratio('tm-b2', 'restic-b2') <= 1 });
  b.row({ metric: 'backup #1 CPU tidemark / restic', value: ratio('tm-cpu1', 'restic-cpu1'), unit: '×' });
  b.row({ metric: 'backup #2 CPU tidemark / restic', value: ratio('tm-cpu2', 'restic-cpu2'), unit: '×' });
  b.row({ metric: 'restore tidemark', value: med('tm-restore'), unit: 's' });
  b.row({ metric: 'restore restic', value: med('restic-restore'), unit: 's' });
  b.row({ metric: 'restore tidemark / restic', value: ratio('tm-restore', 'restic-restore'), unit: '×', target: '≤ 1', pass: ratio('tm-restore', 'restic-restore') <= 1 });
  b.row({ metric: 'repo size tidemark', value: med('tm-size') / MiB, unit: 'MiB' });
  b.row({ metric: 'repo size restic (auto)', value: med('restic-size') / MiB, unit: 'MiB' });
  b.row({ metric: 'repo size borg (lz4)', value: med('borg-size') / MiB, unit: 'MiB' });
  b.row({ metric: 'repo size tidemark / restic', value: ratio('tm-size', 'restic-size'), unit: '×', target: '≤ 1', pass: ratio('tm-size', 'restic-size') <= 1 });
  b.row({ metric: 'peak memory tidemark backup', value: Math.max(...m['tm-mem']!), unit: 'MiB', target: '≤ 300', pass: Math.max(...m['tm-mem']!) <= 300 });
  b.row({ metric: 'peak memory restic backup', value: Math.max(...m['restic-mem']!), unit: 'MiB' });

  // The main thread while a worker runs the real cas.backup job through the real job runner.
  const workerFile = join(OUT, 'cas-bench-worker.mjs');
  await build({ entryPoints: [join(ROOT, 'electron/core/jobs/worker.ts')], bundle: true, platform: 'node', format: 'esm', outfile: workerFile, packages: 'external', logLevel: 'warning' });
  mkdirSync(join(b.dir, 'data'), { recursive: true });
  const catalog = openCatalog(join(b.dir, 'data'));
  const repo = join(b.dir, 'tm-el');
  execFileSync(process.execPath, [child, 'init', repo]);
  const runner = new JobRunner({ catalog, workerUrl: pathToFileURL(workerFile), concurrency: 2, emit: (e, p) => void JSON.stringify({ e, p }) });
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const w = catalog.workloads.add({ name: 'bench', engine: 'cas', config: { source: pristine, repo }, policy: { keepLast: 1 }, schedule: null });
  const input = { repo, source: pristine, workload: 'bench', workloadId: w.id, type: 'manual', tags: [], notes: '' };
  const job = await runner.wait(runner.submit({ kind: 'cas.backup', input, lockKeys: [repo], title: 'bench backup', workloadId: w.id }).id);
  h.disable();
  await runner.close();
  catalog.close();
  if (job.state !== 'succeeded') throw new Error(`cas.backup job ${job.state}: ${job.error?.message}`);
  const p99 = h.percentile(99) / 1e6;
  b.row({ metric: 'main event-loop p99 during backup', value: p99, unit: 'ms', target: '< 20', pass: p99 < 20 });
}
