import { useMemo } from 'react';
import type { Job } from '../../../shared/domain.js';
import { EmptyState } from '../../components/EmptyState.js';
import { byNewest, jobTitle } from '../../lib/jobs.js';
import { useStore } from '../../store/index.js';
import { HistoryRow } from './HistoryRow.js';
import { RunningJob } from './RunningJob.js';

function Section({ title, count, children, testId }: { title: string; count: number; children: React.ReactNode; testId: string }) {
  return (
    <section className="card" aria-label={title} data-testid={testId}>
      <div className="card-head">
        <h2 className="section-title">
          {title} <span className="count-pill num">{count}</span>
        </h2>
      </div>
      {children}
    </section>
  );
}

export function TransfersView() {
  const jobsMap = useStore((s) => s.jobs);
  const loaded = useStore((s) => s.jobsLoaded);
  const loadError = useStore((s) => s.jobsError);
  const now = useStore((s) => s.now);
  const { running, queued, history } = useMemo(() => {
    const all = Object.values(jobsMap).sort(byNewest);
    return {
      running: all.filter((j) => j.state === 'running'),
      // the queue runs oldest first
      queued: all.filter((j) => j.state === 'queued').reverse(),
      history: all.filter((j) => j.state !== 'running' && j.state !== 'queued'),
    };
  }, [jobsMap]);

  return (
    <div className="page-inner">
      <header className="page-head">
        <div>
          <h1>Transfers</h1>
          <p className="sub">Backups, restores and checks — running now, waiting, and finished.</p>
        </div>
      </header>
      {loadError && (
        <div className="alert" role="alert">
          Could not load jobs: {loadError}
        </div>
      )}
      {loaded && running.length + queued.length + history.length === 0 && (
        <div className="card">
          <EmptyState icon="transfers" title="Nothing has run yet">
            When you back up, restore or estimate a workload, its progress shows here — phase, data, rate and time left — and stays in the history with its log.
          </EmptyState>
        </div>
      )}
      {running.length > 0 && (
        <Section title="Running" count={running.length} testId="running-jobs">
          <ul className="job-list">
            {running.map((j) => (
              <RunningJob key={j.id} job={j} />
            ))}
          </ul>
        </Section>
      )}
      {queued.length > 0 && (
        <Section title="Waiting" count={queued.length} testId="queued-jobs">
          <ul className="job-list">
            {queued.map((j: Job) => (
              <li key={j.id} className="queued-job" data-testid="queued-job">
                <span className="badge queued">Queued</span>
                <strong>{jobTitle(j)}</strong>
                <span className="muted ellipsis">{j.waitingFor ?? 'waiting for a free worker'}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {history.length > 0 && (
        <Section title="History" count={history.length} testId="job-history">
          <ul className="job-list">
            {history.map((j) => (
              <HistoryRow key={j.id} job={j} now={now} />
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
