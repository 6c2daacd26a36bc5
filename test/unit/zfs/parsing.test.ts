import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCapabilities } from '../../../electron/core/engines/zfs/capabilities.js';
import { snapshotName } from '../../../electron/core/engines/zfs/create.js';
import { checkHostKey, fingerprint, keyType } from '../../../electron/core/engines/zfs/exec/known-hosts.js';
import { shJoin, shQuote } from '../../../electron/core/engines/zfs/exec/quote.js';
import { parseInventory } from '../../../electron/core/engines/zfs/inventory.js';

describe('remote shell quoting', () => {
  it('single-quotes anything a shell would touch and round-trips through sh', () => {
    expect(shQuote('tank/data@hourly-1')).toBe('tank/data@hourly-1');
    expect(shQuote('my ds')).toBe("'my ds'");
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    expect(shQuote('')).toBe("''");
    const args = ['a b', "c'd", '$(x)', '`y`', '"q"', '\\', '*', 'ä ü', 'tab\there'];
    const out = execFileSync('sh', ['-c', `printf '%s\\0' ${shJoin(args)}`], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual(args);
    expect(() => shQuote('a\0b')).toThrow(/NUL/);
  });
});

describe('known hosts', () => {
  // a real ed25519 public key blob
  const blob = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', 'base64');
  it('computes OpenSSH-style fingerprints and key types', () => {
    expect(keyType(blob)).toBe('ssh-ed25519');
    expect(fingerprint(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
  it('unknown → accepted only for the exact fingerprint → pinned; another key is "changed"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidemark-kh-'));
    const file = join(dir, 'known_hosts');
    try {
      expect(checkHostKey(file, 'h', 2222, blob)).toEqual({ kind: 'unknown', fingerprint: fingerprint(blob) });
      expect(checkHostKey(file, 'h', 2222, blob, 'SHA256:nope').kind).toBe('unknown');
      expect(checkHostKey(file, 'h', 2222, blob, fingerprint(blob)).kind).toBe('accepted');
      expect(readFileSync(file, 'utf8')).toBe(`[h]:2222 ssh-ed25519 ${blob.toString('base64')}\n`);
      expect(checkHostKey(file, 'h', 2222, blob).kind).toBe('pinned');
      expect(checkHostKey(file, 'h', 22, blob).kind).toBe('unknown'); // another port is another host
      const other = Buffer.from(blob);
      other[other.length - 1] = other[other.length - 1]! ^ 1;
      const v = checkHostKey(file, 'h', 2222, other, fingerprint(other));
      expect(v).toMatchObject({ kind: 'changed', pinned: [fingerprint(blob)] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inventory parsing', () => {
  it('reads one zfs get -Hp listing: names with spaces, u64 guids as strings, createtxg order, resume tokens', () => {
    const out = [
      'tank/data\tguid\t16584020838522196952',
      'tank/data\treceive_resume_token\t-',
      'tank/data@b\tguid\t18446744073709551615',
      'tank/data@b\tcreatetxg\t20',
      'tank/data@b\tcreation\t1795315305',
      'tank/data@b\tused\t4096',
      'tank/data@b\tuserrefs\t1',
      'tank/data@a\tguid\t1',
      'tank/data@a\tcreatetxg\t15',
      'tank/data@a\tcreation\t1795315305',
      'tank/data/my ds\tguid\t5',
      'tank/data/my ds\treceive_resume_token\t1-abc-def',
      'tank/other\tguid\t9',
      '',
    ].join('\n');
    const inv = parseInventory('tank/data', out);
    expect(inv.exists).toBe(true);
    expect(inv.datasets.map((d) => d.rel)).toEqual(['', 'my ds']);
    expect(inv.datasets[0]!.snapshots.map((s) => [s.name, s.guid, s.createtxg, s.userrefs])).toEqual([
      ['a', '1', 15, 0],
      ['b', '18446744073709551615', 20, 1],
    ]);
    expect(inv.datasets[1]!.resumeToken).toBe('1-abc-def');
    expect(inv.datasets[0]!.resumeToken).toBeUndefined();
  });
});

describe('capability parsing', () => {
  const probes = { listParsable: true, getType: true, resumeToken: true, createtxg: true };
  it('zfs-fuse 0.7 usage text: none of the modern forms', () => {
    const help = '\tdestroy [-rRf] <filesystem|volume>\n\tdestroy [-rRd] <snapshot>\n\thold [-r] <tag> <snapshot> ...\n\trelease [-r] <tag> <snapshot> ...\n';
    const c = parseCapabilities(help, 'usage:\n\tsend [-RDp] [-[iI] snapshot] <snapshot>\n', 'usage:\n\treceive [-vnF] <filesystem|volume|snapshot>\n\treceive [-vnF] -d <filesystem>\n', { ...probes, listParsable: false, getType: false, resumeToken: false });
    expect(c).toMatchObject({ sendDryRun: false, recvResumable: false, recvNoMount: false, recvAbort: false, destroyRange: false, destroyList: false, bookmarks: false, holds: true });
  });
  it('OpenZFS 2.x usage text: everything', () => {
    const help = [
      '\tdestroy [-fnpRrv] <filesystem|volume>',
      '\tdestroy [-dnpRrv] <filesystem|volume>@<snap>[%<snap>][,...]',
      '\tdestroy <filesystem|volume>#<bookmark>',
      '\tbookmark <snapshot|bookmark> <newbookmark>',
      '\thold [-r] <tag> <snapshot> ...',
      '\trelease [-r] <tag> <snapshot> ...',
    ].join('\n');
    const send = 'usage:\n\tsend [-DLPbcehnpsvw] [-R [-X dataset[,dataset]...]] [-[iI] snapshot]\n\t    <snapshot>\n\tsend [-nvPe] -t <receive_resume_token>\n';
    const recv = 'usage:\n\treceive [-vMnsFhu] [-o <property>=<value>] ... [-x <property>] ...\n\t    <filesystem|volume|snapshot>\n\treceive -A <filesystem|volume>\n';
    const c = parseCapabilities(help, send, recv, probes);
    expect(c).toMatchObject({ sendDryRun: true, recvResumable: true, recvNoMount: true, recvAbort: true, destroyRange: true, destroyList: true, bookmarks: true, holds: true });
    expect(c.notes).toEqual([]);
  });
});

describe('snapshot names', () => {
  it('type-UTC timestamp, with a numeric suffix for later attempts; types are checked', () => {
    const at = new Date('2026-11-22T03:15:00.789Z');
    expect(snapshotName('hourly', at)).toBe('hourly-20261122T031500Z');
    expect(snapshotName('hourly', at, 2)).toBe('hourly-20261122T031500Z-2');
    expect(() => snapshotName('bad-type', at)).toThrow(/letters, digits/);
    expect(() => snapshotName('a b', at)).toThrow();
  });
});
