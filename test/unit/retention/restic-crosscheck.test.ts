import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain } from '../../../shared/retention/index.js';

// Golden data from real restic 0.14 (fixtures/restic-golden.sh): 67 snapshots created with
// `restic backup --time` under TZ=Europe/Berlin (years 2014–2027, a spring and an autumn DST
// change, ISO week 53 of 2026, tags, snapshots newer than `now`) and 24 `forget` policies.
// restic ≥ 0.17 (and Tidemark) additionally keep the oldest snapshot while a time bucket has
// slots left; restic 0.14 does not, so a snapshot kept *only* for that reason is compared as deleted.
interface Golden {
  now: string;
  snapshots: { id: string; createdAt: string; tags?: string[] }[];
  cases: { flags: string; policy: Record<string, unknown>; kept: string[] }[];
}
const golden = JSON.parse(readFileSync(new URL('./fixtures/restic-golden.json', import.meta.url), 'utf8')) as Golden;

describe('cross-check against restic forget', () => {
  it('has the fixture', () => {
    expect(golden.snapshots).toHaveLength(67);
    expect(golden.cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(golden.cases.map((c) => [c.flags, c] as const))('restic forget %s', (_flags, c) => {
    const result = explain(golden.snapshots, c.policy, { now: golden.now, timeZone: 'Europe/Berlin' });
    const keptByRestic014 = result.items.filter((i) => i.keep && !i.reasons.every((r) => r.endsWith(', oldest)'))).map((i) => i.id);
    expect(keptByRestic014.sort()).toEqual([...c.kept].sort());
  });

  it('the oldest-snapshot extension only ever adds the single oldest snapshot', () => {
    const oldestId = [...golden.snapshots].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0]!.id;
    for (const c of golden.cases) {
      const result = explain(golden.snapshots, c.policy, { now: golden.now, timeZone: 'Europe/Berlin' });
      const extra = result.items.filter((i) => i.keep && !c.kept.includes(i.id)).map((i) => i.id);
      expect(extra.every((id) => id === oldestId), c.flags).toBe(true);
    }
  });
});
