import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { CodedError } from '../../../../../shared/result.js';
import { collect } from './collect.js';
import { checkHostKey, type HostKeyVerdict } from './known-hosts.js';
import { shJoin } from './quote.js';
import type { Executor, Proc, RunOptions, RunResult } from './types.js';

type ExitInfo = { code: number | null; signal: string | null; stderr: string };

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  /** private key file; without it ssh-agent (SSH_AUTH_SOCK) is used */
  identity?: string;
  /** <dataDir>/known_hosts */
  knownHostsFile: string;
  /** pins the host key on first contact when equal to its SHA256 fingerprint */
  acceptHostKey?: string;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** defaults to process.env.SSH_AUTH_SOCK */
  agentSocket?: string;
}

/** One SSH connection, many exec channels (connection reuse). */
export class SshExecutor implements Executor {
  readonly label: string;
  readonly host: string;
  private closed = false;
  private readonly live = new Set<() => void>();

  private constructor(
    private readonly client: Client,
    target: SshTarget,
    readonly hostKey: { fingerprint: string; newlyPinned: boolean },
  ) {
    this.label = `${target.user}@${target.host}:${target.port}`;
    this.host = target.host;
    this.commandTimeoutMs = target.commandTimeoutMs ?? 120_000;
    // A dropped connection does not always close its channels: finish every running command
    // ourselves, or a pipe into a dead channel would wait forever.
    const lost = () => {
      this.closed = true;
      for (const f of [...this.live]) f();
    };
    client.on('close', lost);
    client.on('end', lost);
    client.on('error', lost);
  }
  private readonly commandTimeoutMs: number;

  static connect(t: SshTarget): Promise<SshExecutor> {
    const client = new Client();
    let verdict: HostKeyVerdict | undefined;
    const where = `${t.host}:${t.port}`;
    const config: ConnectConfig = {
      host: t.host,
      port: t.port,
      username: t.user,
      readyTimeout: t.connectTimeoutMs ?? 15_000,
      keepaliveInterval: 10_000,
      keepaliveCountMax: 3,
      hostVerifier: (key: Buffer) => {
        verdict = checkHostKey(t.knownHostsFile, t.host, t.port, key, t.acceptHostKey);
        return verdict.kind === 'pinned' || verdict.kind === 'accepted';
      },
    };
    if (t.identity) {
      try {
        config.privateKey = readFileSync(t.identity);
      } catch (e) {
        return Promise.reject(new CodedError('bad-input', `cannot read the SSH key ${t.identity}: ${(e as Error).message}`));
      }
    }
    const agent = t.agentSocket ?? process.env.SSH_AUTH_SOCK;
    if (agent) config.agent = agent;
    if (!t.identity && !agent) return Promise.reject(new CodedError('bad-input', `no SSH key for ${where}: give an identity file or run ssh-agent (SSH_AUTH_SOCK)`));

    return new Promise((resolve, reject) => {
      client.once('ready', () => {
        const fp = verdict && verdict.kind !== 'changed' && 'fingerprint' in verdict ? verdict.fingerprint : '';
        resolve(new SshExecutor(client, t, { fingerprint: fp, newlyPinned: verdict?.kind === 'accepted' }));
      });
      client.once('error', (e: Error & { level?: string; code?: string }) => {
        client.end();
        reject(connectError(e, verdict, t, where));
      });
      client.connect(config);
    });
  }

  /** Follows one channel to its end: exit status, stderr, and a dropped connection. */
  private track(ch: ClientChannel, onEnd: () => void): { done: Promise<ExitInfo>; kill: () => void } {
    let stderr = '';
    let code: number | null = null;
    let signal: string | null = null;
    let finish: () => void = () => {};
    const done = new Promise<ExitInfo>((resolve) => {
      let finished = false;
      const onLost = () => {
        if (code === null) stderr += `${stderr ? '\n' : ''}the SSH connection to ${this.label} was lost`;
        finish();
      };
      finish = () => {
        if (finished) return;
        finished = true;
        this.live.delete(onLost);
        onEnd();
        resolve({ code, signal, stderr });
      };
      this.live.add(onLost);
    });
    ch.stderr.setEncoding('utf8');
    ch.stderr.on('data', (t: string) => {
      if (stderr.length < 64 * 1024) stderr += t;
    });
    ch.on('exit', (c: number | null, sig?: string) => {
      code = c;
      signal = sig ?? null;
    });
    ch.on('close', () => finish());
    const kill = () => {
      // OpenSSH delivers the signal to the remote command; closing alone can leave it running.
      try {
        ch.signal('KILL');
      } catch {
        /* not supported: the close below still ends our side */
      }
      ch.close();
      // do not wait for a remote that ignores both
      setTimeout(() => finish(), 2000).unref();
    };
    return { done, kill };
  }

