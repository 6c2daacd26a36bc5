import { useEffect, useRef, useState } from 'react';
import type { CasEntryView, CasTreePage, CasTreeSearch } from '../../../shared/contract/cas.js';
import { formatBytes } from '../../../shared/format.js';
import { errorMessage, requestOptional } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { formatDateTime } from '../../lib/time.js';
import { FileGlyph } from '../restore/FileGlyph.js';

const PAGE = 200;
const SEARCH_LIMIT = 500;

interface Props {
  snapshotId: string;
  selected: ReadonlySet<string>;
  onToggle(path: string): void;
}

const abs = (p: string) => (p.startsWith('/') ? p : `/${p}`);
/** A path under a selected folder is restored with it. */
const coveredBy = (selected: ReadonlySet<string>, path: string) => {
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) if (selected.has(path.slice(0, i))) return path.slice(0, i);
  return null;
};

/**
 * A cas snapshot's tree, one directory page at a time (listTree), with checkboxes to pick what to
 * restore. Typing in the search box searches the snapshot from the current folder down (searchTree).
 */
export function TreeBrowser({ snapshotId, selected, onToggle }: Props) {
  const [path, setPath] = useState('/');
  const [entries, setEntries] = useState<CasEntryView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CasTreeSearch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  const load = async (dir: string, offset: number) => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const page = await requestOptional<CasTreePage>('listTree', { snapshotId, path: dir, offset, limit: PAGE });
      if (mine !== seq.current) return;
      setEntries((prev) => (offset === 0 ? page.entries : [...prev, ...page.entries]));
      setNext(page.nextOffset);
    } catch (e) {
      if (mine === seq.current) setError(errorMessage(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };
  useEffect(() => {
    setQuery('');
    setFound(null);
    void load(path, 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [snapshotId, path]);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setFound(null);
      return;
    }
    // Debounced: one search per pause in typing, and a late answer never replaces a newer one.
    const mine = ++seq.current;
    const t = setTimeout(async () => {
      setLoading(true);
      try {
        const r = await requestOptional<CasTreeSearch>('searchTree', { snapshotId, path, query: q, limit: SEARCH_LIMIT });
        if (mine === seq.current) (setFound(r), setError(null));
      } catch (e) {
        if (mine === seq.current) setError(errorMessage(e));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    }, 200);
    return () => clearTimeout(t);
  }, [query, snapshotId, path]);

  const crumbs = path.split('/').filter(Boolean);
  const shown = found ? found.entries : entries;
  const prefix = crumbs.length ? `${crumbs.join('/')}/` : '';
  return (
    <div className="tree" data-testid="tree-browser">
      <div className="tree-bar">
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
        <input
          className="input"
          type="search"
          placeholder={crumbs.length ? `Search in ${crumbs.at(-1)}…` : 'Search this snapshot…'}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search this folder and below"
          data-testid="tree-filter"
        />
      </div>
      {error && <div className="alert">{error}</div>}
      {found && (
        <div className="muted small" data-testid="tree-search-summary">
          {found.entries.length}
          {found.truncated ? '+' : ''} {found.entries.length === 1 ? 'match' : 'matches'} for “{found.query}” {crumbs.length ? `in ${crumbs.join('/')}` : 'in the snapshot'}
        </div>
      )}
      <ul className="tree-list" aria-busy={loading}>
        {shown.map((e) => {
          const via = coveredBy(selected, e.path);
          const label = found && e.path.startsWith(prefix) ? e.path.slice(prefix.length) : e.name;
          return (
            <li key={e.path} data-testid="tree-entry" data-path={e.path} className={selected.has(e.path) || via ? 'picked' : undefined}>
              <input type="checkbox" checked={selected.has(e.path) || via !== null} disabled={via !== null} title={via ? `restored with ${via}` : undefined} onChange={() => onToggle(e.path)} aria-label={`Restore ${e.path}`} />
              <span className={`tree-icon ${e.type}`}>
                {e.type === 'dir' ? <Icon name="folder" /> : <FileGlyph />}
              </span>
              {e.type === 'dir' ? (
                <button type="button" className="link ellipsis" onClick={() => setPath(abs(e.path))}>
                  {label}/
                </button>
              ) : (
                <span className="ellipsis">{label}</span>
              )}
              <span className="faint num tree-size">{e.type === 'file' ? formatBytes(e.size) : e.type === 'dir' ? '' : e.type}</span>
              <span className="faint num tree-time">{formatDateTime(e.mtime)}</span>
            </li>
          );
        })}
        {!loading && shown.length === 0 && <li className="muted">{found ? 'Nothing matches.' : 'Empty.'}</li>}
      </ul>
      {!found && next !== null && (
        <button type="button" className="btn small" onClick={() => load(path, next)} disabled={loading} data-testid="tree-more">
          Load more
        </button>
      )}
    </div>
  );
}
