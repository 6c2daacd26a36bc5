import { describe, expect, it } from 'vitest';
import { destroyArgs } from '../../../electron/core/engines/zfs/argv.js';
import { copyOf, hourlies, makePlan, openZfsCaps, side, snap, zfsFuseCaps } from './fixtures.js';

const reasonsOf = (items: { name: string; reasons: string[] }[], name: string) => items.find((i) => i.name === name)?.reasons ?? [];

describe('planner: transfers', () => {
  it('starts an empty remote with an initial transfer, then one -I range of adjacent snapshots', () => {
    const local = side('tank/data', { '': hourlies(5) });
    const p = makePlan({ local, remote: side('backup/data', {}) });
    expect(p.valid).toBe(true);
    expect(p.operations.map((o) => [o.kind, o.from, o.to, o.snapshots])).toEqual([
      ['initial-transfer', undefined, 'hourly-1', ['hourly-1']],
      ['range-transfer', 'hourly-1', 'hourly-5', ['hourly-2', 'hourly-3', 'hourly-4', 'hourly-5']],
    ]);
    expect(p.operations[0]!.dataset).toBe('backup/data');
    expect(p.operations[0]!.reason).toMatch(/first snapshot/);
  });

  it('sends only what the remote policy wants, skipping unwanted snapshots with -i', () => {
    const L = [snap('hourly-1', 1), snap('daily-2', 2), snap('hourly-3', 3), snap('daily-4', 4), snap('daily-5', 5), snap('hourly-6', 6)];
    const R = [copyOf(L[0]!)];
    const p = makePlan({ local: side('t', { '': L }), remote: side('b', { '': R }), remotePolicy: { keepByType: { daily: 7 } } });
    expect(p.valid).toBe(true);
    const transfers = p.operations.filter((o) => o.kind.endsWith('transfer'));
    // hourly-1 → daily-2 (adjacent, one snapshot), daily-2 → daily-4 with -i (skips hourly-3), daily-4 → daily-5
    expect(transfers.map((o) => [o.from, o.to, o.snapshots])).toEqual([
      ['hourly-1', 'daily-2', ['daily-2']],
      ['daily-2', 'daily-4', ['daily-4']],
      ['daily-4', 'daily-5', ['daily-5']],
    ]);
    expect(transfers.flatMap((o) => o.snapshots)).not.toContain('hourly-6');
    expect(transfers[1]!.reason).toMatch(/type daily/);
  });

  it('groups a run of wanted snapshots that follow each other into one range', () => {
    const L = hourlies(10);
    const p = makePlan({ local: side('t', { '': L }), remote: side('b', { '': [copyOf(L[2]!)] }) });
    const t = p.operations.filter((o) => o.kind === 'range-transfer');
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ from: 'hourly-3', to: 'hourly-10' });
    expect(t[0]!.snapshots).toHaveLength(7);
  });

  it('never sends anything older than the remote newest', () => {
    const L = hourlies(10);
    const R = [copyOf(L[5]!)]; // remote only has hourly-6
    const p = makePlan({ local: side('t', { '': L }), remote: side('b', { '': R }) });
    const sent = p.operations.filter((o) => o.kind.endsWith('transfer')).flatMap((o) => o.snapshots);
    expect(sent).toEqual(['hourly-7', 'hourly-8', 'hourly-9', 'hourly-10']);
  });

  it('matches snapshots across sides by guid, not by name', () => {
    const L = hourlies(4);
    // the remote's hourly-2 was recreated by hand: same name, other guid → it is not shared
    const R = [copyOf(L[0]!), copyOf({ ...L[1]!, guid: 'other' })];
    const p = makePlan({ local: side('t', { '': L }), remote: side('b', { '': R }) });
    const ds = p.datasets[0]!;
    expect(ds.status).toBe('needs-consent');
    expect(p.consent?.destroys).toEqual([{ dataset: 'b', snapshots: ['hourly-2'] }]);
    const del = p.operations.find((o) => o.side === 'remote' && o.kind === 'delete')!;
    expect(del).toMatchObject({ snapshots: ['hourly-2'], requiresConsent: true });
    expect(del.guids).toEqual(['other']);
    expect(p.operations.filter((o) => o.kind === 'range-transfer').every((o) => o.requiresConsent)).toBe(true);
    expect(p.valid).toBe(true);
  });

  it('processes parent datasets before children, names with spaces included', () => {
    const L = hourlies(2);
    const p = makePlan({ local: side('t', { '': L, 'my ds': L.map((s) => ({ ...s, guid: `c${s.guid}` })), a: hourlies(1) }), remote: side('b', {}) });
    expect(p.valid).toBe(true);
    expect([...new Set(p.operations.map((o) => o.dataset))]).toEqual(['b', 'b/a', 'b/my ds']);
  });

  it('asks for consent before overwriting a remote dataset that exists without snapshots', () => {
    const p = makePlan({ local: side('t', { '': hourlies(2) }), remote: side('b', { '': [] }) });
    expect(p.datasets[0]!.status).toBe('needs-consent');
    expect(p.operations[0]).toMatchObject({ kind: 'initial-transfer', forceReceive: true, requiresConsent: true });
    expect(p.consent?.destroys[0]).toMatchObject({ dataset: 'b', contents: true });
    expect(p.valid).toBe(true);
  });
});

