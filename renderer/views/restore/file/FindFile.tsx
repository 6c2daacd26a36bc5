import { useEffect, useRef, useState } from 'react';
import type { CasFoundPath } from '../../../../shared/contract/cas.js';
import type { Workload } from '../../../../shared/domain.js';
import { formatBytes } from '../../../../shared/format.js';
import { errorMessage, requestOptional } from '../../../api/index.js';
import { Icon } from '../../../components/Icon.js';
import { formatAgo } from '../../../lib/time.js';
import { useStore } from '../../../store/index.js';
import { FileGlyph } from '../FileGlyph.js';

interface Props {
  workloads: Workload[];
  workload: string | null;
  onWorkload(name: string | null): void;
  query: string;
  onQuery(q: string): void;
  onPick(f: CasFoundPath): void;
}

/** Step 1: part of a name (or a path) → the matching paths in any snapshot, with how many versions each has. */
export function FindFile({ workloads, workload, onWorkload, query, onQuery, onPick }: Props) {
  const [found, setFound] = useState<CasFoundPath[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useStore((s) => s.now);
  const seq = useRef(0);

  useEffect(() => {
    // a path typed whole ("docs/report.txt") is searched by its last name; the list shows the full paths
    const q = query.trim().split('/').filter(Boolean).at(-1) ?? '';
    const mine = ++seq.current;
    if (!q) return setFound(null);
    const t = setTimeout(async () => {
      setBusy(true);
      try {
        const r = await requestOptional<CasFoundPath[]>('findFiles', { query: q, limit: 200, ...(workload ? { name: workload } : {}) });
        const path = query.trim().replace(/^\/+/, '');
        if (mine === seq.current) (setFound(path.includes('/') ? r.filter((f) => f.path.includes(path)) : r), setError(null));
      } catch (e) {
        if (mine === seq.current) setError(errorMessage(e));
      } finally {
        if (mine === seq.current) setBusy(false);
      }
    }, 250);
    return () => clearTimeout(t);
  }, [query, workload]);

  return (
    <div className="rc-stack">
      <div className="rc-search">
        <div className="rc-search-box">
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden="true">
            <path d="M20 20l-4.3-4.3M18 11a7 7 0 11-14 0 7 7 0 0114 0z" />
          </svg>
          <input className="input" type="search" autoFocus placeholder="A file name or path, e.g. report.txt" value={query} onChange={(e) => onQuery(e.target.value)} aria-label="File name or path" data-testid="find-query" />
        </div>
        <select className="select" value={workload ?? ''} onChange={(e) => onWorkload(e.target.value || null)} aria-label="Workload" data-testid="find-workload">
          <option value="">All folders</option>
          {workloads.map((w) => (
            <option key={w.name} value={w.name}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      {error && <div className="alert">{error}</div>}
      {found === null ? (
        <p className="muted rc-hint">Type part of a file’s name. Every snapshot is searched, so files deleted since are found too.</p>
      ) : found.length === 0 ? (
        <p className="muted rc-hint">{busy ? 'Searching…' : 'No file of that name in any snapshot.'}</p>
      ) : (
        <ul className="rc-results" aria-busy={busy} data-testid="find-results">
          {found.map((f) => (
            <li key={`${f.workload}:${f.path}`}>
              <button type="button" className="rc-result-row" onClick={() => onPick(f)} data-testid="find-result" data-path={f.path}>
                <span className={`rc-type ${f.type}`}>{f.type === 'dir' ? <Icon name="folder" /> : <FileGlyph />}</span>
                <span className="rc-result-path">
                  <strong className="ellipsis">{f.path.split('/').at(-1)}</strong>
                  <span className="muted mono ellipsis">
                    {f.workload}: {f.path}
                  </span>
                </span>
                <span className="num muted rc-result-meta">
                  {f.versions} {f.versions === 1 ? 'snapshot' : 'snapshots'}
                  <br />
                  {f.type === 'file' ? `${formatBytes(f.latest.size)} · ` : ''}
                  {formatAgo(f.latest.createdAt, now)}
                </span>
                <Icon name="chevron" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
