import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { nameSchema, type Engine } from '../../../shared/domain.js';
import { errorMessage, request } from '../../api/index.js';
import { useStore } from '../../store/index.js';
import { CasFields, DiskFields, ZfsFields } from './EngineFields.js';
import { EMPTY_FORM, encryptionProblem, formPassphrase, toAddInput, type WorkloadForm } from './form-state.js';
import { POLICY_PRESETS, SCHEDULE_OPTIONS } from './presets.js';

const ENGINES: { id: Engine; label: string; hint: string }[] = [
  { id: 'cas', label: 'Folder', hint: 'Deduplicated, compressed backups of a folder tree' },
  { id: 'disk', label: 'Disk image', hint: 'Checksummed snapshots of an image file or block device' },
  { id: 'zfs', label: 'ZFS dataset', hint: 'ZFS snapshots, optionally replicated over SSH' },
];

/** Path fields that must be valid before the form can be sent, per engine. */
const REQUIRED_PATHS: Record<Engine, string[]> = { cas: ['source', 'repo'], disk: ['image', 'repo'], zfs: ['identity'] };

export function AddWorkloadForm({ onDone }: { onDone(name: string | null): void }) {
  const [form, setForm] = useState<WorkloadForm>(EMPTY_FORM);
  const [valid, setValid] = useState<Record<string, boolean>>({ repo: true, identity: true });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loadWorkloads = useStore((s) => s.loadWorkloads);
  const pushToast = useStore((s) => s.pushToast);

  const set = useCallback((patch: Partial<WorkloadForm>) => setForm((f) => ({ ...f, ...patch })), []);
  const validity = useCallback((field: string) => (ok: boolean) => setValid((v) => (v[field] === ok ? v : { ...v, [field]: ok })), []);
  // Stable per field, so PathField's effect does not re-run on every render.
  const validators = useMemo(() => ({ source: validity('source'), repo: validity('repo'), image: validity('image'), identity: validity('identity') }), [validity]);
  const fieldValidity = useCallback((field: string) => validators[field as keyof typeof validators] ?? validity(field), [validators, validity]);

  const nameCheck = form.name === '' ? null : nameSchema.safeParse(form.name);
  const nameError = nameCheck && !nameCheck.success ? (nameCheck.error.issues[0]?.message ?? 'not a valid name') : null;
  const zfsReady = form.engine !== 'zfs' || (form.dataset.trim() !== '' && (!form.remote || (form.host.trim() !== '' && form.remoteDataset.trim() !== '')));
  const pathsReady = REQUIRED_PATHS[form.engine].every((f) => valid[f] === true || (f === 'identity' && !form.remote));
  const ready = form.name !== '' && !nameError && zfsReady && pathsReady && !encryptionProblem(form) && !busy;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const w = await addWithPassphrase(form);
      await loadWorkloads();
      pushToast({ kind: 'success', title: `Added ${w.name}`, body: 'Back it up now, or let its schedule do it.' });
      onDone(w.name);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const Fields = form.engine === 'cas' ? CasFields : form.engine === 'disk' ? DiskFields : ZfsFields;
  return (
    <form className="card add-form" onSubmit={submit} aria-labelledby="add-title" data-testid="add-workload-form">
      <div className="card-head">
        <h2 id="add-title">Add a workload</h2>
      </div>
      <div className="card-body form-grid">
        <div className="field span-2">
          <span className="field-label" id="engine-label">
            What do you want to protect?
          </span>
          <div className="engine-picker" role="radiogroup" aria-labelledby="engine-label">
            {ENGINES.map((en) => (
              <button
                type="button"
                key={en.id}
                role="radio"
                aria-checked={form.engine === en.id}
                className="engine-option"
                onClick={() => set({ engine: en.id, repo: '' })}
                data-testid={`engine-${en.id}`}
              >
                <strong>{en.label}</strong>
                <span>{en.hint}</span>
              </button>
            ))}
          </div>
        </div>
        <div className="field span-2">
          <label htmlFor="wl-name">Name</label>
          <input id="wl-name" className="input" value={form.name} autoFocus placeholder="documents" aria-invalid={nameError ? true : undefined} onChange={(e) => set({ name: e.target.value })} data-testid="field-name" />
          {nameError ? <span className="error">{nameError}</span> : <span className="hint">Used on the command line too: letters, digits, dot, dash, underscore.</span>}
        </div>
        <Fields key={form.engine} form={form} set={set} validity={fieldValidity} />
        <div className="field">
          <label htmlFor="wl-schedule">Schedule</label>
          <select id="wl-schedule" className="select" value={form.schedule} onChange={(e) => set({ schedule: e.target.value })} data-testid="field-schedule">
            {SCHEDULE_OPTIONS.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="wl-policy">Retention</label>
          <select id="wl-policy" className="select" value={form.preset} onChange={(e) => set({ preset: e.target.value })} data-testid="field-policy">
            {POLICY_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label} — {p.description}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <div className="alert span-2" role="alert" data-testid="add-error">
            {error}
          </div>
        )}
      </div>
      <div className="card-body form-actions with-border">
        <button type="button" className="btn" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" className="btn primary" disabled={!ready} data-testid="add-submit">
          {busy ? 'Adding…' : 'Add workload'}
        </button>
      </div>
    </form>
  );
}

/**
 * The passphrase goes first, on its own (never inside the workload, which the catalog stores);
 * addWorkload then creates the repository with it, or checks it against an existing one.
 */
async function addWithPassphrase(form: WorkloadForm) {
  const input = toAddInput(form);
  const password = formPassphrase(form);
  if (password === null) return request('addWorkload', input);
  if (useStore.getState().workloads.some((w) => w.name === input.name)) throw new Error(`a workload named "${input.name}" already exists`);
  await request('setRepositoryPassword', { name: input.name, password, remember: form.rememberPassphrase });
  try {
    return await request('addWorkload', input);
  } catch (err) {
    await request('forgetRepositoryPassword', { name: input.name }).catch(() => undefined);
    throw err;
  }
}
