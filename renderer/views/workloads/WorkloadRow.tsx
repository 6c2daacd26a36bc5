import { memo, Suspense, useState } from 'react';
import type { EstimateResult } from '../../../shared/contract/index.js';
import type { Job, Snapshot, Workload } from '../../../shared/domain.js';
import { formatBytes, formatCount } from '../../../shared/format.js';
import { errorMessage, hasMethod, request, requestOptional } from '../../api/index.js';
import { Icon, type IconName } from '../../components/Icon.js';
import { HEALTH_LABEL, workloadHealth } from '../../lib/health.js';
import { isTerminal } from '../../lib/jobs.js';
import { byCodePoint } from '../../lib/order.js';
import { formatAgo, formatIn, formatSchedule } from '../../lib/time.js';
import { ENGINE_LABEL, sourceText } from '../../lib/workload-text.js';
import { useStore } from '../../store/index.js';
import { engineRestoreWizard, hasEngineWizard } from '../restore/engine-wizards.js';
import { ActiveJob } from './ActiveJob.js';
import { Sparkline } from './Sparkline.js';

const EngineRestoreWizard = engineRestoreWizard.Component;

const ENGINE_ICON: Record<Workload['engine'], IconName> = { cas: 'folder', disk: 'disk', zfs: 'database' };

interface Props {
  workload: Workload;
  snapshots: readonly Snapshot[];
  jobs: readonly Job[];
  now: number;
  onRemove(w: Workload): void;
}

function sizes(snapshots: readonly Snapshot[]) {
  let latest: Snapshot | undefined;
  let stored = 0;
  for (const s of snapshots) {
    if (s.location !== 'local' && s.location !== '') continue;
    stored += s.storedBytes;
    if (s.complete && (!latest || s.createdAt > latest.createdAt)) latest = s;
  }
  return { protectedBytes: latest?.totalBytes ?? null, stored };
}

function EstimateLine({ job }: { job: Job }) {
  const r = job.result as EstimateResult | null;
  if (!r) return null;
  return (
    <div className="estimate-line muted" data-testid="estimate-result">
      Estimate: <span className="num">{formatCount(r.files)}</span> files · <span className="num">{formatBytes(r.bytes)}</span>
      {r.unreadable.length > 0 && <span className="warn-text"> · {formatCount(r.unreadable.length)} unreadable</span>}
    </div>
  );
}

