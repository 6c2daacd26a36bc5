import { useEffect, useMemo, useState } from 'react';
import type { Snapshot } from '../../../shared/domain.js';
import { request } from '../../api/index.js';
import { plainSnapshot } from '../../store/snapshot-columns.js';

/**
 * The store's snapshots carry no engine extras (they arrive in columns); the details panel gets them
 * from getSnapshot. Only `meta` is taken from the fetched copy, so edits applied to the store (tags,
 * notes) show at once and an answer for a previous selection is never shown.
 */
export function useFullSnapshot(selected: Snapshot | null): Snapshot | null {
  const [fetched, setFetched] = useState<{ id: string; meta: Snapshot['meta'] } | null>(null);
  const id = selected?.id;
  useEffect(() => {
    if (!id) return;
    let live = true;
    request('getSnapshot', { id }).then(
      (full) => live && setFetched({ id, meta: full.meta }),
      () => {}, // the panel still shows everything but the engine extras
    );
    return () => void (live = false);
  }, [id]);
  return useMemo(() => (selected && fetched?.id === selected.id ? { ...plainSnapshot(selected), meta: fetched.meta } : selected), [selected, fetched]);
}
