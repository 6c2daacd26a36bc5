import { describe, expect, it } from 'vitest';
import { explain, type RetentionSnapshot } from '../../../shared/retention/index.js';

// A regression guard for the 100,000-snapshot budget (< 200 ms). CPU time, best of 3: tests run
// in parallel on shared boxes, where wall time measures the neighbours. The bench
// (`npm run bench retention`) reports wall-clock medians.
function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('explain speed', () => {
  it('explains 100,000 snapshots in under 200 ms of CPU', () => {
    const list: RetentionSnapshot[] = [];
    for (let i = 0; list.length < 100_000; i++) {
      const createdAt = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString();
      list.push({ id: `hourly-${i}`, createdAt, type: 'hourly', bytes: 1000 });
      if (i % 24 === 0) list.push({ id: `daily-${i}`, createdAt, type: 'daily', bytes: 1000 });
    }
    const snapshots = JSON.parse(JSON.stringify(list)) as RetentionSnapshot[];
    const policy = { keepLast: 3, keepWithin: '2d', keepHourly: 24, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, keepYearly: 5, keepByType: { daily: 7 } };
    let kept = 0;
    const run = () => (kept = explain(snapshots, policy, { timeZone: 'Europe/Berlin', now: '2030-01-01T00:00:00Z' }).kept);
    for (let i = 0; i < 3; i++) run(); // warm-up: JIT tiers and the zone table
    const times = [cpuMs(run), cpuMs(run), cpuMs(run)];
    const best = Math.min(...times);
    expect(kept).toBeGreaterThan(50);
    expect(best, `CPU ms per run: ${times.map((t) => t.toFixed(0)).join(" ")}`).toBeLessThan(200);
  });
});
