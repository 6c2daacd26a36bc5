import { datasetNameSchema } from '../../../../shared/contract/zfs.js';
import { PathField } from '../../../components/PathField.js';

export interface NewDatasetState {
  dataset: string;
  /** '' = where ZFS puts it (under its parent's mount point) */
  mountpoint: string;
  customMount: boolean;
  mountValid: boolean;
}

export const datasetProblem = (name: string): string | null => {
  const r = datasetNameSchema.safeParse(name);
  return r.success ? null : (r.error.issues[0]?.message ?? 'not a valid dataset name');
};

/** The default restore: a new dataset beside the original, which stays untouched. */
export function NewDatasetStep({ state, onPatch, how }: { state: NewDatasetState; onPatch(p: Partial<NewDatasetState>): void; how: string }) {
  const problem = datasetProblem(state.dataset);
  return (
    <div className="rw-section" data-testid="zfs-new-dataset">
      <p className="muted">{how} The original dataset and its snapshots are not touched.</p>
      <div className="field">
        <label htmlFor="zfs-new-name">New dataset</label>
        <input id="zfs-new-name" className="input mono" value={state.dataset} spellCheck={false} aria-invalid={problem ? true : undefined} onChange={(e) => onPatch({ dataset: e.target.value })} data-testid="zfs-new-name" />
        {problem ? <span className="error">{problem}</span> : <span className="hint">Must not exist yet; it is created in the same pool.</span>}
      </div>
      <div className="field">
        <span className="field-label">Mount point</span>
        <div className="segmented" role="group" aria-label="Mount point">
          <button type="button" aria-pressed={!state.customMount} onClick={() => onPatch({ customMount: false })}>
            Under its parent (ZFS default)
          </button>
          <button type="button" aria-pressed={state.customMount} onClick={() => onPatch({ customMount: true })} data-testid="zfs-mount-custom">
            A folder I choose
          </button>
        </div>
      </div>
      {state.customMount && (
        <PathField
          label="Mount it at"
          value={state.mountpoint}
          onChange={(mountpoint) => onPatch({ mountpoint })}
          expect="directory"
          mayNotExist
          placeholder="/srv/restored"
          hint="An empty or new folder."
          testId="zfs-mountpoint"
          onValidity={(mountValid) => onPatch({ mountValid })}
        />
      )}
    </div>
  );
}
