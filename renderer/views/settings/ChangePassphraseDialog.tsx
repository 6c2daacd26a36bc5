import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PasswordStoreKind } from '../../../shared/contract/index.js';
import { errorMessage, request } from '../../api/index.js';

interface Props {
  /** the encrypted workload whose passphrase changes; null: closed */
  workload: string | null;
  /** where passphrases given in the app are kept here (the keychain offers "remember") */
  store: PasswordStoreKind | undefined;
  onClose(changed: boolean): void;
}

/**
 * Current passphrase, new one twice. The server checks the current one against the repository and
 * writes a key file for the new one before it removes the old (nothing changes when it refuses); the
 * new one is then kept as a passphrase given in the app is.
 */
export function ChangePassphraseDialog({ workload, store, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [remember, setRemember] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (workload && !d.open) d.showModal();
    if (!workload && d.open) d.close();
    setCurrent('');
    setNext('');
    setAgain('');
    setError(null);
  }, [workload]);

  const mismatch = again !== '' && again !== next;
  const ready = current !== '' && next !== '' && next === again;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!workload || !ready) return;
    setBusy(true);
    setError(null);
    try {
      await request('changeRepositoryPassword', { name: workload, current, next, remember: remember && store === 'os-keychain' });
      onClose(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="change-passphrase-title" onCancel={(e) => (e.preventDefault(), !busy && onClose(false))} data-testid="change-passphrase-dialog">
      <form onSubmit={submit}>
        <div className="dialog-body">
          <h2 id="change-passphrase-title">New passphrase for {workload}</h2>
          <p className="muted">Everything already backed up stays readable with the new passphrase; the current one stops working. Age identities that open this repository are not affected.</p>
          <div className="field">
            <label htmlFor="change-current">Current passphrase</label>
            <input id="change-current" className="input" type="password" autoComplete="current-password" value={current} autoFocus onChange={(e) => setCurrent(e.target.value)} data-testid="change-current" />
          </div>
          <div className="field">
            <label htmlFor="change-next">New passphrase</label>
            <input id="change-next" className="input" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="change-next" />
          </div>
          <div className="field">
            <label htmlFor="change-again">New passphrase, again</label>
            <input id="change-again" className="input" type="password" autoComplete="new-password" value={again} aria-invalid={mismatch || undefined} onChange={(e) => setAgain(e.target.value)} data-testid="change-again" />
            {mismatch && <span className="error">The two new passphrases differ.</span>}
          </div>
          {error && (
            <div className="alert" role="alert" data-testid="change-error">
              {error}
            </div>
          )}
          {store === 'os-keychain' && (
            <label className="check">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
              Remember the new one in the OS keychain
            </label>
          )}
        </div>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => onClose(false)} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy || !ready} data-testid="change-submit">
            {busy ? 'Changing…' : 'Change passphrase'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
