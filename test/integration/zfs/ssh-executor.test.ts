import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshExecutor } from '../../../electron/core/engines/zfs/exec/ssh.js';
import { LocalExecutor } from '../../../electron/core/engines/zfs/exec/local.js';
import { startSshd, type TestSshd } from '../../support/sshd.js';
import { CodedError } from '../../../shared/result.js';

let sshd: TestSshd;
let dir: string;
beforeAll(async () => {
  sshd = await startSshd();
  dir = mkdtempSync(join(tmpdir(), 'tidemark-ssh-'));
});
afterAll(() => {
  sshd?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const target = (extra: Record<string, unknown> = {}) => ({ host: sshd.host, port: sshd.port, user: sshd.user, identity: sshd.identity, knownHostsFile: join(dir, 'known_hosts'), agentSocket: '', ...extra });

async function codeOf(p: Promise<unknown>): Promise<CodedError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CodedError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('ssh executor', () => {
  it('refuses an unknown host key with its fingerprint, pins it when accepted, then reuses the pin', async () => {
    const first = await codeOf(SshExecutor.connect(target()));
    expect(first.code).toBe('needs-confirmation');
    expect(first.details).toEqual({ fingerprint: sshd.hostFingerprint, host: `${sshd.host}:${sshd.port}` });
    expect(first.message).toContain(sshd.hostFingerprint);

    const wrong = await codeOf(SshExecutor.connect(target({ acceptHostKey: 'SHA256:AAAA' })));
    expect(wrong.code).toBe('needs-confirmation');

    const ex = await SshExecutor.connect(target({ acceptHostKey: sshd.hostFingerprint }));
    expect(ex.hostKey).toEqual({ fingerprint: sshd.hostFingerprint, newlyPinned: true });
    ex.close();
    expect(readFileSync(join(dir, 'known_hosts'), 'utf8')).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshd.port} ssh-ed25519 AAAA`, 'm'));
    const again = await SshExecutor.connect(target());
    again.close();
  });

  it('passes arguments with spaces, quotes and shell metacharacters through untouched, on many channels of one connection', async () => {
    const ex = await SshExecutor.connect(target({ acceptHostKey: sshd.hostFingerprint }));
    const nasty = ["tank/my ds", "it's", 'a"b', '$(touch /tmp/pwned)', '`id`', 'x;y|z&', '*', '', 'back\\slash', 'new\nline'];
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => ex.run(['printf', '%s\\0', ...nasty])));
    for (const r of results) expect(r.stdout.split('\0').slice(0, -1)).toEqual(nasty);
    const local = await new LocalExecutor().run(['printf', '%s\\0', ...nasty]);
    expect(local.stdout.split('\0').slice(0, -1)).toEqual(nasty);
    ex.close();
  });

  it('streams stdin to a remote command and reports its exit code', async () => {
    const ex = await SshExecutor.connect(target({ acceptHostKey: sshd.hostFingerprint }));
    const p = ex.spawn(['sh', '-c', 'wc -c; exit 3']);
    const out: Buffer[] = [];
    p.stdout.on('data', (c: Buffer) => out.push(c));
    p.stdin.end(Buffer.alloc(5 * 1024 * 1024, 7));
    const end = await p.done;
    expect(end.code).toBe(3);
    expect(Buffer.concat(out).toString().trim()).toBe(String(5 * 1024 * 1024));
    ex.close();
  });

  it('times a command out', async () => {
    const ex = await SshExecutor.connect(target({ acceptHostKey: sshd.hostFingerprint }));
    const e = await codeOf(ex.run(['sleep', '30'], { timeoutMs: 300 }));
    expect(e.message).toMatch(/did not finish within/);
    ex.close();
  });

  it('gives up on a killed local command that does not go away, saying so (a hung ZFS must not hang the job)', async () => {
    // the background sleep keeps stderr open, so the child never "closes" — like a process in state D
    const p = new LocalExecutor(120_000, 1000).spawn(['sh', '-c', 'sleep 600 & echo $!; exec sleep 600']);
    const pid = Number(await new Promise<string>((resolve) => p.stdout.once('data', (c: Buffer) => resolve(c.toString()))));
    try {
      p.kill();
      const r = await p.done;
      expect(r.code).toBeNull();
      expect(r.stderr).toMatch(/sh did not exit within 1 s of being killed \(stuck in the kernel\? check that ZFS is not hung/);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  it('refuses a changed host key loudly', async () => {
    const kh = join(dir, 'changed_known_hosts');
    // a pin for this host:port with some other ed25519 key
    writeFileSync(kh, `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh7Y1w2G7mV7mJ8l8cH5CqvUeK3fyf2cSxqjJd2uHfC\n`);
    const e = await codeOf(SshExecutor.connect(target({ knownHostsFile: kh, acceptHostKey: sshd.hostFingerprint })));
    expect(e.code).toBe('remote');
    expect(e.message).toMatch(/CHANGED/);
    expect(e.message).toContain(sshd.hostFingerprint);
  });

  it('explains auth failure and an unreachable host', async () => {
    const badKey = join(sshd.dir, 'host_ed25519'); // a valid key the server does not authorize
    const auth = await codeOf(SshExecutor.connect(target({ identity: badKey, acceptHostKey: sshd.hostFingerprint })));
    expect(auth.message).toMatch(/authentication as root on 127\.0\.0\.1:\d+ failed/);
    const refused = await codeOf(SshExecutor.connect(target({ port: 1, acceptHostKey: sshd.hostFingerprint })));
    expect(refused.message).toMatch(/connection refused/);
  });
});
