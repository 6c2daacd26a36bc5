import { useState } from 'react';
import type { ZfsCapabilities, ZfsConnectionTest } from '../../../shared/contract/zfs.js';
import { ApiError, errorMessage, requestOptional } from '../../api/index.js';
import type { WorkloadForm } from './form-state.js';
import { toAddInput } from './form-state.js';

const FEATURES: [keyof ZfsCapabilities, string][] = [
  ['listParsable', 'exact sizes (list -p)'],
  ['sendDryRun', 'size estimates (send -n)'],
  ['recvResumable', 'resumable transfers'],
  ['bookmarks', 'bookmarks'],
  ['holds', 'holds'],
  ['destroyRange', 'range deletes'],
];

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'unknown-key'; fingerprint: string; host: string } | { kind: 'ok'; result: ZfsConnectionTest } | { kind: 'error'; message: string };

/** Connects to the remote, shows the host key on first contact (pinned only when the user accepts it) and what its zfs can do. */
export function ConnectionTest({ form }: { form: WorkloadForm }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const input = toAddInput(form);
  const remote = input.engine === 'zfs' ? input.config.remote : undefined;

  const run = async (acceptHostKey?: string) => {
    if (!remote) return;
    setState({ kind: 'busy' });
    try {
      const result = await requestOptional<ZfsConnectionTest>('testConnection', { ...remote, ...(acceptHostKey ? { acceptHostKey } : {}) });
      setState({ kind: 'ok', result });
    } catch (e) {
      const d = e instanceof ApiError ? (e.details as { fingerprint?: string; host?: string } | undefined) : undefined;
      if (e instanceof ApiError && e.code === 'needs-confirmation' && d?.fingerprint) setState({ kind: 'unknown-key', fingerprint: d.fingerprint, host: d.host ?? remote.host });
      else setState({ kind: 'error', message: errorMessage(e) });
    }
  };

  return (
    <div className="conn-test span-2" data-testid="connection-test">
      <button type="button" className="btn" onClick={() => run()} disabled={!remote || !remote.host || !remote.dataset || state.kind === 'busy'} data-testid="test-connection">
        {state.kind === 'busy' ? 'Connecting…' : 'Test connection'}
      </button>
      {state.kind === 'unknown-key' && (
        <div className="conn-box warn" role="alert" data-testid="host-key-prompt">
          <strong>First contact with {state.host}.</strong> Its host key fingerprint is
          <code className="fingerprint" data-testid="host-key-fingerprint">
            {state.fingerprint}
          </code>
          Check it on that machine (<code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>) before you trust it.
          <div className="form-actions">
            <button type="button" className="btn primary" onClick={() => run(state.fingerprint)} data-testid="accept-host-key">
              Trust this host key
            </button>
          </div>
        </div>
      )}
      {state.kind === 'error' && (
        <div className="alert" role="alert" data-testid="connection-error">
          {state.message}
        </div>
      )}
      {state.kind === 'ok' && (
        <div className="conn-box ok" data-testid="connection-ok">
          <strong>Connected to {state.result.host}.</strong> Host key <code className="fingerprint">{state.result.fingerprint}</code>
          {state.result.newlyPinned ? ' is now pinned.' : ' matches the pinned one.'}{' '}
          {state.result.datasetExists ? 'The remote dataset exists.' : 'The remote dataset will be created by the first transfer.'}
          <ul className="caps" aria-label="Remote zfs capabilities">
            {FEATURES.map(([k, label]) => (
              <li key={k} className={state.result.capabilities[k] ? 'yes' : 'no'}>
                {state.result.capabilities[k] ? '✓' : '–'} {label}
              </li>
            ))}
          </ul>
          {state.result.capabilities.notes.length > 0 && (
            <ul className="cap-notes muted">
              {state.result.capabilities.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