describe('planner: stops instead of destroying', () => {
  it('no common snapshot: the dataset is blocked with an explanation and options, nothing planned (not even local deletes)', () => {
    const L = hourlies(6);
    const R = hourlies(3, 'daily'); // different guids
    const p = makePlan({ local: side('t', { '': L }), remote: side('b', { '': R }), localPolicy: { keepLast: 1 } });
    expect(p.operations).toEqual([]);
    expect(p.datasets[0]).toMatchObject({ status: 'blocked' });
    expect(p.datasets[0]!.explanation).toMatch(/no common snapshot/);
    expect(p.datasets[0]!.options!.length).toBeGreaterThan(0);
    expect(p.valid).toBe(true);
  });

  it('diverged remote (a snapshot newer than the latest shared one): needs consent, lists exactly what would be destroyed', () => {
    const L = hourlies(5);
    const R = [copyOf(L[0]!), copyOf(L[1]!), snap('manual-x', 3, { guid: 'rx', createtxg: 9999 })];
    const p = makePlan({ local: side('t', { '': L }), remote: side('b', { '': R }) });
    expect(p.datasets[0]!.status).toBe('needs-consent');
    expect(p.consent).toEqual({ hash: p.hash, destroys: [{ dataset: 'b', snapshots: ['manual-x'] }] });
    const ops = p.operations.map((o) => [o.kind, o.side, o.snapshots.join(',')]);
    expect(ops[0]).toEqual(['delete', 'remote', 'manual-x']);
    expect(p.operations.find((o) => o.kind === 'range-transfer')?.forceReceive).toBe(true);
  });

  it('a plan hash changes when the plan changes', () => {
    const L = hourlies(5);
    const a = makePlan({ local: side('t', { '': L }), remote: side('b', {}) });
    const b = makePlan({ local: side('t', { '': hourlies(6) }), remote: side('b', {}) });
    expect(a.hash).not.toBe(b.hash);
    expect(makePlan({ local: side('t', { '': L }), remote: side('b', {}) }).hash).toBe(a.hash);
  });
});

