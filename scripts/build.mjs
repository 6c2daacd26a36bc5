// Builds every bundle into dist/: the CLI and headless host, the job worker, Electron main + preload, the renderer.
// Node-side bundles keep node_modules external (native modules must load from node_modules / app.asar.unpacked).
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('dist', { recursive: true });

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked', logLevel: 'warning' };
const jobs = [
  build({ ...common, format: 'esm', entryPoints: { cli: 'electron/cli/main.ts', worker: 'electron/core/jobs/worker.ts' }, outdir: 'dist' }),
];
if (existsSync('electron/main/main.ts')) {
  jobs.push(build({ ...common, format: 'esm', entryPoints: { main: 'electron/main/main.ts' }, outdir: 'dist', external: ['electron'] }));
}
if (existsSync('electron/preload/preload.ts')) {
  // A sandboxed preload must be CommonJS and may only require('electron'): everything else is bundled in.
  jobs.push(build({ ...common, packages: undefined, format: 'cjs', entryPoints: { preload: 'electron/preload/preload.ts' }, outExtension: { '.js': '.cjs' }, outdir: 'dist', external: ['electron'] }));
}
await Promise.all(jobs);

if (existsSync('renderer/index.html') && process.env.TIDEMARK_SKIP_RENDERER !== '1') {
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
