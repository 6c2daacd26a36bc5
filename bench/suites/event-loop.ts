// Foundation: the main thread must stay responsive while a worker does heavy work (p99 < 20 ms).
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { openSync, writeSync, closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openCatalog } from '../../electron/core/catalog/index.js';
import { JobRunner } from '../../electron/core/jobs/runner.js';
import type { Bench } from '../bench.js';

const GiB = 1 << 30;

export default async function (b: Bench): Promise<void> {
  const file = join(b.dir, 'one-gib.bin');
  const block = randomBytes(64 << 20);
  const fd = openSync(file, 'w');
  for (let i = 0; i < GiB / block.length; i++) writeSync(fd, block);
  closeSync(fd);
  const workerFile = join(b.dir, 'hash-worker.mjs');
  await build({ entryPoints: [new URL('../fixtures/hash-worker.ts', import.meta.url).pathname], bundle: true, platform: 'node', format: 'esm', outfile: workerFile, packages: 'external', logLevel: 'warning' });

  mkdirSync(join(b.dir, 'data'));
  const catalog = openCatalog(join(b.dir, 'data'));
  let events = 0;
  // emit does what the transports do with every event: serialise it
  const runner = new JobRunner({ catalog, workerUrl: pathToFileURL(workerFile), concurrency: 2, emit: (e, p) => void (events++, JSON.stringify({ e, p })) });
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  const job = await runner.wait(runner.submit({ kind: 'hash', input: { file, size: GiB }, lockKeys: [], title: 'hash 1 GiB', workloadId: null }).id);
  const seconds = (performance.now() - t0) / 1000;
  h.disable();
  await runner.close();
  catalog.close();
  if (job.state !== 'succeeded') throw new Error(`hash job ${job.state}: ${job.error?.message}`);

  const ms = (ns: number) => ns / 1e6;
  b.log(`hashed 1 GiB in ${seconds.toFixed(2)} s with ${events} events to the UI`);
  b.row({ metric: 'worker SHA-256 throughput', value: GiB / 2 ** 20 / seconds, unit: 'MiB/s' });
  b.row({ metric: 'main event-loop delay p50', value: ms(h.percentile(50)), unit: 'ms' });
  b.row({ metric: 'main event-loop delay p99', value: ms(h.percentile(99)), unit: 'ms', target: '< 20 ms', pass: ms(h.percentile(99)) < 20 });
  b.row({ metric: 'main event-loop delay max', value: ms(h.max), unit: 'ms' });
  b.row({ metric: 'progress events per second', value: events / seconds, unit: '/s', target: '≤ ~10/s + state events', pass: events / seconds <= 15 });
}
