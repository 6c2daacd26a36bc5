import { describe, expect, it } from 'vitest';
import { addWorkloadInput } from '../../../shared/contract/workloads.js';
import type { Snapshot } from '../../../shared/domain.js';
import { pathProblem } from '../../../renderer/lib/path-problem.js';
import { policyRules } from '../../../renderer/lib/policy-text.js';
import { parseHash, routeHash } from '../../../renderer/lib/route.js';
import { buildLanes, indexOfKey, sharedGuids, snapKey } from '../../../renderer/views/timeline/lanes.js';
import { EMPTY_FORM, toAddInput } from '../../../renderer/views/workloads/form-state.js';

describe('routes', () => {
  it('round-trips views and parameters, and falls back to the overview', () => {
    expect(parseHash('#/timeline/my%20docs')).toEqual({ view: 'timeline', param: 'my docs' });
    expect(routeHash({ view: 'timeline', param: 'my docs' })).toBe('#/timeline/my%20docs');
    expect(parseHash('#/transfers')).toEqual({ view: 'transfers', param: null });
    expect(parseHash('#/../../etc')).toEqual({ view: 'workloads', param: null });
    expect(parseHash('')).toEqual({ view: 'workloads', param: null });
  });
});

describe('pathProblem', () => {
  const base = { path: '/x', exists: true, kind: 'directory' as const, readable: true, allowed: true, message: null };
  it('accepts what the field expects', () => {
    expect(pathProblem(base, 'directory', false)).toBeNull();
    expect(pathProblem({ ...base, kind: 'block-device' }, 'file-or-device', false)).toBeNull();
  });
  it('explains each refusal in one line', () => {
    expect(pathProblem({ ...base, allowed: false, message: '/x is outside the folders Tidemark may use' }, 'directory', false)).toMatch(/outside/);
    expect(pathProblem({ ...base, exists: false, kind: null, message: '/x does not exist' }, 'directory', false)).toBe('/x does not exist');
    expect(pathProblem({ ...base, exists: false, kind: null, message: '/x does not exist' }, 'directory', true)).toBeNull();
    expect(pathProblem({ ...base, kind: 'file' }, 'directory', false)).toBe('This is a file, not a folder.');
    expect(pathProblem(base, 'file-or-device', false)).toBe('This is a folder, not an image file or block device.');
    expect(pathProblem({ ...base, readable: false, message: null }, 'directory', false)).toMatch(/cannot read/);
  });
});

describe('add-workload form', () => {
  it('builds inputs the contract accepts, for every engine', () => {
    const cas = toAddInput({ ...EMPTY_FORM, name: 'docs', source: '/home/u/docs/', preset: 'standard', schedule: 'daily' });
    expect(cas).toEqual({ name: 'docs', engine: 'cas', config: { source: '/home/u/docs' }, policy: { keepLast: 3, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 }, schedule: { everyMinutes: 1440, type: 'scheduled' } });
    const disk = toAddInput({ ...EMPTY_FORM, engine: 'disk', name: 'vm', image: '/srv/vm.img', repo: '/srv/snaps/' });
    expect(disk).toMatchObject({ engine: 'disk', config: { image: '/srv/vm.img', repo: '/srv/snaps' }, schedule: null });
    const zfs = toAddInput({ ...EMPTY_FORM, engine: 'zfs', name: 'tank', dataset: 'tank/home', remote: true, host: 'backup.lan', port: '2222', remoteDataset: 'bak/home' });
    expect(zfs).toMatchObject({ engine: 'zfs', config: { dataset: 'tank/home', remote: { user: 'root', host: 'backup.lan', port: 2222, dataset: 'bak/home' } } });
    for (const input of [cas, disk, zfs]) expect(addWorkloadInput.safeParse(input).success).toBe(true);
  });
  it('leaves the default policy to the server', () => {
    expect('policy' in toAddInput({ ...EMPTY_FORM, name: 'a', source: '/a' })).toBe(false);
  });
});

describe('policyRules', () => {
  it('reads like the policy', () => {
    expect(policyRules({ keepLast: 3, keepWithin: '7d', keepDaily: 7, keepByType: { hourly: 24 }, keepTags: ['release'] })).toEqual(['last 3', 'everything from the last 7 days', '7 daily', '24 of type “hourly”', 'every “release” tag']);
  });
});

describe('timeline lanes', () => {
  const snap = (id: string, at: string, location: string, guid?: string): Snapshot =>
    ({ id, workload: 'w', workloadId: 'w', engine: 'zfs', type: 'hourly', tags: [], notes: '', createdAt: at, complete: true, fileCount: 0, totalBytes: 0, storedBytes: 0, newChunks: 0, dedupChunks: 0, durationMs: 0, pinned: false, location, meta: guid ? { guid } : {} }) as Snapshot;
  const list = [snap('a', '2026-01-01T00:00:00Z', 'local', '1'), snap('a', '2026-01-01T00:00:00Z', 'remote', '1'), snap('b', '2026-01-02T00:00:00Z', 'local', '2'), snap('c', '2026-01-03T00:00:00Z', 'remote', '3')];
  it('puts local first, keeps time order per lane and links shared guids', () => {
    const { lanes, all } = buildLanes(list);
    expect(lanes.map((l) => l.location)).toEqual(['local', 'remote']);
    expect(lanes[0]!.snaps.map((s) => s.id)).toEqual(['a', 'b']);
    expect(Array.from(lanes[1]!.times)).toEqual([Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-03T00:00:00Z')]);
    expect(all.snaps).toHaveLength(4);
    expect([...sharedGuids(lanes)]).toEqual(['1']);
    expect(indexOfKey(all, snapKey(list[2]!))).toBe(2);
    expect(indexOfKey(all, 'nope@local')).toBe(-1);
  });
});
