// The disk restore's preparation checks, run by the server for the typed target before anything is written.
import { useEffect, useState } from 'react';
import type { RestoreTargetReport } from '../../../../shared/contract/disk.js';
import { errorMessage, request } from '../../../api/index.js';
import { Icon, type IconName } from '../../../components/Icon.js';

const ICON: Record<'pass' | 'fail' | 'warn', IconName> = { pass: 'check', fail: 'close', warn: 'alert' };
const LABEL: Record<string, string> = { path: 'Target path', exists: 'Existing target', mounted: 'Mounted', loop: 'Loop device', open: 'Open by another process', size: 'Device size', space: 'Free space' };

/** Re-checks whenever the target changes (and is a valid path); reports the result to the wizard. */
export function useTargetReport(snapshotId: string, target: string, valid: boolean): { report: RestoreTargetReport | null; error: string | null; checking: boolean } {
  const [state, setState] = useState<{ report: RestoreTargetReport | null; error: string | null; checking: boolean }>({ report: null, error: null, checking: false });
  useEffect(() => {
    if (!valid || target === '') return setState({ report: null, error: null, checking: false });
    let live = true;
    setState({ report: null, error: null, checking: true });
    request('checkRestoreTarget', { snapshotId, target })
      .then((report) => live && setState({ report, error: null, checking: false }))
      .catch((e: unknown) => live && setState({ report: null, error: errorMessage(e), checking: false }));
    return () => void (live = false);
  }, [snapshotId, target, valid]);
  return state;
}

export function TargetChecks({ report }: { report: RestoreTargetReport }) {
  return (
    <div className="rw-section">
      <div className={report.ok ? 'rw-verdict ok' : 'rw-verdict fail'} data-testid="target-verdict">
        {report.ok ? (report.exists ? 'The target is not in use; it will be replaced if you confirm below.' : 'Ready: nothing has been written yet.') : 'Refused: this target cannot be written. Nothing has been written.'}
      </div>
      <ul className="rw-checks" aria-label="Target checks" data-testid="target-checks">
        {report.checks.map((c) => (
          <li key={c.id} className={c.status} data-testid="target-check" data-check={c.id} data-status={c.status}>
            <span className="rw-check-icon" aria-label={c.status}>
              <Icon name={ICON[c.status]} />
            </span>
            <span className="rw-check-label">{LABEL[c.id] ?? c.id}</span>
            <span className="rw-check-text">{c.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
