import { spawn } from 'node:child_process';
import type { Executor, Proc, RunOptions, RunResult } from './types.js';
import { collect } from './collect.js';

export class LocalExecutor implements Executor {
  readonly label = 'local';
  readonly host = 'localhost';

  /** `killGraceMs`: how long a killed command may take to exit before it is given up on */
  constructor(
    private readonly commandTimeoutMs = 120_000,
    private readonly killGraceMs = 10_000,
  ) {}

  spawn(argv: readonly string[]): Proc {
    const [cmd, ...args] = argv;
    if (!cmd) throw new Error('empty command');
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      if (stderr.length < 64 * 1024) stderr += s;
    });
    // A missing binary is reported as an exit code like a shell would (127), not thrown later.
    let settle: (r: { code: number | null; signal: string | null; stderr: string }) => void = () => {};
    const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => {
      settle = resolve;
      child.on('error', (e: NodeJS.ErrnoException) => resolve({ code: e.code === 'ENOENT' ? 127 : 126, signal: null, stderr: `${cmd}: ${e.code === 'ENOENT' ? 'command not found' : e.message}` }));
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    });
    // Writes to a child that died must not crash the process: the exit status tells the story.
    child.stdin.on('error', () => {});
    const kill = () => {
      child.kill('SIGKILL');
      // unread output would otherwise hold 'close' back forever (e.g. a send whose receiver died)
      child.stdout.destroy();
      child.stdin.destroy();
      // A process stuck in the kernel (a hung ZFS: state D) exits only when the kernel lets go, and
      // waiting for it would hang the job and its cancel: stop waiting after a grace period.
      const why = `${cmd} did not exit within ${Math.round(this.killGraceMs / 1000)} s of being killed (stuck in the kernel? check that ZFS is not hung: zpool status)`;
      setTimeout(() => settle({ code: null, signal: 'SIGKILL', stderr: `${stderr}${stderr ? '\n' : ''}${why}` }), this.killGraceMs).unref();
    };
    return { stdout: child.stdout, stdin: child.stdin, done, kill };
  }

  run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    return collect(this.spawn(argv), opts.timeoutMs ?? this.commandTimeoutMs, opts.signal, `${argv[0]} ${argv[1] ?? ''}`.trim());
  }

  close(): void {}
}
