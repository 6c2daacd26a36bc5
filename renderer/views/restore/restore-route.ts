// Where the Restore page is: `#/restore/file[/<workload>]` (find a file) or `#/restore/snapshot[/<id>]`.

export type RestoreRoute = { mode: 'file'; workload: string | null } | { mode: 'snapshot'; snapshotId: string | null };

export function parseRestoreParam(param: string | null): RestoreRoute {
  const [mode, ...rest] = (param ?? '').split('/');
  const arg = rest.join('/') || null;
  return mode === 'snapshot' ? { mode: 'snapshot', snapshotId: arg } : { mode: 'file', workload: mode === 'file' ? arg : null };
}

export function restoreParam(r: RestoreRoute): string {
  const arg = r.mode === 'snapshot' ? r.snapshotId : r.workload;
  return arg ? `${r.mode}/${arg}` : r.mode;
}