  private exec(argv: readonly string[]): Promise<ClientChannel> {
    if (this.closed) return Promise.reject(new CodedError('remote', `the SSH connection to ${this.label} is closed`));
    return new Promise((resolve, reject) => {
      this.client.exec(shJoin(argv), (err, ch) => (err ? reject(new CodedError('remote', `cannot start a command on ${this.label}: ${err.message}`)) : resolve(ch)));
    });
  }

  /** A command whose streams ARE the channel (no extra hop): for bulk transfers. */
  async open(argv: readonly string[]): Promise<Proc> {
    const ch = await this.exec(argv);
    const { done, kill } = this.track(ch, () => {});
    ch.on('error', () => {});
    return { stdout: ch, stdin: ch, done, kill };
  }

  spawn(argv: readonly string[]): Proc {
    const stdout = new PassThrough();
    const stdin = new PassThrough();
    stdin.on('error', () => {});
    let killer: (() => void) | undefined;
    let killed = false;
    const done = this.exec(argv).then(
      (ch) => {
        const t = this.track(ch, () => stdout.end());
        killer = t.kill;
        if (killed) t.kill();
        ch.pipe(stdout, { end: false });
        stdin.pipe(ch);
        return t.done;
      },
      (e: Error): ExitInfo => {
        stdout.end();
        return { code: null, signal: null, stderr: e.message };
      },
    );
    return {
      stdout,
      stdin,
      done,
      kill: () => {
        killed = true;
        killer?.();
      },
    };
  }

  run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    return collect(this.spawn(argv), opts.timeoutMs ?? this.commandTimeoutMs, opts.signal, `${argv[0]} ${argv[1] ?? ''} on ${this.label}`.trim());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.client.end();
  }
}

function connectError(e: Error & { level?: string; code?: string }, verdict: HostKeyVerdict | undefined, t: SshTarget, where: string): CodedError {
  if (verdict?.kind === 'unknown') {
    if (t.acceptHostKey) return new CodedError('needs-confirmation', `the fingerprint you accepted (${t.acceptHostKey}) is not the host key of ${where}, which is ${verdict.fingerprint}: nothing was pinned`, { fingerprint: verdict.fingerprint, host: where });
    return new CodedError('needs-confirmation', `the host key of ${where} is not known yet: its fingerprint is ${verdict.fingerprint}; accept it to pin it (--accept-host-key ${verdict.fingerprint})`, { fingerprint: verdict.fingerprint, host: where });
  }
  if (verdict?.kind === 'changed') {
    return new CodedError('remote', `WARNING: the host key of ${where} has CHANGED (now ${verdict.fingerprint}, pinned ${verdict.pinned.join(', ')}); refusing to connect. If the host was really reinstalled, remove its line from ${t.knownHostsFile}`, { fingerprint: verdict.fingerprint, host: where, pinned: verdict.pinned });
  }
  if (e.level === 'client-authentication') return new CodedError('remote', `authentication as ${t.user} on ${where} failed: the server did not accept ${t.identity ? `the key ${t.identity}` : 'any key from ssh-agent'}`);
  if (e.level === 'client-timeout') return new CodedError('remote', `${where} did not answer the SSH handshake in time`);
  if (e.code === 'ECONNREFUSED') return new CodedError('remote', `cannot reach ${where}: connection refused (is sshd running on that port?)`);
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return new CodedError('remote', `cannot reach ${where}: unknown host name`);
  if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH' || e.code === 'ETIMEDOUT') return new CodedError('remote', `cannot reach ${where}: ${e.code}`);
  if (/private key|parse/i.test(e.message)) return new CodedError('bad-input', `the SSH key ${t.identity ?? ''} cannot be used: ${e.message}`);
  return new CodedError('remote', `SSH connection to ${where} failed: ${e.message}`);
}
