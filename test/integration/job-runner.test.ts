import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract/events.js';
import type { Job, Progress } from '../../shared/domain.js';
import { openCatalog, type Catalog } from '../../electron/core/catalog/index.js';
import { JobRunner } from '../../electron/core/jobs/runner.js';
import { defaultWorkerUrl } from '../../electron/core/services.js';

let dir: string;
let workerUrl: URL;
let catalog: Catalog;
let runner: JobRunner;
let events: { event: EventName; payload: unknown; at: number }[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tm-runner-'));
  const out = join(dir, 'test-worker.mjs');
  await build({ entryPoints: ['test/fixtures/test-worker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, packages: 'external', logLevel: 'warning' });
  workerUrl = pathToFileURL(out);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function open(url = workerUrl, concurrency = 2) {
  catalog = openCatalog(mkdtempSync(join(dir, 'data-')));
  events = [];
  runner = new JobRunner({ catalog, workerUrl: url, concurrency, emit: (event, payload) => events.push({ event, payload, at: Date.now() }) });
}
afterEach(async () => {
  await runner.close();
  catalog.close();
});

const submit = (kind: string, input: unknown, lockKeys: string[] = []) => runner.submit({ kind, input, lockKeys, title: `${kind} test`, workloadId: null });

describe('job runner with real worker threads', () => {
  it('runs a job queued → running → succeeded, records logs, and throttles progress to ≤ 10 events/s', async () => {
    open();
    const job = submit('ticker', { ms: 1500 });
    expect(job.state).toBe('running');
    const done = await runner.wait(job.id);
    expect(done.state).toBe('succeeded');
    expect((done.result as { ticks: number }).ticks).toBeGreaterThan(1000);
    const states = events.filter((e) => e.event === 'jobUpdated').map((e) => (e.payload as Job).state);
    expect(states).toEqual(expect.arrayContaining(['queued', 'running', 'succeeded']));
    const progress = events.filter((e) => e.event === 'jobProgress');
    // 1.5 s of work at ≤ 10/s: never more than 17 (plus the final flush), and never two within 90 ms
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.length).toBeLessThanOrEqual(17);
    for (let i = 1; i < progress.length - 1; i++) expect(progress[i]!.at - progress[i - 1]!.at).toBeGreaterThanOrEqual(90);
    const last = progress.at(-1)!.payload as Progress;
    expect(last.rate).toBeGreaterThan(0);
    expect(last.etaSeconds).toBeGreaterThan(0);
    expect(catalog.jobs.logs(job.id).map((l) => l.message)).toContainEqual(expect.stringMatching(/^ticked \d+ times$/));
  });

  it('honours cancel within a second', async () => {
    open();
    const job = submit('ticker', { ms: 30_000 });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    runner.cancel(job.id);
    const done = await runner.wait(job.id);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(done.state).toBe('cancelled');
  });

  it('terminates a worker that ignores cancel after the grace period', async () => {
    open();
    const job = submit('stubborn', {});
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    runner.cancel(job.id);
    const done = await runner.wait(job.id);
    expect(done.state).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(catalog.jobs.logs(job.id).map((l) => l.message).join('\n')).toMatch(/worker was terminated/);
  });

  it('fails a job whose worker crashes or exits, and keeps running other jobs', async () => {
    open();
    const crash = submit('crash', {});
    const exit = submit('exit', {});
    const [c, e] = await Promise.all([runner.wait(crash.id), runner.wait(exit.id)]);
    expect(c).toMatchObject({ state: 'failed', error: { code: 'crashed' } });
    expect(c.error!.message).toMatch(/boom from inside the worker/);
    expect(e).toMatchObject({ state: 'failed', error: { code: 'crashed' } });
    expect(e.error!.message).toMatch(/code 3/);
    const after = await runner.wait(submit('hold', { ms: 10 }).id);
    expect(after.state).toBe('succeeded');
  });

  it('never runs two jobs on the same repository at once; the second waits visibly', async () => {
    open();
    const a = submit('hold', { ms: 600 }, ['repo:/r1']);
    const b = submit('hold', { ms: 100 }, ['repo:/r1']);
    const c = submit('hold', { ms: 100 }, ['repo:/r2']);
    const queued = runner.get(b.id);
    expect(queued.state).toBe('queued');
    expect(queued.waitingFor).toMatch(new RegExp(`waiting for job ${a.id} .*repo:/r1`));
    const [ra, rb, rc] = await Promise.all([a, b, c].map((j) => runner.wait(j.id)));
    const ta = ra!.result as { startedAt: number; endedAt: number };
    const tb = rb!.result as { startedAt: number; endedAt: number };
    const tc = rc!.result as { startedAt: number; endedAt: number };
    expect(tb.startedAt).toBeGreaterThanOrEqual(ta.endedAt);
    expect(tc.startedAt).toBeLessThan(ta.endedAt); // a different repository runs alongside
  });

  it('cancels a queued job without starting it', async () => {
    open(workerUrl, 1);
    const a = submit('hold', { ms: 300 });
    const b = submit('hold', { ms: 300 });
    expect(runner.get(b.id).waitingFor).toMatch(/free worker/);
    expect(runner.cancel(b.id).state).toBe('cancelled');
    expect((await runner.wait(a.id)).state).toBe('succeeded');
    expect(runner.get(b.id).startedAt).toBeNull();
  });

  it('runs the real estimate job from the built worker bundle', async () => {
    open(defaultWorkerUrl());
    const src = join(dir, 'src');
    mkdirSync(join(src, 'a', 'b'), { recursive: true });
    for (let i = 0; i < 300; i++) writeFileSync(join(src, 'a', `f${i}`), 'x'.repeat(i));
    writeFileSync(join(src, 'a', 'b', 'big'), Buffer.alloc(100_000));
    const done = await runner.wait(submit('estimate', { root: src }).id);
    expect(done.state).toBe('succeeded');
    expect(done.result).toMatchObject({ files: 301, dirs: 3, bytes: (299 * 300) / 2 + 100_000, unreadable: [] });
    const failed = await runner.wait(submit('estimate', { root: join(src, 'missing') }).id);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'io' } });
  });
});
