import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/contract/index.js';
import { errorMessage, request, transport } from '../../api/index.js';

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
    </div>
  );
}