describe('planner: target state and protections', () => {
  it('protects the oldest on each side and the earliest and latest shared snapshot, with reasons', () => {
    const L = hourlies(10);
    const R = [copyOf(L[1]!), copyOf(L[3]!), copyOf(L[7]!)];
    const p = makePlan({ local: side('t', { '': L }), remote: side('b', { '': R }), localPolicy: { keepLast: 1 }, remotePolicy: { keepLast: 1 } });
    expect(p.valid).toBe(true);
    const lt = p.datasets[0]!.localTarget;
    const kept = lt.filter((t) => t.keep).map((t) => t.name);
    expect(kept).toEqual(['hourly-1', 'hourly-2', 'hourly-8', 'hourly-10']);
    expect(reasonsOf(lt, 'hourly-1')).toContain('protected: oldest snapshot on local');
    expect(reasonsOf(lt, 'hourly-2')).toContain('protected: earliest shared snapshot');
    expect(reasonsOf(lt, 'hourly-8')).toContain('protected: latest shared snapshot');
    expect(reasonsOf(lt, 'hourly-10')).toContain('protected: latest shared snapshot after this sync');
    const rt = p.datasets[0]!.remoteTarget;
    expect(rt.filter((t) => t.keep).map((t) => t.name)).toEqual(['hourly-2', 'hourly-8', 'hourly-10']);
    expect(reasonsOf(rt, 'hourly-2')).toEqual(expect.arrayContaining(['protected: oldest snapshot on remote', 'protected: earliest shared snapshot']));
    // remote hourly-4 goes, after hourly-10 arrived
    const kinds = p.operations.map((o) => `${o.kind}:${o.side}:${o.snapshots.join(',')}`);
    expect(kinds.indexOf('range-transfer:remote:hourly-10')).toBeLessThan(kinds.indexOf('delete:remote:hourly-4'));
  });

  it('keeps held snapshots and the base of a pending resume', () => {
    const L = hourlies(6);
    L[3] = { ...L[3]!, userrefs: 2 };
    const R = [copyOf(L[1]!)];
    const p = makePlan({ local: side('t', { '': L }), remote: side('b', { '': R }, { resume: [''] }), localPolicy: { keepLast: 1 }, remotePolicy: { keepLast: 1 } });
    const lt = p.datasets[0]!.localTarget;
    expect(reasonsOf(lt, 'hourly-4')).toContain('protected: held (2 holds)');
    expect(reasonsOf(lt, 'hourly-2')).toContain('protected: base of a pending resume');
  });

  it('two snapshots in the same second are ordered by createtxg', () => {
    const a = snap('hourly-a', 1);
    const b = { ...snap('hourly-0', 1), createtxg: a.createtxg + 1 }; // same second, later txg, name sorts first
    const p = makePlan({ local: side('t', { '': [a, b] }), localPolicy: { keepLast: 1 } });
    const lt = p.datasets[0]!.localTarget;
    expect(lt.find((t) => t.name === 'hourly-0')!.reasons).toContain('last 1/1');
    expect(p.operations).toEqual([]); // hourly-a is the oldest: protected
  });

  it('with no remote configured it only prunes locally', () => {
    const p = makePlan({ local: side('t', { '': hourlies(5) }), localPolicy: { keepLast: 2 } });
    expect(p.operations.map((o) => [o.kind, o.side, o.snapshots])).toEqual([['delete', 'local', ['hourly-2', 'hourly-3']]]);
  });
});

describe('planner: grouped deletes by capability', () => {
  const L = hourlies(10);
  const opts = { local: side('t', { '': L }), localPolicy: { keepByType: { hourly: 1 }, keepTags: ['x'] } };
  it('zfs-fuse: no ranges, one delete listing every snapshot (run one by one)', () => {
    const p = makePlan({ ...opts, caps: { local: zfsFuseCaps, remote: null } });
    expect(p.operations.map((o) => [o.kind, o.snapshots.length])).toEqual([['delete', 8]]);
    expect(destroyArgs(p.operations[0]!, zfsFuseCaps)).toHaveLength(8);
    expect(destroyArgs(p.operations[0]!, openZfsCaps)).toEqual([['destroy', `t@${p.operations[0]!.snapshots.join(',')}`]]);
  });
  it('OpenZFS: a%b ranges for runs, a comma list for the rest', () => {
    const M = [...hourlies(6), snap('release-7', 7), snap('hourly-8', 8), snap('hourly-9', 9)];
    const p = makePlan({ local: side('t', { '': M }), localPolicy: { keepByType: { hourly: 1, release: 1 } }, caps: { local: openZfsCaps, remote: null } });
    expect(p.valid).toBe(true);
    expect(p.operations.map((o) => [o.kind, o.from, o.to, o.snapshots])).toEqual([
      ['range-delete', 'hourly-2', 'hourly-6', ['hourly-2', 'hourly-3', 'hourly-4', 'hourly-5', 'hourly-6']],
      ['delete', undefined, undefined, ['hourly-8']],
    ]);
  });
});
