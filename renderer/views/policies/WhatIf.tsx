import { useMemo, useState } from 'react';
import type { RetentionPolicy, Schedule } from '../../../shared/domain.js';
import { formatCount } from '../../../shared/format.js';
import { retentionPolicySchema, simulate, type SimulationResult } from '../../../shared/retention/index.js';
import { TIME_ZONE } from './useRetentionPreview.js';

const CADENCES = [
  { id: '1h', label: 'every hour', every: '1h' },
  { id: '6h', label: 'every 6 hours', every: '6h' },
  { id: '1d', label: 'every day', every: '1d' },
] as const;
const HORIZONS = [30, 90, 365] as const;

function cadenceOf(s: Schedule | null): string {
  if (!s) return '1d';
  return s.everyMinutes <= 60 ? '1h' : s.everyMinutes <= 360 ? '6h' : '1d';
}

/** Replays a backup cadence N days ahead with this policy (shared/retention simulate): how many restore points of each age remain. */
export function WhatIf({ policy, schedule }: { policy: RetentionPolicy; schedule: Schedule | null }) {
  const [cadence, setCadence] = useState<string>(cadenceOf(schedule));
  const [days, setDays] = useState<number>(90);
  const sim = useMemo((): SimulationResult | string => {
    const p = retentionPolicySchema.safeParse(policy);
    if (!p.success) return p.error.issues[0]?.message ?? 'not a valid policy';
    const every = CADENCES.find((c) => c.id === cadence)?.every ?? '1d';
    try {
      return simulate({ policy: p.data, schedule: [{ type: 'scheduled', every }], days, timeZone: TIME_ZONE });
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }, [policy, cadence, days]);

  const peak = typeof sim === 'string' ? 1 : Math.max(1, ...sim.byAge.map((a) => a.count));
  return (
    <div className="what-if" data-testid="what-if">
      <div className="what-if-head">
        <strong>What if</strong> backing up
        <select className="select inline" value={cadence} onChange={(e) => setCadence(e.target.value)} aria-label="Backup cadence">
          {CADENCES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        for
        <select className="select inline" value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Days ahead">
          {HORIZONS.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
      </div>
      {typeof sim === 'string' ? (
        <p className="muted">{sim}</p>
      ) : (
        <>
          <p>
            <span className="num" data-testid="what-if-total">
              {formatCount(sim.total)}
            </span>{' '}
            restore points at the end ({formatCount(sim.created)} made, {formatCount(sim.deleted)} pruned)
            {sim.oldest ? `; the oldest is ${Math.round(sim.oldest.ageDays)} days old` : ''}.
          </p>
          <ul className="age-bars">
            {sim.byAge.map((a) => (
              <li key={a.label}>
                <span className="age-label">{a.label}</span>
                <span className="age-bar" style={{ width: `${(a.count / peak) * 100}%` }} />
                <span className="num">{formatCount(a.count)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