export const WorkloadRow = memo(function WorkloadRow({ workload: w, snapshots, jobs, now, onRemove }: Props) {
  const navigate = useStore((s) => s.navigate);
  const pushToast = useStore((s) => s.pushToast);
  const applyJob = useStore((s) => s.applyJob);
  const [starting, setStarting] = useState<string | null>(null);
  const [wizard, setWizard] = useState(false);
  const h = workloadHealth(w, snapshots, jobs, now);
  const { protectedBytes, stored } = sizes(snapshots);
  const mine = jobs.filter((j) => j.workloadId === w.id);
  const active = mine.filter((j) => !isTerminal(j.state));
  const lastEstimate = mine.filter((j) => j.kind === 'estimate' && j.state === 'succeeded').sort((a, b) => byCodePoint(b.createdAt, a.createdAt))[0];

  const start = async (what: 'estimate' | 'backup' | 'replication') => {
    setStarting(what);
    try {
      const job =
        what === 'estimate' ? await request('startEstimate', { name: w.name }) : what === 'backup' ? await request('startBackup', { name: w.name }) : await requestOptional<Job>('startSync', { name: w.name });
      applyJob(job);
    } catch (e) {
      pushToast({ kind: 'error', title: `Could not start the ${what} of ${w.name}`, body: errorMessage(e) });
    } finally {
      setStarting(null);
    }
  };

  return (
    <li className="workload-row card" data-testid="workload-row" data-workload={w.name} data-health={h.health} aria-label={`${w.name}, ${HEALTH_LABEL[h.health]}`}>
      <div className="wl-main">
        <div className={`wl-icon ${w.engine}`}>
          <Icon name={ENGINE_ICON[w.engine]} />
        </div>
        <div className="wl-title">
          <div className="wl-name-line">
            <h3 className="ellipsis">{w.name}</h3>
            <span className="engine-tag">{ENGINE_LABEL[w.engine]}</span>
            <span className={`badge ${h.health}`} data-testid="workload-health">
              {HEALTH_LABEL[h.health]}
            </span>
          </div>
          <div className="mono muted ellipsis" title={sourceText(w)}>
            {sourceText(w)}
          </div>
        </div>
        <dl className="wl-stats">
          <div>
            <dt>Last backup</dt>
            <dd className="num" data-testid="workload-last-backup">
              {formatAgo(h.lastSuccess, now)}
            </dd>
          </div>
          <div>
            <dt>Next</dt>
            <dd className="num">{w.schedule ? `${h.health === 'late' ? 'overdue' : formatIn(h.nextRun, now)} · ${formatSchedule(w.schedule.everyMinutes)}` : 'manual'}</dd>
          </div>
          <div>
            <dt>Protected</dt>
            <dd className="num">{protectedBytes === null ? '—' : formatBytes(protectedBytes)}</dd>
          </div>
          <div>
            <dt>Stored</dt>
            <dd className="num">{snapshots.length ? formatBytes(stored) : '—'}</dd>
          </div>
        </dl>
        <div className="wl-spark">
          <Sparkline snapshots={snapshots} />
        </div>
        <div className="wl-actions">
          {w.engine === 'cas' && (
            <button className="btn small" onClick={() => start('estimate')} disabled={starting !== null} data-testid="action-estimate">
              <Icon name="gauge" />
              Estimate
            </button>
          )}
          {w.engine === 'zfs' && w.config.remote && hasMethod('startSync') && (
            <button className="btn small" onClick={() => start('replication')} disabled={starting !== null} data-testid="action-replicate">
              <Icon name="transfers" />
              Replicate
            </button>
          )}
          <button className="btn small primary" onClick={() => start('backup')} disabled={starting !== null} data-testid="action-backup">
            <Icon name="play" />
            Back up now
          </button>
          {snapshots.some((x) => x.complete) && (
            <button
              className="btn small ghost icon"
              aria-label={`Restore ${w.name}`}
              title="Restore"
              onClick={() => {
                // zfs and disk restore in their wizard right here; cas opens the timeline's restore
                if (hasEngineWizard(w.engine)) return setWizard(true);
                useStore.setState({ restoreIntent: w.name });
                navigate({ view: 'timeline', param: w.name });
              }}
              data-testid="action-restore"
            >
              <Icon name="restore" />
            </button>
          )}
          <button className="btn small ghost icon" aria-label={`Schedule and retention of ${w.name}`} title="Schedule and retention" onClick={() => navigate({ view: 'policies', param: w.name })} data-testid="action-edit">
            <Icon name="settings" />
          </button>
          <button className="btn small ghost icon" aria-label={`Timeline of ${w.name}`} title="Timeline" onClick={() => navigate({ view: 'timeline', param: w.name })} data-testid="action-timeline">
            <Icon name="timeline" />
          </button>
          <button className="btn small ghost icon danger" aria-label={`Remove ${w.name}`} title="Remove" onClick={() => onRemove(w)} data-testid="action-remove">
            <Icon name="trash" />
          </button>
        </div>
      </div>
      {wizard && (
        <Suspense fallback={null}>
          <EngineRestoreWizard workloadId={w.id} onClose={() => setWizard(false)} />
        </Suspense>
      )}
      {(h.failure || active.length > 0 || lastEstimate) && (
        <div className="wl-extra">
          {h.failure && (
            <div className="wl-failure" role="note">
              <Icon name="alert" /> Last backup failed: {h.failure}
            </div>
          )}
          {active.map((j) => (
            <ActiveJob key={j.id} job={j} />
          ))}
          {lastEstimate && <EstimateLine job={lastEstimate} />}
        </div>
      )}
    </li>
  );
});
