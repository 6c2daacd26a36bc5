import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CodedError } from '../../../shared/result.js';

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-crypto-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Deterministic pseudo-random bytes, so a failing size is reproducible. */
export function bytes(n: number, seed = 1): Buffer {
  const b = Buffer.allocUnsafe(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

export function expectCoded(fn: () => unknown, code: string, message?: RegExp): CodedError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return checkCoded(caught, code, message);
}

export async function expectCodedAsync(p: Promise<unknown>, code: string, message?: RegExp): Promise<CodedError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  return checkCoded(caught, code, message);
}

function checkCoded(caught: unknown, code: string, message?: RegExp): CodedError {
  expect(caught, 'expected a CodedError to be thrown').toBeInstanceOf(CodedError);
  const e = caught as CodedError;
  expect(e.code).toBe(code);
  expect(e.message).not.toContain('\n');
  if (message) expect(e.message).toMatch(message);
  return e;
}

/** The Debian `age` CLI is the independent implementation; its absence is a setup error, not a skip. */
export function requireAgeCli(): void {
  for (const tool of ['age', 'age-keygen', 'script']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      throw new Error(`${tool} is not installed: apt-get install -y age (and util-linux for script)`);
    }
  }
}

export function age(args: string[], input?: Buffer): Buffer {
  return execFileSync('age', args, { input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * Runs the age CLI under a pseudo-terminal (util-linux `script`), because age reads passphrases only
 * from a TTY. Answers every passphrase prompt it prints; waits on the prompt text, not on a timer.
 */
export function ageWithPassphrase(args: string[], passphrase: string): Promise<{ code: number; output: string }> {
  const cmd = ['age', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const prompts = output.match(/passphrase/gi)?.length ?? 0;
      while (answered < prompts) {
        answered++;
        child.stdin.write(passphrase + '\n');
      }
    });
    child.stdin.on('error', () => {}); // age may exit before reading an extra answer
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}
