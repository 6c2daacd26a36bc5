import { Fragment, useCallback, useEffect, useState } from 'react';
import type { AppInfo, PasswordList } from '../../../shared/contract/index.js';
import { errorMessage, request, transport } from '../../api/index.js';
import { useStore } from '../../store/index.js';
import { ChangePassphraseDialog } from './ChangePassphraseDialog.js';

const STORE_LABEL = { 'os-keychain': 'OS keychain', 'session-memory': 'this session only' } as const;

/**
 * Encrypted folder backups: where each one's passphrase is kept (never the passphrase itself), "forget",
 * and "change passphrase".
 */
function PasswordsCard() {
  const [list, setList] = useState<PasswordList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changing, setChanging] = useState<string | null>(null);
  const pushToast = useStore((s) => s.pushToast);
  const workloads = useStore((s) => s.workloads);
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
  const kept = new Map(list?.entries.map((e) => [e.workload, e.store]));
  const encrypted = workloads.filter((w) => w.engine === 'cas' && w.config.encrypted).map((w) => w.name);
  // a passphrase kept for a name with no workload (given before adding it) is listed too
  const names = [...new Set([...encrypted, ...kept.keys()])];
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
        {list && names.length === 0 && <p className="muted">No encrypted repository, and no passphrase kept.</p>}
        {list && names.length > 0 && (
          <dl className="kv" data-testid="passwords-list">
            {names.map((name) => {
              const store = kept.get(name);
              return (
                <Fragment key={name}>
                  <dt data-testid="password-entry">{name}</dt>
                  <dd>
                    {store ? STORE_LABEL[store] : 'not kept: asked when needed'}{' '}
                    {encrypted.includes(name) && (
                      <button className="btn small" onClick={() => setChanging(name)} aria-label={`Change the passphrase of ${name}`} data-testid="password-change" data-workload={name}>
                        Change…
                      </button>
                    )}{' '}
                    {store && (
                      <button className="btn small" onClick={() => void forget(name)} aria-label={`Forget the passphrase of ${name}`} data-testid="password-forget" data-workload={name}>
                        Forget
                      </button>
                    )}
                  </dd>
                </Fragment>
              );
            })}
          </dl>
        )}
      </div>
      <ChangePassphraseDialog
        workload={changing}
        store={list?.store}
        onClose={(changed) => {
          if (changed) {
            pushToast({ kind: 'success', title: `Passphrase of ${changing} changed`, body: 'The old passphrase no longer opens its repository.' });
            void load();
          }
          setChanging(null);
        }}
      />
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
