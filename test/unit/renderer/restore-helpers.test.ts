// The restore wizards' pure helpers: the address of the Restore page and the names a restored version gets.
import { describe, expect, it } from 'vitest';
import { fileNameProblem, originalPath, splitFile, stamp, versionName } from '../../../renderer/views/restore/file-names.js';
import { parseRestoreParam, restoreParam } from '../../../renderer/views/restore/restore-route.js';

describe('restore route', () => {
  it('round-trips both wizards and falls back to the file-first one', () => {
    for (const r of [{ mode: 'file', workload: null }, { mode: 'file', workload: 'docs' }, { mode: 'snapshot', snapshotId: null }, { mode: 'snapshot', snapshotId: 'a1b2c3' }] as const) {
      expect(parseRestoreParam(restoreParam(r))).toEqual(r);
    }
    expect(parseRestoreParam(null)).toEqual({ mode: 'file', workload: null });
    expect(parseRestoreParam('bogus/x')).toEqual({ mode: 'file', workload: null });
  });
});

describe('names of a restored version', () => {
  const iso = new Date(2026, 10, 20, 14, 5).toISOString(); // local 2026-11-20 14:05
  it('puts the local date and time before the extension', () => {
    expect(stamp(iso)).toBe('2026-11-20 14.05');
    expect(versionName('report.txt', iso)).toBe('report (2026-11-20 14.05).txt');
    expect(versionName('archive.tar.gz', iso)).toBe('archive.tar (2026-11-20 14.05).gz');
    expect(versionName('.bashrc', iso)).toBe('.bashrc (2026-11-20 14.05)');
    expect(versionName('Makefile', iso)).toBe('Makefile (2026-11-20 14.05)');
  });

  it('joins the source and the snapshot path, and splits a file from its folder', () => {
    expect(originalPath('/home/me/docs/', '/reports/q3.txt')).toBe('/home/me/docs/reports/q3.txt');
    expect(splitFile('/home/me/docs/reports/q3.txt')).toEqual({ dir: '/home/me/docs/reports', name: 'q3.txt' });
    expect(splitFile('/q3.txt')).toEqual({ dir: '/', name: 'q3.txt' });
  });

  it('says what the server would refuse in a file name', () => {
    expect(fileNameProblem('ok (1).txt')).toBeNull();
    expect(fileNameProblem('')).toMatch(/Type a file name/);
    expect(fileNameProblem('../x')).toMatch(/cannot contain "\/"/);
    expect(fileNameProblem('..')).toMatch(/Not a file name/);
    expect(fileNameProblem('é'.repeat(128))).toMatch(/255 bytes/);
  });
});
