import { useEffect, useRef, useState } from 'react';
import type { Workload } from '../../../shared/domain.js';
import { errorMessage, request } from '../../api/index.js';
import { policyRules } from '../../lib/policy-text.js';
import { formatSchedule } from '../../lib/time.js';
import { useStore } from '../../store/index.js';
import { POLICY_PRESETS, presetFor, SCHEDULE_OPTIONS, scheduleOptionFor } from '../workloads/presets.js';

export function PolicyCard({ workload: w, focused, onEdit }: { workload: Workload; focused: boolean; onEdit(): void }) {
  const ref = useRef<HTMLElement>(null);
  // Arriving from a workload's "edit" action: bring its card into view and onto the keyboard.
  useEffect(() => {
    if (focused) {
      ref.current?.scrollIntoView({ block: 'nearest' });
      ref.current?.querySelector('select')?.focus();
    }
  }, [focused]);
  const loadWorkloads = useStore((s) => s.loadWorkloads);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rules = policyRules(w.policy);
  const preset = presetFor(w.policy);
  const schedule = scheduleOptionFor(w.schedule);

  const update = async (patch: Parameters<typeof request<'updateWorkload'>>[1]) => {
    setBusy(true);
    setError(null);
    try {
      await request('updateWorkload', patch);
      await loadWorkloads();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article ref={ref} className={focused ? 'card focused' : 'card'} aria-label={`Policy of ${w.name}`} data-testid="policy-card">
      <div className="card-head">
        <h2>{w.name}</h2>
        <span className="muted">{w.schedule ? formatSchedule(w.schedule.everyMinutes) : 'manual backups'}</span>
        <div className="actions">
          <button className="btn small" onClick={onEdit} data-testid="edit-retention">
            Edit rules…
          </button>
        </div>
      </div>
      <div className="card-body form-grid">
        <div className="span-2">
          <div className="field-label">Keeps</div>
          {rules.length ? (
            <ul className="policy-rules">
              {rules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No rules: every snapshot is kept.</p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`p-${w.id}`}>Retention preset</label>
          <select
            id={`p-${w.id}`}
            className="select"
            value={preset}
            disabled={busy}
            onChange={(e) => {
              const p = POLICY_PRESETS.find((x) => x.id === e.target.value)?.policy;
              if (p) void update({ name: w.name, policy: p });
            }}
          >
            {preset === 'custom' && <option value="custom">Custom</option>}
            {POLICY_PRESETS.filter((p) => p.policy).map((p) => (
              <option key={p.id} value={p.id}>
                {p.label} — {p.description}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`s-${w.id}`}>Schedule</label>
          <select
            id={`s-${w.id}`}
            className="select"
            value={schedule}
            disabled={busy}
            onChange={(e) => {
              const o = SCHEDULE_OPTIONS.find((x) => x.id === e.target.value);
              if (o) void update({ name: w.name, schedule: o.schedule });
            }}
          >
            {schedule === 'custom' && <option value="custom">{formatSchedule(w.schedule?.everyMinutes ?? 0)}</option>}
            {SCHEDULE_OPTIONS.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <div className="alert span-2" role="alert">
            {error}
          </div>
        )}
      </div>
    </article>
  );
}
