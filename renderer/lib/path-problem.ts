import type { PathCheck } from '../../shared/contract/index.js';

export type PathExpectation = 'directory' | 'file' | 'file-or-device' | 'any';

const KIND_WORD: Record<NonNullable<PathCheck['kind']>, string> = { directory: 'folder', file: 'file', 'block-device': 'block device', other: 'special file' };

/** What the server said about a path, as one line for the user (null = fine). */
export function pathProblem(c: PathCheck, expect: PathExpectation, mayNotExist: boolean): string | null {
  if (!c.allowed) return c.message ?? 'This path is outside the folders Tidemark may use.';
  if (!c.exists) return mayNotExist ? null : (c.message ?? 'Nothing exists at this path.');
  if (!c.readable) return c.message ?? 'Tidemark cannot read this path.';
  if (expect === 'directory' && c.kind !== 'directory') return `This is a ${KIND_WORD[c.kind ?? 'other']}, not a folder.`;
  if (expect === 'file' && c.kind !== 'file') return `This is a ${KIND_WORD[c.kind ?? 'other']}, not a file.`;
  if (expect === 'file-or-device' && c.kind !== 'file' && c.kind !== 'block-device') return `This is a ${KIND_WORD[c.kind ?? 'other']}, not an image file or block device.`;
  return null;
}
