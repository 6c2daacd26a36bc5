import { Fragment, useCallback, useEffect, useState } from 'react';
import type { AppInfo, PasswordList } from '../../../shared/contract/index.js';
import { errorMessage, request, transport } from '../../api/index.js';

const STORE_LABEL = { 'os-keychain': 'OS keychain', 'session-memory': 'this session only' } as const;

/** Passphrases given through the app: where each is kept, and "forget". Never the passphrases themselves. */
function PasswordsCard() {
  const [list, setList] = useState<PasswordList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => request('listRepositoryPasswords', {}).then(setList, (e: unknown) => setError(errorMessage(e))), []);
  useEffect(() => void load(), [load]);
  const forget = async (name: string) => {
    try {
      await request('forgetRepositoryPassword', { name });
      await load();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="card" aria-label="Repository passphrases" data-testid="passwords-card">
      <div className="card-head">
        <h2>Repository passphrases</h2>
      </div>
      <div className="card-body">
        <p className="muted" data-testid="passwords-note">
          {list?.note ?? '…'}
        </p>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        {list && list.entries.length === 0 && <p className="muted">No passphrase is kept.</p>}
        {list && list.entries.length > 0 && (
          <dl className="kv" data-testid="passwords-list">
            {list.entries.map((e) => (
              <Fragment key={e.workload}>
                <dt data-testid="password-entry">{e.workload}</dt>
                <dd>
                  {STORE_LABEL[e.store]}{' '}
                  <button className="btn small" onClick={() => void forget(e.workload)} aria-label={`Forget the passphrase of ${e.workload}`} data-testid="password-forget" data-workload={e.workload}>
                    Forget
                  </button>
                </dd>
              </Fragment>
            ))}
          </dl>
        )}
      </div>
    </section>
  );
}

export function SettingsView() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    request('getAppInfo', {}).then(setInfo, (e: unknown) => setError(errorMessage(e)));
  }, []);
  return (
    <div className="page-inner">
      <header className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="sub">Where Tidemark keeps its data, and how this window talks to it.</p>
        </div>
      </header>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <section className="card" aria-label="About this installation">
        <div className="card-head">
          <h2>This installation</h2>
        </div>
        <div className="card-body">
          <dl className="kv" data-testid="app-info">
            <dt>Version</dt>
            <dd className="num">{info?.version ?? '…'}</dd>
            <dt>Data folder</dt>
            <dd className="mono">{info?.dataDir ?? '…'}</dd>
            <dt>Connection</dt>
            <dd>{transport === 'electron' ? 'Desktop app (secure IPC)' : 'Browser, through tidemark serve (WebSocket, token-protected, local only)'}</dd>
            <dt>Platform</dt>
            <dd>{info?.platform ?? '…'}</dd>
            <dt>Allowed folders</dt>
            <dd className="mono">{info ? (info.allowedRoots.length ? info.allowedRoots.join(', ') : 'any') : '…'}</dd>
            <dt>Appearance</dt>
            <dd>Follows your system's light or dark setting.</dd>
          </dl>
        </div>
      </section>
      <PasswordsCard />
    </div>
  );
}
