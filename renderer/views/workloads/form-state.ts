import type { AddWorkloadInput } from '../../../shared/contract/index.js';
import { ageRecipientSchema, type Engine } from '../../../shared/domain.js';
import { POLICY_PRESETS, SCHEDULE_OPTIONS } from './presets.js';

export interface WorkloadForm {
  name: string;
  engine: Engine;
  source: string;
  repo: string;
  image: string;
  dataset: string;
  remote: boolean;
  user: string;
  host: string;
  port: string;
  remoteDataset: string;
  identity: string;
  schedule: string;
  preset: string;
  /** cas: encrypt the repository, unlocked by a passphrase or by the age identity of one of the recipients */
  encrypt: boolean;
  encryptWith: 'passphrase' | 'recipients';
  passphrase: string;
  passphraseConfirm: string;
  rememberPassphrase: boolean;
  /** one age1… per line */
  recipients: string;
}

export const EMPTY_FORM: WorkloadForm = {
  name: '',
  engine: 'cas',
  source: '',
  repo: '',
  image: '',
  dataset: '',
  remote: false,
  user: 'root',
  host: '127.0.0.1',
  port: '22',
  remoteDataset: '',
  identity: '',
  schedule: 'manual',
  preset: 'default',
  encrypt: false,
  encryptWith: 'passphrase',
  passphrase: '',
  passphraseConfirm: '',
  rememberPassphrase: true,
  recipients: '',
};

export const recipientLines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

/** Why the encryption part cannot be sent yet, or null (an empty passphrase says nothing until typed). */
export function encryptionProblem(f: WorkloadForm): string | null {
  if (f.engine !== 'cas' || !f.encrypt) return null;
  if (f.encryptWith === 'passphrase') {
    if (f.passphrase === '') return 'a passphrase is required';
    return f.passphraseConfirm !== f.passphrase ? 'the two passphrases differ' : null;
  }
  const lines = recipientLines(f.recipients);
  if (lines.length === 0) return 'at least one age recipient (age1…) is required';
  const bad = lines.find((l) => !ageRecipientSchema.safeParse(l).success);
  return bad ? `not an age recipient: ${bad.length > 24 ? `${bad.slice(0, 24)}…` : bad}` : null;
}

/** The passphrase the add form gives the server before adding the workload (never part of addWorkload's input). */
export const formPassphrase = (f: WorkloadForm): string | null => (f.engine === 'cas' && f.encrypt && f.encryptWith === 'passphrase' ? f.passphrase : null);

/** Completion leaves folders with a trailing slash; the stored path should not carry it. */
export const cleanPath = (s: string) => s.trim().replace(/(.)\/+$/, '$1');
const opt = (s: string) => (s.trim() === '' ? undefined : cleanPath(s));

const casEncryption = (f: WorkloadForm) => (!f.encrypt ? {} : f.encryptWith === 'recipients' ? { encrypted: true, recipients: recipientLines(f.recipients) } : { encrypted: true });

/** The form as the addWorkload input; the server's schema has the final word on every field. */
export function toAddInput(f: WorkloadForm): AddWorkloadInput {
  const policy = POLICY_PRESETS.find((p) => p.id === f.preset)?.policy;
  const schedule = SCHEDULE_OPTIONS.find((s) => s.id === f.schedule)?.schedule ?? null;
  const common = { name: f.name.trim(), ...(policy ? { policy } : {}), schedule };
  switch (f.engine) {
    case 'cas':
      return { ...common, engine: 'cas', config: { source: cleanPath(f.source), ...(opt(f.repo) ? { repo: opt(f.repo) } : {}), ...casEncryption(f) } };
    case 'disk':
      return { ...common, engine: 'disk', config: { image: cleanPath(f.image), ...(opt(f.repo) ? { repo: opt(f.repo) } : {}) } };
    case 'zfs':
      return {
        ...common,
        engine: 'zfs',
        config: {
          dataset: f.dataset.trim(),
          ...(f.remote
            ? {
                remote: {
                  user: f.user.trim(),
                  host: f.host.trim(),
                  port: Number(f.port) || 22,
                  dataset: f.remoteDataset.trim(),
                  ...(opt(f.identity) ? { identity: opt(f.identity) } : {}),
                },
              }
            : {}),
        },
      };
  }
}
