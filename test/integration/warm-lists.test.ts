// The host keeps every workload's snapshot list in memory: read at start, and again soon after a write
// touched snapshots or workloads (debounced), so a page opened later does not wait on a 50,000-row query.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServices, type Services } from '../../electron/core/services.js';
import { keepListsWarm } from '../../electron/core/warm-lists.js';
import type { SnapshotColumns } from '../../shared/contract/snapshots.js';
import { seedSnapshots } from '../support/seed-snapshots.js';

let root: string;
let svc: Services;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tm-warm-'));
  mkdirSync(join(root, 'src'));
  svc = await openServices({ dataDir: join(root, 'data'), transport: 'web', concurrency: 1 });
  const added = await svc.call('addWorkload', { name: 'docs', engine: 'cas', config: { source: join(root, 'src') } });
  expect(added.ok).toBe(true);
  seedSnapshots(join(root, 'data'), [{ workload: 'docs', count: 20, stepMs: 3_600_000 }]);
});

afterAll(async () => {
  await svc?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('keepListsWarm', () => {
  it('reads the lists at start, once after a burst of snapshot writes, after a workload change, and not after it is stopped', async () => {
    const reads: unknown[] = [];
    // the real services, with their calls counted
    const watched: Services = Object.assign(Object.create(svc) as Services, {
      call: (method: string, input: unknown) => {
        if (method === 'listSnapshotColumns') reads.push(input);
        return svc.call(method as never, input as never);
      },
    });
    const stop = keepListsWarm(watched, { settleMs: 30 });
    await sleep(10);
    expect(reads).toEqual([{}]);

    for (let i = 0; i < 5; i++) expect((await svc.call('updateSnapshot', { id: 'docs-3', notes: `edit ${i}` })).ok).toBe(true);
    await sleep(150);
    expect(reads).toHaveLength(2);
    // what it read is what a page now gets, the last edit included
    const lists = await svc.call('listSnapshotColumns', { name: 'docs' });
    expect(lists.ok && (lists.value as SnapshotColumns[])[0]!.notes).toContain('edit 4');

    // a workload changed (added, removed, renamed: the lists are per workload) is read again too; jobs are not
    await svc.call('updateWorkload', { name: 'docs', schedule: null });
    await sleep(100);
    expect(reads).toHaveLength(3);
    expect((await svc.call('startEstimate', { name: 'docs' })).ok).toBe(true);
    await sleep(100);
    expect(reads).toHaveLength(3);

    stop();
    await svc.call('updateSnapshot', { id: 'docs-3', notes: 'after stop' });
    await sleep(100);
    expect(reads).toHaveLength(3);
  });
});
