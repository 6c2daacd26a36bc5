import { PathField } from '../../components/PathField.js';
import { ConnectionTest } from './ConnectionTest.js';
import type { WorkloadForm } from './form-state.js';

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
