// scripts/start.mjs (`npm start`) run as the user runs it. This machine cannot download Electron, so the
// desktop branch is driven through a stand-in executable found the way the electron package finds its
// binary (ELECTRON_OVERRIDE_DIST_PATH); the headless branch runs the real `tidemark serve`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const launcher = join(root, 'scripts', 'start.mjs');
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
let tmp: string;

beforeAll(() => {
  for (const f of ['dist/main.js', 'dist/cli.js']) if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` before these tests`);
  tmp = mkdtempSync(join(tmpdir(), 'tidemark-start-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The environment without any Electron override, as on a plain machine. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  delete env.TIDEMARK_HEADLESS;
  return { ...env, ...extra };
}

/** Resolves with the first stdout line matching `re` (rejects when the process exits first). */
function waitForLine(child: ChildProcess, re: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const timer = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms; saw:\n${seen.join('\n')}`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      seen.push(line);
      if (re.test(line)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`launcher exited (${code}) before printing ${re}; saw:\n${seen.join('\n')}`));
    });
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

describe('npm start (scripts/start.mjs)', () => {
  it('finds no Electron binary on this machine and says why', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(launcher)}).then((m) => console.log(JSON.stringify(m.findElectron())))`], { env: cleanEnv(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const found = JSON.parse(r.stdout) as { path?: string; reason?: string };
    expect(found.path).toBeUndefined();
    expect(found.reason).toMatch(new RegExp(`electron ${electronVersion.replace(/\./g, '\\.')} was installed without its binary`));
  });

  it('without Electron: serves the UI headless on 127.0.0.1, prints the tokened URL, and stops on SIGTERM', async () => {
    const dataDir = join(tmp, 'data-headless');
    const child = spawn(process.execPath, [launcher, '--port', '0', '--data-dir', dataDir], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const line = await waitForLine(child, /serving the same UI headless at/);
      expect(line).toMatch(/^Electron is not installed here \(electron .+ was installed without its binary: .*\): serving the same UI headless at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
      const url = line.slice(line.indexOf('http://'));
      const page = await fetch(url);
      expect(page.status, 'the built renderer is served (run `npm run build`)').toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      expect(existsSync(join(dataDir, 'tidemark.db')), 'the catalog lives in the data dir given').toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
    expect(stderr).not.toMatch(/error/i);
  });

  describe('with an Electron binary (a stand-in executable: the real one cannot be downloaded here)', () => {
    let dist: string;
    beforeAll(() => {
      dist = join(tmp, 'electron-dist');
      rmSync(dist, { recursive: true, force: true });
      spawnSync('mkdir', ['-p', dist]);
      // Records how it was started, exits with the code the test asks for.
      writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dist}/argv"\nprintf '%s' "\${ELECTRON_RUN_AS_NODE-unset}" > "${dist}/run-as-node"\nexit "\${STANDIN_EXIT:-0}"\n`);
      chmodSync(join(dist, 'electron'), 0o755);
    });

    it('launches the desktop app on dist/main.js, says so, and passes its exit code on', () => {
      const r = spawnSync(process.execPath, [launcher, '--some-flag'], {
        env: cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1', STANDIN_EXIT: '3' }),
        encoding: 'utf8',
      });
      expect(r.stdout).toContain(`Tidemark desktop app started (Electron ${electronVersion}, ${join(dist, 'electron')})`);
      expect(r.stdout).not.toMatch(/headless/);
      expect(readFileSync(join(dist, 'argv'), 'utf8').trim().split('\n')).toEqual([join(root, 'dist', 'main.js'), '--some-flag']);
      expect(readFileSync(join(dist, 'run-as-node'), 'utf8'), 'ELECTRON_RUN_AS_NODE must not reach the app').toBe('unset');
      expect(r.status).toBe(3);
    });

    it('--headless serves even where Electron exists, and says it was asked for', async () => {
      const child = spawn(process.execPath, [launcher, '--headless', '--port', '0', '--data-dir', join(tmp, 'data-forced')], {
        env: cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist }),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        const line = await waitForLine(child, /serving the same UI headless at/);
        expect(line).toMatch(/^Headless mode asked for \(--headless\): serving the same UI headless at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited(child)).toBe(0);
    });
  });
});
