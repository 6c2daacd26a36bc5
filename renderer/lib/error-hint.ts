import type { Job } from '../../shared/domain.js';

const HINTS: Record<string, string> = {
  io: 'Check that the path still exists, that the disk is not full, and that Tidemark may read and write it.',
  remote: 'Check that the remote host is reachable over SSH, that the key is accepted, and that ZFS is installed there.',
  corrupt: 'The stored data failed a check. Run a deep verify, and keep the affected backups until you know what changed.',
  conflict: 'Something with the same name or target already exists. Choose another target or confirm overwriting it.',
  forbidden: 'The path is outside the folders Tidemark may use. Pick a path under an allowed folder (see Settings).',
  'needs-confirmation': 'This would remove a lot of data. Review what it does and confirm explicitly.',
  'not-found': 'It no longer exists. Refresh the workload to re-read what is actually there.',
  internal: 'This is a bug in Tidemark. The log below says what happened; please report it.',
};

/** What the user can do about a failed job: the engine's own hint when it gave one, else one per error code. */
export function errorHint(error: NonNullable<Job['error']>): string | null {
  return error.hint ?? HINTS[error.code] ?? null;
}
