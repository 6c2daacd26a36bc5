// A private sshd on 127.0.0.1 with generated keys, for integration and e2e tests (ENVIRONMENT.md recipe).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestSshd {
  dir: string;
  host: string;
  port: number;
  user: string;
  /** client private key accepted by this sshd */
  identity: string;
  /** the host key's SHA256 fingerprint, as `ssh-keygen -l` prints it */
  hostFingerprint: string;
  pid: number;
  /** kills the per-connection sshd children (drops every live session), keeps the listener */
  dropSessions(): number;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function childrenOf(pid: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean).map(Number);
}

export async function startSshd(opts: { extraConfig?: string[] } = {}): Promise<TestSshd> {
  const sshd = '/usr/sbin/sshd';
  if (spawnSync(sshd, ['-?'], { encoding: 'utf8' }).error) throw new Error(`${sshd} is missing: apt-get install openssh-server (integration tests need a real sshd)`);
  if (process.getuid?.() !== 0) throw new Error('the test sshd needs root (it must read keys and switch to the login user)');
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-sshd-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_ed25519')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_ed25519')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_ed25519.pub')));
  const fpLine = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'host_ed25519.pub')], { encoding: 'utf8' });
  const hostFingerprint = fpLine.split(/\s+/)[1]!;
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin yes',
    'MaxSessions 30',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    ...(opts.extraConfig ?? []),
  ];
  writeFileSync(join(dir, 'sshd_config'), config.join('\n') + '\n');
  execFileSync(sshd, ['-f', join(dir, 'sshd_config'), '-E', join(dir, 'sshd.log')]);
  let pid = 0;
  for (let i = 0; i < 100 && !pid; i++) {
    try {
      pid = Number(readFileSync(join(dir, 'sshd.pid'), 'utf8').trim());
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (!pid) throw new Error(`sshd did not start: ${readFileSync(join(dir, 'sshd.log'), 'utf8')}`);
  return {
    dir,
    host: '127.0.0.1',
    port,
    user: 'root',
    identity: join(dir, 'client_ed25519'),
    hostFingerprint,
    pid,
    dropSessions() {
      const kids = childrenOf(pid);
      for (const k of kids) {
        try {
          process.kill(k, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      return kids.length;
    },
    stop() {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
