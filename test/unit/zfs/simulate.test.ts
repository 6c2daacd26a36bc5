import { describe, expect, it } from 'vitest';
import { simulate } from '../../../electron/core/engines/zfs/simulate.js';
import type { Operation } from '../../../electron/core/engines/zfs/plan-types.js';
import { plan } from '../../../electron/core/engines/zfs/planner.js';
import { sharedExplain } from '../../../electron/core/engines/zfs/retention.js';
import { copyOf, hourlies, side, zfsFuseCaps } from './fixtures.js';

const L = hourlies(6);
const input = {
  workload: 'w',
  local: side('t', { '': L }),
  remote: side('b', { '': [copyOf(L[0]!), copyOf(L[1]!)] }),
  localPolicy: { keepLast: 2 },
  remotePolicy: { keepLast: 3 },
  caps: { local: zfsFuseCaps, remote: zfsFuseCaps },
  explain: sharedExplain,
  now: new Date(Date.UTC(2026, 10, 20)),
  timeZone: 'UTC',
};

describe('plan validation by simulation', () => {
  const p = plan(input);
  it('accepts the planner’s own plan', () => {
    expect(p.problems).toEqual([]);
    expect(p.valid).toBe(true);
  });

  it('finds a plan that does not reach the target', () => {
    const ops = p.operations.filter((o) => o.kind !== 'range-transfer');
    expect(simulate(input, ops, p.datasets).join('\n')).toMatch(/does not reach the remote target/);
  });

  it('finds a step that loses the last common snapshot', () => {
    const del = (side: 'local' | 'remote', name: string): Operation => ({ kind: 'delete', side, dataset: side === 'local' ? 't' : 'b', rel: '', snapshots: [name], guids: [`g-${name}`], reason: 'test' });
    const problems = simulate(input, [del('remote', 'hourly-1'), del('remote', 'hourly-2')], p.datasets);
    expect(problems.join('\n')).toMatch(/step 2 .*loses the last snapshot both sides share/);
  });

  it('finds an incremental from a base that is not the remote newest, and a range that would send unlisted snapshots', () => {
    const t = (from: string, to: string, snapshots: string[]): Operation => ({ kind: 'range-transfer', side: 'remote', dataset: 'b', rel: '', from, to, snapshots, fromGuid: `g-${from}`, guids: snapshots.map((s) => `g-${s}`), reason: 'test' });
    expect(simulate(input, [t('hourly-1', 'hourly-3', ['hourly-3'])], p.datasets).join('\n')).toMatch(/not the newest snapshot on the remote/);
    expect(simulate(input, [t('hourly-2', 'hourly-5', ['hourly-3', 'hourly-5'])], p.datasets).join('\n')).toMatch(/would send snapshots the plan does not list/);
  });

  it('finds a delete of a snapshot that is gone or held', () => {
    const gone: Operation = { kind: 'delete', side: 'local', dataset: 't', rel: '', snapshots: ['nope'], guids: ['x'], reason: 'test' };
    expect(simulate(input, [gone], p.datasets).join('\n')).toMatch(/does not exist/);
    const held = { ...input, local: side('t', { '': [...L.slice(0, 5), { ...L[5]!, userrefs: 1 }] }) };
    const op: Operation = { ...gone, snapshots: ['hourly-6'], guids: ['g-hourly-6'] };
    expect(simulate(held, [op], p.datasets).join('\n')).toMatch(/held/);
  });
});

describe('planner performance', () => {
  // The < 500 ms target is measured by `npm run bench zfs` (median on a quiet machine); this test only
  // guards against quadratic regressions, with room for a shared, loaded CI machine.
  it('plans 100 datasets × 1,000 snapshots without blowing up (bench: < 500 ms)', () => {
    const mk = (n: number, offset: number) => hourlies(1000).map((s) => ({ ...s, guid: `${n}-${s.guid}`, createtxg: s.createtxg + offset }));
    const local: Record<string, ReturnType<typeof hourlies>> = {};
    const remote: Record<string, ReturnType<typeof hourlies>> = {};
    for (let d = 0; d < 100; d++) {
      const rel = d === 0 ? '' : `ds${d}`;
      local[rel] = mk(d, 0);
      remote[rel] = mk(d, 50_000).slice(0, 900);
    }
    const big = { ...input, local: side('t', local), remote: side('b', remote), localPolicy: { keepHourly: 48, keepDaily: 30 }, remotePolicy: { keepDaily: 90, keepWeekly: 20 } };
    plan(big); // warm up
    const t0 = performance.now();
    const p = plan(big);
    const ms = performance.now() - t0;
    expect(p.valid).toBe(true);
    expect(p.operations.length).toBeGreaterThan(100);
    expect(ms).toBeLessThan(5000);
  });
});
