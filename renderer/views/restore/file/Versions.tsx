import { useEffect, useState } from 'react';
import type { CasFileDiff, CasPathVersion } from '../../../../shared/contract/cas.js';
import { formatBytes } from '../../../../shared/format.js';
import { errorMessage, request } from '../../../api/index.js';
import { formatAgo, formatDateTime } from '../../../lib/time.js';
import { useStore } from '../../../store/index.js';
import { DiffView } from './DiffView.js';

interface Props {
  workload: string;
  path: string;
  /** the file on this machine, for "compare with the file on disk" */
  diskPath: string;
  chosen: CasPathVersion | null;
  onChoose(v: CasPathVersion): void;
}

interface Shown {
  diff: CasFileDiff;
  aName: string;
  bName: string;
}

/** Step 2: every version of the path, newest first; compare two of them, or one with the file on disk, then pick one. */
export function Versions({ workload, path, diskPath, chosen, onChoose }: Props) {
  const [versions, setVersions] = useState<CasPathVersion[] | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useStore((s) => s.now);

  useEffect(() => {
    setVersions(null);
    setShown(null);
    request('findPath', { name: workload, path })
      .then((v) => {
        setVersions(v);
        if (!chosen && v[0]) onChoose(v[0]);
        // the two newest that differ are the likeliest comparison
        setTicked(v.filter((x) => x.changed).slice(0, 2).map((x) => x.snapshotId));
      })
      .catch((e) => setError(errorMessage(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workload, path]);

  const compare = async (a: CasPathVersion, b: { v: CasPathVersion } | 'disk') => {
    setBusy(true);
    setError(null);
    try {
      const diff = await request('diffFile', { a: { snapshotId: a.snapshotId, path }, b: b === 'disk' ? { diskPath } : { snapshotId: b.v.snapshotId, path } });
      setShown({ diff, aName: formatDateTime(a.createdAt), bName: b === 'disk' ? 'on disk now' : formatDateTime(b.v.createdAt) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const tick = (id: string) => setTicked((t) => (t.includes(id) ? t.filter((x) => x !== id) : [...t, id].slice(-2)));
  const pair = (versions ?? []).filter((v) => ticked.includes(v.snapshotId)).reverse(); // older first

  if (!versions) return <p className="muted rc-hint">{error ?? 'Looking through the snapshots…'}</p>;
  const isFile = versions[0]?.entry.type === 'file';
  return (
    <div className="rc-stack">
      <div className="rc-context">
        <strong className="mono">{path}</strong>
        <span className="muted">
          {' '}
          · {versions.length} {versions.length === 1 ? 'snapshot holds' : 'snapshots hold'} it · {versions.filter((v) => v.changed).length} distinct{' '}
          {versions.filter((v) => v.changed).length === 1 ? 'version' : 'versions'}
        </span>
      </div>
      <table className="rc-table" data-testid="versions">
        <thead>
          <tr>
            <th>Restore</th>
            <th>Compare</th>
            <th>Snapshot</th>
            <th className="num">Size</th>
            <th>Modified</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => (
            <tr key={v.snapshotId} className={chosen?.snapshotId === v.snapshotId ? 'selected' : undefined} data-testid="version-row" data-id={v.snapshotId}>
              <td>
                <input type="radio" name="rc-version" checked={chosen?.snapshotId === v.snapshotId} onChange={() => onChoose(v)} aria-label={`Restore the version of ${formatDateTime(v.createdAt)}`} data-testid="version-choose" />
              </td>
              <td>
                <input type="checkbox" checked={ticked.includes(v.snapshotId)} onChange={() => tick(v.snapshotId)} aria-label={`Compare the version of ${formatDateTime(v.createdAt)}`} data-testid="version-tick" />
              </td>
              <td>
                <span className="num">{formatDateTime(v.createdAt)}</span> <span className="muted">· {formatAgo(v.createdAt, now)}</span>
              </td>
              <td className="num">{v.entry.type === 'file' ? formatBytes(v.entry.size) : v.entry.type}</td>
              <td className="num muted">{formatDateTime(v.entry.mtime)}</td>
              <td>{i === versions.length - 1 ? <span className="badge plain">first seen</span> : v.changed ? <span className="badge ok">changed</span> : <span className="muted small">same as older</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {isFile && (
        <div className="rc-toolbar">
          <button className="btn" disabled={pair.length !== 2 || busy} onClick={() => compare(pair[0]!, { v: pair[1]! })} data-testid="compare-two">
            Compare the two ticked
          </button>
          <button className="btn" disabled={!chosen || busy} onClick={() => chosen && compare(chosen, 'disk')} data-testid="compare-disk">
            Compare the chosen one with the file on disk
          </button>
          {busy && <span className="muted">Comparing…</span>}
        </div>
      )}
      {error && (
        <div className="alert" role="alert" data-testid="versions-error">
          {error}
        </div>
      )}
      {shown && <DiffView {...shown} />}
    </div>
  );
}
