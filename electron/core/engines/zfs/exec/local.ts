import { spawn } from 'node:child_process';
import type { Executor, Proc, RunOptions, RunResult } from './types.js';
import { collect } from './collect.js';

export class LocalExecutor implements Executor {
  readonly label = 'local';
  readonly host = 'localhost';

  constructor(private readonly commandTimeoutMs = 120_000) {}

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
    const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => {
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
    };
    return { stdout: child.stdout, stdin: child.stdin, done, kill };
  }

  run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    return collect(this.spawn(argv), opts.timeoutMs ?? this.commandTimeoutMs, opts.signal, `${argv[0]} ${argv[1] ?? ''}`.trim());
  }

  close(): void {}
}
