import { useEffect, useState } from 'react';
import type { PasswordList } from '../../../shared/contract/index.js';
import { request } from '../../api/index.js';
import { PathField } from '../../components/PathField.js';
import { ConnectionTest } from './ConnectionTest.js';
import { encryptionProblem, type WorkloadForm } from './form-state.js';

interface Props {
  form: WorkloadForm;
  set(patch: Partial<WorkloadForm>): void;
  validity(field: string): (valid: boolean) => void;
}

export function CasFields({ form, set, validity }: Props) {
  return (
    <>
      <div className="span-2">
        <PathField label="Folder to protect" value={form.source} onChange={(source) => set({ source })} expect="directory" placeholder="/home/me/projects" testId="field-source" hint="Every file below this folder is backed up." onValidity={validity('source')} />
      </div>
      <div className="span-2">
        <PathField label="Repository (optional)" value={form.repo} onChange={(repo) => set({ repo })} expect="directory" optional mayNotExist placeholder="stored in Tidemark's data folder" testId="field-repo" hint="Leave empty to keep backups in Tidemark's data folder." onValidity={validity('repo')} />
      </div>
      <label className="check span-2">
        <input type="checkbox" checked={form.encrypt} onChange={(e) => set({ encrypt: e.target.checked })} data-testid="field-encrypt" />
        Encrypt this repository
      </label>
      {form.encrypt && <CasEncryptionFields form={form} set={set} />}
    </>
  );
}

/** Passphrase (+ confirmation) or age recipients. The passphrase is sent on its own, never inside the workload. */
function CasEncryptionFields({ form, set }: Pick<Props, 'form' | 'set'>) {
  const [store, setStore] = useState<PasswordList | null>(null);
  useEffect(() => {
    request('listRepositoryPasswords', {}).then(setStore, () => setStore(null));
  }, []);
  const problem = encryptionProblem(form);
  const typed = form.encryptWith === 'passphrase' ? form.passphraseConfirm !== '' : form.recipients.trim() !== '';
  return (
    <>
      <div className="field span-2" role="radiogroup" aria-label="Unlocked by">
        <label className="check">
          <input type="radio" name="encrypt-with" checked={form.encryptWith === 'passphrase'} onChange={() => set({ encryptWith: 'passphrase' })} data-testid="field-encrypt-passphrase" />
          A passphrase
        </label>
        <label className="check">
          <input type="radio" name="encrypt-with" checked={form.encryptWith === 'recipients'} onChange={() => set({ encryptWith: 'recipients' })} data-testid="field-encrypt-recipients" />
          Age recipients (public keys)
        </label>
      </div>
      {form.encryptWith === 'passphrase' ? (
        <>
          <div className="field">
            <label htmlFor="enc-pass">Passphrase</label>
            <input id="enc-pass" className="input" type="password" autoComplete="new-password" value={form.passphrase} onChange={(e) => set({ passphrase: e.target.value })} data-testid="field-passphrase" />
          </div>
          <div className="field">
            <label htmlFor="enc-pass2">Passphrase again</label>
            <input id="enc-pass2" className="input" type="password" autoComplete="new-password" value={form.passphraseConfirm} aria-invalid={typed && problem ? true : undefined} onChange={(e) => set({ passphraseConfirm: e.target.value })} data-testid="field-passphrase-confirm" />
          </div>
          {store?.store === 'os-keychain' ? (
            <label className="check span-2">
              <input type="checkbox" checked={form.rememberPassphrase} onChange={(e) => set({ rememberPassphrase: e.target.checked })} data-testid="field-remember" />
              Remember in the OS keychain
            </label>
          ) : (
            <div className="field span-2">
              <span className="hint" data-testid="field-passphrase-note">
                {store?.note ?? ''} Without the passphrase, no one (Tidemark included) can read these backups.
              </span>
            </div>
          )}
        </>
      ) : (
        <div className="field span-2">
          <label htmlFor="enc-recipients">Age recipients, one per line</label>
          <textarea id="enc-recipients" className="textarea mono" rows={3} spellCheck={false} value={form.recipients} placeholder="age1…" aria-invalid={typed && problem ? true : undefined} onChange={(e) => set({ recipients: e.target.value })} data-testid="field-recipients" />
          <span className="hint">Whoever holds a matching age identity (AGE-SECRET-KEY-1…) can open the repository, with Tidemark or with the age tool. Tidemark asks for it when it opens the repository.</span>
        </div>
      )}
      {typed && problem && (
        <div className="field span-2">
          <span className="error" role="alert" data-testid="field-encrypt-error">
            {problem}
          </span>
        </div>
      )}
    </>
  );
}

export function DiskFields({ form, set, validity }: Props) {
  return (
    <>
      <div className="span-2">
        <PathField label="Disk image or block device" value={form.image} onChange={(image) => set({ image })} expect="file-or-device" placeholder="/var/lib/images/vm.img" testId="field-image" hint="Each backup is a compressed, checksummed copy of the whole image." onValidity={validity('image')} />
      </div>
      <div className="span-2">
        <PathField label="Snapshot folder (optional)" value={form.repo} onChange={(repo) => set({ repo })} expect="directory" optional mayNotExist placeholder="stored in Tidemark's data folder" testId="field-repo" onValidity={validity('repo')} />
      </div>
    </>
  );
}

export function ZfsFields({ form, set, validity }: Props) {
  return (
    <>
      <div className="field span-2">
        <label htmlFor="zfs-dataset">Dataset</label>
        <input id="zfs-dataset" className="input mono" value={form.dataset} placeholder="tank/home" spellCheck={false} onChange={(e) => set({ dataset: e.target.value })} data-testid="field-dataset" />
        <span className="hint">Snapshots of this dataset are taken locally{form.remote ? ' and replicated over SSH' : ''}.</span>
      </div>
      <label className="check span-2">
        <input type="checkbox" checked={form.remote} onChange={(e) => set({ remote: e.target.checked })} data-testid="field-remote-enabled" />
        Replicate to a remote pool over SSH
      </label>
      {form.remote && (
        <>
          <div className="field">
            <label htmlFor="zfs-user">SSH user</label>
            <input id="zfs-user" className="input" value={form.user} onChange={(e) => set({ user: e.target.value })} data-testid="field-remote-user" />
          </div>
          <div className="form-grid nested">
            <div className="field">
              <label htmlFor="zfs-host">Host</label>
              <input id="zfs-host" className="input" value={form.host} onChange={(e) => set({ host: e.target.value })} data-testid="field-remote-host" />
            </div>
            <div className="field">
              <label htmlFor="zfs-port">Port</label>
              <input id="zfs-port" className="input" inputMode="numeric" value={form.port} onChange={(e) => set({ port: e.target.value })} data-testid="field-remote-port" />
            </div>
          </div>
          <div className="field">
            <label htmlFor="zfs-rds">Remote dataset</label>
            <input id="zfs-rds" className="input mono" value={form.remoteDataset} placeholder="backup/home" spellCheck={false} onChange={(e) => set({ remoteDataset: e.target.value })} data-testid="field-remote-dataset" />
          </div>
          <PathField label="Private key (optional)" value={form.identity} onChange={(identity) => set({ identity })} expect="file" optional placeholder="/root/.ssh/id_ed25519" testId="field-identity" onValidity={validity('identity')} />
          <ConnectionTest form={form} />
        </>
      )}
    </>
  );
}
