import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tidemark } from '../../support/cli.js';

// Runs the built CLI (`npm run build` first) as a user would. The retention commands are pure:
// they must not create anything in the data dir.

let dir: string;
let dataDir: string;
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

beforeAll(() => {
  if (!existsSync(new URL('../../../dist/cli.js', import.meta.url))) throw new Error('dist/cli.js is missing: run `npm run build` before this test');
  dir = mkdtempSync(join(tmpdir(), 'tidemark-retention-cli-'));
  dataDir = join(dir, 'data');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshots = Array.from({ length: 12 }, (_, i) => ({ id: `snap-${String(i).padStart(2, '0')}`, createdAt: new Date(Date.UTC(2026, 10, 10) + i * 8 * 3_600_000).toISOString(), bytes: 1_073_741_824 }));

describe('tidemark retention explain', () => {
  it('prints the keep/delete table with reasons, then totals and the safety rails', () => {
    const r = tidemark(dataDir, ['retention', 'explain', '--policy', file('p.json', { keepLast: 2, keepDaily: 3 }), '--snapshots', file('s.json', snapshots), '--tz', 'Europe/Berlin']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+created\s+action\s+reasons$/);
    expect(lines[1]).toMatch(/^snap-11\s+2026-11-13T16:00:00.000Z\s+KEEP\s+last 1\/2; daily 2026-11-13 \(1\/3\)$/);
    expect(lines.find((l) => l.startsWith('snap-07'))).toMatch(/\sdelete$/);
    expect(r.stdout).toContain('4 kept, 8 deleted, frees 8.00 GiB (calendar of Europe/Berlin)');
    expect(r.stdout).toContain('a prune with this policy needs confirmation: would delete 8 of 12 snapshots (more than half)');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('--json prints [{ id, keep, reasons }] exactly', () => {
    const r = tidemark(dataDir, ['--json', 'retention', 'explain', '--policy', file('p.json', { keepLast: 1 }), '--snapshots', file('s.json', snapshots.slice(0, 2)), '--now', '2026-11-10T09:00:00Z']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { id: 'snap-01', keep: true, reasons: ['last 1/1'] },
      { id: 'snap-00', keep: false, reasons: [] },
    ]);
  });

  it.each([
    ['malformed policy JSON', ['--policy', 'bad.json', '--snapshots', 's.json'], 1, /^error: the policy file .*bad\.json is not valid JSON/],
    ['a missing snapshots file', ['--policy', 'p.json', '--snapshots', 'nope.json'], 1, /^error: cannot read the snapshots file .*nope\.json: ENOENT/],
    ['a keep-nothing policy', ['--policy', 'zero.json', '--snapshots', 's.json'], 1, /^error: .*zero\.json: this policy keeps nothing/],
    ['a bad policy field', ['--policy', 'neg.json', '--snapshots', 's.json'], 1, /^error: .*neg\.json at keepDaily: a count cannot be negative/],
    ['duplicate ids', ['--policy', 'p.json', '--snapshots', 'dup.json'], 1, /^error: duplicate snapshot id "snap-00"/],
    ['an unknown zone', ['--policy', 'p.json', '--snapshots', 's.json', '--tz', 'Mars/Base'], 1, /^error: --tz: not a known time zone/],
    ['a bad createdAt', ['--policy', 'p.json', '--snapshots', 'badtime.json'], 1, /^error: .*badtime\.json at 1\.createdAt: an ISO 8601 time with a zone/],
    ['a bad --now', ['--policy', 'p.json', '--snapshots', 's.json', '--now', 'noon'], 1, /^error: --now: an ISO 8601 time with a zone/],
    ['no --policy', ['--snapshots', 's.json'], 2, /^error: --policy is required/],
    ['an unknown option', ['--policy', 'p.json', '--snapshots', 's.json', '--force'], 2, /^error: Unknown option '--force'/],
  ])('refuses %s with one line and the right exit code', (_what, args, code, message) => {
    file('bad.json', '{"keepLast": ');
    file('zero.json', { keepLast: 0 });
    file('neg.json', { keepDaily: -1 });
    file('p.json', { keepLast: 1 });
    file('s.json', snapshots);
    file('dup.json', [snapshots[0], snapshots[0]]);
    file('badtime.json', [snapshots[0], { id: 'x', createdAt: '2026-11-20 10:00' }]);
    const r = tidemark(dataDir, ['retention', 'explain', ...args.map((a) => (a.endsWith('.json') ? join(dir, a) : a))]);
    expect(r.code).toBe(code);
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('tidemark retention simulate', () => {
  const schedule = [{ type: 'hourly', every: '1h' }, { type: 'daily', at: '00:00' }, { type: 'weekly', at: '00:00', weekday: 'sun' }, { type: 'monthly', at: '00:00', day: 1 }];
  const policy = { keepByType: { hourly: 24, daily: 7, weekly: 4, monthly: 12 } };

  it('prints the steady state', () => {
    const r = tidemark(dataDir, ['retention', 'simulate', '--policy', file('tp.json', policy), '--schedule', file('sched.json', schedule), '--days', '90', '--size', '2GiB', '--tz', 'Europe/Berlin', '--start', '2026-01-01T00:00:00+01:00']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('simulated 90 days from 2025-12-31T23:00:00.000Z (calendar of Europe/Berlin): 2265 created, 2227 pruned');
    expect(r.stdout).toContain('steady state: 38 snapshots (peak 39), about 76.0 GiB');
    expect(r.stdout).toContain('by type: hourly 24, daily 7, weekly 4, monthly 3');
    expect(r.stdout).toContain('oldest restore point: 0003-monthly from 2025-12-31T23:00:00.000Z (90 days old)');
    expect(r.stdout).toMatch(/\n2265-hourly\s+2026-03-31T21:00:00.000Z\s+type hourly \(1\/24\)\n/);
  });

  it('--json prints the whole simulation result', () => {
    const r = tidemark(dataDir, ['--json', 'retention', 'simulate', '--policy', file('tp.json', policy), '--schedule', file('sched.json', schedule), '--days', '30', '--tz', 'UTC', '--start', '2026-01-01T00:00:00Z']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.byType).toEqual({ hourly: 24, daily: 7, weekly: 4, monthly: 1 });
    expect(s.snapshots).toHaveLength(36);
  });

  it.each([
    ['a schedule entry without every/at', ['--schedule', 'bs.json', '--days', '9'], 1, /^error: .*bs\.json at 0: schedule entry "x" needs exactly one of "every" or "at"/],
    ['days that are not a number', ['--schedule', 'sched.json', '--days', 'nine'], 2, /^error: --days: "nine" is not a whole number of days/],
    ['too many days', ['--schedule', 'sched.json', '--days', '5000'], 1, /^error: --days: at most 3660 days/],
    ['a bad size', ['--schedule', 'sched.json', '--days', '9', '--size', 'huge'], 2, /^error: --size: "huge" is not a size/],
  ])('refuses %s', (_what, args, code, message) => {
    file('bs.json', [{ type: 'x' }]);
    const r = tidemark(dataDir, ['retention', 'simulate', '--policy', file('tp.json', policy), ...args.map((a) => (a.endsWith('.json') ? join(dir, a) : a))]);
    expect(r.code).toBe(code);
    expect(r.stderr.split('\n')[0]).toMatch(message);
  });

  it('never touched the data dir', () => {
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
  });
});
