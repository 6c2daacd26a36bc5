import { useEffect, useState } from 'react';
import type { CasEntryView, CasTreePage } from '../../../shared/contract/cas.js';
import { formatBytes } from '../../../shared/format.js';
import { errorMessage, requestOptional } from '../../api/index.js';

const PAGE = 200;

interface Props {
  snapshotId: string;
  selected: ReadonlySet<string>;
  onToggle(path: string): void;
}

/** A cas snapshot's tree, one directory page at a time (listTree), with checkboxes to pick what to restore. */
export function TreeBrowser({ snapshotId, selected, onToggle }: Props) {
  const [path, setPath] = useState('/');
  const [entries, setEntries] = useState<CasEntryView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async (dir: string, offset: number) => {
    setLoading(true);
    setError(null);
    try {
      const page = await requestOptional<CasTreePage>('listTree', { snapshotId, path: dir, offset, limit: PAGE });
      setEntries((prev) => (offset === 0 ? page.entries : [...prev, ...page.entries]));
      setNext(page.nextOffset);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setFilter('');
    void load(path, 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [snapshotId, path]);

  const crumbs = path.split('/').filter(Boolean);
  const shown = filter ? entries.filter((e) => e.name.toLowerCase().includes(filter.toLowerCase())) : entries;
  return (
    <div className="tree" data-testid="tree-browser">
      <nav className="crumbs" aria-label="Folder in the snapshot">
        <button type="button" className="link" onClick={() => setPath('/')}>
          snapshot
        </button>
        {crumbs.map((c, i) => (
          <span key={i}>
            {' / '}
            <button type="button" className="link" onClick={() => setPath(`/${crumbs.slice(0, i + 1).join('/')}`)}>
              {c}
            </button>
          </span>
        ))}
      </nav>
      <input className="input" placeholder="Filter this folder…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter this folder" data-testid="tree-filter" />
      {error && <div className="alert">{error}</div>}
      <ul className="tree-list" aria-busy={loading}>
        {shown.map((e) => (
          <li key={e.path} data-testid="tree-entry" data-path={e.path}>
            <input type="checkbox" checked={selected.has(e.path)} onChange={() => onToggle(e.path)} aria-label={`Restore ${e.path}`} />
            {e.type === 'dir' ? (
              <button type="button" className="link" onClick={() => setPath(e.path.startsWith('/') ? e.path : `/${e.path}`)}>
                {e.name}/
              </button>
            ) : (
              <span className="ellipsis">{e.name}</span>
            )}
            <span className="faint num">{e.type === 'file' ? formatBytes(e.size) : e.type === 'dir' ? '' : e.type}</span>
          </li>
        ))}
        {!loading && shown.length === 0 && <li className="muted">Empty.</li>}
      </ul>
      {next !== null && (
        <button type="button" className="btn small" onClick={() => load(path, next)} disabled={loading}>
          Load more
        </button>
      )}
    </div>
  );
}
