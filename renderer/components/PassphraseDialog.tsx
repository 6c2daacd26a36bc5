import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { PasswordState } from '../../shared/contract/index.js';
import { errorMessage, request, setPasswordPrompt } from '../api/index.js';
import { useStore } from '../store/index.js';

interface Ask {
  workload: string;
  resolve: ((given: boolean) => void)[];
}

/**
 * Mounted once. Any call that fails because an encrypted repository's passphrase is missing opens it
 * (renderer/api `request`); the server checks the passphrase before keeping it, so a wrong one is
 * said here and asked again, and the original action runs once it is right.
 */
export function PassphraseDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  const [queue, setQueue] = useState<Ask[]>([]);
  const [state, setState] = useState<PasswordState | null>(null);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ask = queue[0] ?? null;
  const asking = ask?.workload ?? null; // a second caller waiting for the same workload must not reset the field
  const workload = useStore((s) => (ask ? s.workloads.find((w) => w.name === ask.workload) : undefined));
  const identityToo = workload?.engine === 'cas' && !!workload.config.recipients;

  useEffect(() => {
    setPasswordPrompt(
      (name) =>
        new Promise<boolean>((resolve) =>
          setQueue((q) => {
            const same = q.find((a) => a.workload === name);
            if (same) return q.map((a) => (a === same ? { ...a, resolve: [...a.resolve, resolve] } : a));
            return [...q, { workload: name, resolve: [resolve] }];
          }),
        ),
    );
    return () => setPasswordPrompt(null);
  }, []);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (asking && !d.open) d.showModal();
    if (!asking && d.open) d.close();
    setPassword('');
    setError(null);
    setState(null);
    if (asking) request('getRepositoryPasswordState', { name: asking }).then(setState, () => setState(null));
  }, [asking]);

  const finish = useCallback((given: boolean) => {
    setQueue(([first, ...rest]) => {
      for (const r of first?.resolve ?? []) r(given);
      return rest;
    });
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ask || password === '') return;
    setBusy(true);
    setError(null);
    try {
      await request('setRepositoryPassword', { name: ask.workload, password, remember: remember && state?.store === 'os-keychain' });
      finish(true);
    } catch (err) {
      setError(errorMessage(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="passphrase-title" onCancel={(e) => (e.preventDefault(), !busy && finish(false))} data-testid="passphrase-dialog">
      <form onSubmit={submit}>
        <div className="dialog-body">
          <h2 id="passphrase-title">Passphrase for {ask?.workload}</h2>
          <p className="muted">Its repository is encrypted. Tidemark needs the passphrase{identityToo ? ' (or an age identity, AGE-SECRET-KEY-1…, matching one of its recipients)' : ''} to read or write it.</p>
          <div className="field">
            <label htmlFor="passphrase-input">{identityToo ? 'Passphrase or age identity' : 'Passphrase'}</label>
            <input
              id="passphrase-input"
              className="input"
              type="password"
              autoComplete="off"
              value={password}
              autoFocus
              aria-invalid={error ? true : undefined}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="passphrase-input"
            />
            {error && (
              <span className="error" role="alert" data-testid="passphrase-error">
                {error}
              </span>
            )}
          </div>
          {state?.store === 'os-keychain' ? (
            <label className="check">
              <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} data-testid="passphrase-remember" />
              Remember in the OS keychain
            </label>
          ) : (
            <p className="hint muted" data-testid="passphrase-note">
              {state?.note ?? ''}
            </p>
          )}
        </div>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => finish(false)} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy || password === ''} data-testid="passphrase-submit">
            {busy ? 'Checking…' : 'Unlock'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
