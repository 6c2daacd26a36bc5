// Retention: explain over 100,000 snapshots (target < 200 ms) and the 90-day what-if (target < 100 ms).
import { median, type Bench } from '../bench.js';
import { explainRetentionInput } from '../../shared/contract/retention.js';
import { explain, simulate, type RetentionSnapshot, type ScheduleSpec } from '../../shared/retention/index.js';

const POLICY = { keepLast: 3, keepWithin: '2d', keepHourly: 24, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, keepYearly: 5, keepByType: { hourly: 24, daily: 7 }, keepTags: ['release'] };
const RUNS = 9;
/** CPU ms of the last time() call's runs: on a shared box, wall time also measures the neighbours */
let cpu: number[] = [];

function time(fn: () => void): number[] {
  for (let i = 0; i < 3; i++) fn(); // warm-up: JIT tiers and the zone's offset table
  const out: number[] = [];
  cpu = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return out;
}

/** Hourly snapshots over ~11.4 years plus a daily at midnight, as the catalog would hand them over (JSON). */
function catalog(n: number): RetentionSnapshot[] {
  const start = Date.UTC(2015, 0, 1);
  const list: RetentionSnapshot[] = [];
  for (let i = 0; list.length < n; i++) {
    const t = new Date(start + i * 3_600_000).toISOString();
    list.push({ id: `hourly-${i}`, createdAt: t, type: 'hourly', bytes: 50_000_000 + (i % 97) * 1_000_000 });
    if (i % 24 === 0 && list.length < n) list.push({ id: `daily-${i}`, createdAt: t, type: 'daily', tags: i % (24 * 90) === 0 ? ['release'] : [], bytes: 80_000_000 });
  }
  return JSON.parse(JSON.stringify(list)) as RetentionSnapshot[];
}

export default async function (b: Bench): Promise<void> {
  const snapshots = catalog(100_000);
  let kept = 0;
  const explainMs = time(() => {
    kept = explain(snapshots, POLICY, { timeZone: 'Europe/Berlin', now: '2030-01-01T00:00:00Z' }).kept;
  });
  b.log(`explain: 100,000 snapshots → ${kept} kept; runs ${explainMs.map((t) => t.toFixed(0)).join(' ')} ms`);
  b.row({ metric: 'explain, 100,000 snapshots (median)', value: median(explainMs), unit: 'ms', target: '< 200 ms', pass: median(explainMs) < 200 });
  b.row({ metric: 'explain, 100,000 snapshots (median CPU)', value: median(cpu), unit: 'ms' });

  const shuffled = [...snapshots].sort((x, y) => (x.id < y.id ? -1 : 1));
  const unsortedMs = time(() => explain(shuffled, POLICY, { timeZone: 'Europe/Berlin' }));
  b.row({ metric: 'explain, 100,000 unsorted snapshots (median)', value: median(unsortedMs), unit: 'ms', target: '< 200 ms', pass: median(unsortedMs) < 200 });

  const withSchemaMs = time(() => explainRetentionInput.parse({ policy: POLICY, snapshots, timeZone: 'Europe/Berlin' }));
  b.row({ metric: 'contract schema parse of that input (median)', value: median(withSchemaMs), unit: 'ms' });

  const hourly: ScheduleSpec = [{ type: 'hourly', every: '1h' }];
  const realistic = { keepLast: 3, keepWithin: '2d', keepHourly: 24, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 };
  const simMs = time(() => simulate({ policy: realistic, schedule: hourly, days: 90, timeZone: 'Europe/Berlin', start: '2026-01-01T00:00:00+01:00' }));
  b.row({ metric: 'simulate 90 days hourly, realistic policy (median)', value: median(simMs), unit: 'ms', target: '< 100 ms', pass: median(simMs) < 100 });

  const four: ScheduleSpec = [...hourly, { type: 'daily', at: '00:00' }, { type: 'weekly', at: '00:00', weekday: 'sun' }, { type: 'monthly', at: '00:00', day: 1 }];
  const yearMs = time(() => simulate({ policy: { keepByType: { hourly: 24, daily: 7, weekly: 4, monthly: 12 } }, schedule: four, days: 365, timeZone: 'Europe/Berlin', start: '2026-01-01T00:00:00+01:00' }));
  b.row({ metric: 'simulate 365 days, 4 schedules, per-type policy (median)', value: median(yearMs), unit: 'ms' });
}
