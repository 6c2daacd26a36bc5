// Step 1 of both engine wizards: one snapshot out of a list (newest first), as radio rows.
import type { ReactNode } from 'react';
import type { Snapshot } from '../../../../shared/domain.js';
import { formatDateTime } from '../../../lib/time.js';

interface Props {
  label: string;
  snapshots: readonly Snapshot[];
  selected: string | null;
  onSelect(id: string): void;
  /** the row's main line after the date (zfs: dataset@name; disk: size) */
  describe(s: Snapshot): ReactNode;
  empty: string;
}

export function SnapshotChoice({ label, snapshots, selected, onSelect, describe, empty }: Props) {
  if (snapshots.length === 0) return <p className="muted">{empty}</p>;
  return (
    <fieldset className="rw-choice">
      <legend className="field-label">{label}</legend>
      <div className="rw-choice-list" role="radiogroup" aria-label={label}>
        {snapshots.map((s) => (
          <label key={s.id} className={s.id === selected ? 'rw-choice-row selected' : 'rw-choice-row'} data-testid="wizard-snapshot" data-snapshot={s.id}>
            <input type="radio" name={label} checked={s.id === selected} onChange={() => onSelect(s.id)} />
            <span className="num rw-when">{formatDateTime(s.createdAt)}</span>
            <span className="rw-what ellipsis">{describe(s)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
