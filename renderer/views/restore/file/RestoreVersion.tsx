import { useState } from 'react';
import type { CasPathVersion } from '../../../../shared/contract/cas.js';
import type { Job } from '../../../../shared/domain.js';
import { formatBytes } from '../../../../shared/format.js';
import { request } from '../../../api/index.js';
import { PathField } from '../../../components/PathField.js';
import { formatDateTime } from '../../../lib/time.js';
import { cleanPath } from '../../workloads/form-state.js';
import { fileNameProblem, splitFile, versionName } from '../file-names.js';

type Where = 'beside' | 'folder' | 'replace';

interface Props {
  version: CasPathVersion;
  path: string;
  /** where the file lives on this machine (the workload's source + path) */
  original: string;
  source: string;
  running: boolean;
  onStart(submit: () => Promise<Job>): void;
}

/** Step 3: next to the original under a dated name (the default), into another folder, or over the original with consent. */
export function RestoreVersion({ version, path, original, source, running, onStart }: Props) {
  const { dir, name } = splitFile(original);
  const [where, setWhere] = useState<Where>('beside');
  const [folder, setFolder] = useState('');
  const [folderValid, setFolderValid] = useState(false);
  const [fileName, setFileName] = useState(versionName(name, version.createdAt));
  const [consent, setConsent] = useState(false);
  const nameProblem = fileNameProblem(fileName);
  const ready = where === 'beside' ? !nameProblem : where === 'folder' ? !nameProblem && folderValid && folder !== '' : consent;

  const submit = () =>
    where === 'replace'
      ? request('startRestore', { snapshotId: version.snapshotId, target: source, include: [path], conflict: 'overwrite' })
      : request('startRestoreFile', { snapshotId: version.snapshotId, path, dir: where === 'beside' ? dir : cleanPath(folder), fileName });
  const option = (id: Where, title: string, sub: string) => (
    <label className={where === id ? 'rc-choice selected' : 'rc-choice'}>
      <input type="radio" name="rc-where" checked={where === id} onChange={() => setWhere(id)} data-testid={`where-${id}`} />
      <span className="rc-choice-main">
        <strong>{title}</strong>
        <span className="muted rc-choice-sub">{sub}</span>
      </span>
    </label>
  );

  const nameField = (
    <div className={where === 'beside' ? 'rc-indent field' : 'field'}>
      <label htmlFor="rc-filename">File name</label>
      <input id="rc-filename" className="input mono" value={fileName} onChange={(e) => setFileName(e.target.value)} aria-invalid={nameProblem ? true : undefined} data-testid="version-name" />
      {nameProblem ? <span className="error">{nameProblem}</span> : <span className="hint mono ellipsis" data-testid="version-dest">{`${where === 'beside' ? dir : cleanPath(folder) || '…'}/${fileName}`}</span>}
    </div>
  );

  return (
    <div className="rc-stack">
      <div className="rc-context">
        <strong className="mono">{path}</strong>
        <span className="muted">
          {' '}
          · version of <span className="num">{formatDateTime(version.createdAt)}</span> · {formatBytes(version.entry.size)}
        </span>
      </div>
      <fieldset className="rc-fieldset" disabled={running}>
        <legend>Put it</legend>
        {option('beside', 'Next to the original', `In ${dir}, under a name with the snapshot’s date; the current file is not touched.`)}
        {where === 'beside' && nameField}
        {option('folder', 'In another folder', 'Any folder Tidemark may use.')}
        {where === 'folder' && (
          <div className="rc-indent rc-stack">
            <PathField label="Folder" value={folder} onChange={setFolder} expect="directory" placeholder="/home/me/restored" testId="version-folder" onValidity={setFolderValid} />
            {nameField}
          </div>
        )}
        {option('replace', 'Over the original', `Replaces ${original} with this version.`)}
        {where === 'replace' && (
          <label className="rc-indent rc-consent">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="replace-consent" />
            <span>I want {name} replaced by the version of {formatDateTime(version.createdAt)}; its current content will be lost.</span>
          </label>
        )}
      </fieldset>
      {!running && (
        <div className="form-actions">
          <button className="btn primary" disabled={!ready} onClick={() => onStart(submit)} data-testid="version-restore">
            Restore this version
          </button>
        </div>
      )}
    </div>
  );
}
