import { PathField } from '../../../components/PathField.js';

export const CONFLICTS = [
  { id: 'fail', label: 'Stop', text: 'Nothing is written if a file is already there.' },
  { id: 'skip', label: 'Keep what is there', text: 'Existing files are left alone; only missing ones are restored.' },
  { id: 'keep-both', label: 'Keep both', text: 'The restored copy gets a “.restored-…” suffix next to the existing file.' },
  { id: 'overwrite', label: 'Overwrite', text: 'Existing files are replaced by the snapshot’s version.' },
] as const;
export type Conflict = (typeof CONFLICTS)[number]['id'];

export interface Dest {
  kind: 'original' | 'folder';
  folder: string;
  folderValid: boolean;
  conflict: Conflict;
}

/** Step 3: where the files go (their original place or another folder) and what happens on a clash. */
export function Destination({ source, dest, onChange }: { source: string; dest: Dest; onChange(update: (d: Dest) => Dest): void }) {
  // updates by function: PathField reports validity from a timer, after later edits may have landed
  const set = (patch: Partial<Dest>) => onChange((d) => ({ ...d, ...patch }));
  return (
    <div className="rc-stack">
      <fieldset className="rc-fieldset">
        <legend>Restore to</legend>
        <label className={dest.kind === 'original' ? 'rc-choice selected' : 'rc-choice'}>
          <input type="radio" name="rc-dest" checked={dest.kind === 'original'} onChange={() => set({ kind: 'original' })} data-testid="dest-original" />
          <span className="rc-choice-main">
            <strong>The original place</strong>
            <span className="muted mono rc-choice-sub">{source}</span>
          </span>
        </label>
        <label className={dest.kind === 'folder' ? 'rc-choice selected' : 'rc-choice'}>
          <input type="radio" name="rc-dest" checked={dest.kind === 'folder'} onChange={() => set({ kind: 'folder' })} data-testid="dest-folder" />
          <span className="rc-choice-main">
            <strong>Another folder</strong>
            <span className="muted rc-choice-sub">The snapshot’s folders are recreated inside it.</span>
          </span>
        </label>
        {dest.kind === 'folder' && (
          <div className="rc-indent">
            <PathField label="Folder" value={dest.folder} onChange={(folder) => set({ folder })} expect="directory" mayNotExist placeholder="/home/me/restored" hint="Created when missing." testId="restore-target" onValidity={(folderValid) => set({ folderValid })} />
          </div>
        )}
      </fieldset>
      <fieldset className="rc-fieldset">
        <legend>When a file is already there</legend>
        <div className="rc-grid2" role="radiogroup">
          {CONFLICTS.map((c) => (
            <label key={c.id} className={dest.conflict === c.id ? 'rc-choice selected' : 'rc-choice'} data-testid={`conflict-${c.id}`}>
              <input type="radio" name="rc-conflict" checked={dest.conflict === c.id} onChange={() => set({ conflict: c.id })} />
              <span className="rc-choice-main">
                <strong>{c.label}</strong>
                <span className="muted rc-choice-sub">{c.text}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {dest.kind === 'original' && dest.conflict === 'overwrite' && (
        <div className="alert warn" role="alert">
          Files in {source} that differ from the snapshot will be replaced. Files that are not in the snapshot are left alone.
        </div>
      )}
    </div>
  );
}
