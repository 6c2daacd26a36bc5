#!/usr/bin/env node
// `npm start` (after the build): the desktop app when an Electron binary is installed, otherwise the same UI
// served headless on 127.0.0.1 — and it says plainly which of the two happened.
//   node scripts/start.mjs [--headless] [serve options: --port N --host H --data-dir DIR]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** `{ path, version }` of a runnable Electron binary, or `{ reason }` why there is none. */
export function findElectron() {
  let version;
  try {
    version = require('electron/package.json').version;
  } catch {
    return { reason: 'the electron npm package is not installed' };
  }
  let binary;
  try {
    // The package exports the binary's path once its postinstall downloaded it, and throws otherwise.
    binary = require('electron');
  } catch {
    return { reason: `electron ${version} was installed without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or the download failed)` };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { reason: `the Electron binary ${String(binary)} does not exist` };
  return { path: binary, version };
}

function startDesktop(electron, args) {
  const main = path.join(root, 'dist', 'main.js');
  if (!existsSync(main)) die('dist/main.js is missing: run `npm run build` first');
  // A leftover ELECTRON_RUN_AS_NODE would make the binary behave as plain node and ignore the app.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron.path, [main, ...args], { stdio: 'inherit', env });
  child.once('spawn', () => console.log(`Tidemark desktop app started (Electron ${electron.version}, ${electron.path})`));
  return child;
}

function startHeadless(reason, args) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'tidemark.js'), 'serve', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let announced = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!announced) {
      const info = parseServeLine(line);
      if (info) {
        announced = true;
        console.log(`Electron is not installed here (${reason}): serving the same UI headless at ${info.url}`);
        console.log(`(data dir ${info.dataDir}; Ctrl-C to stop)`);
        return;
      }
    }
    console.log(line);
  });
  return child;
}

/** `tidemark serve --json` prints `{ url, port, dataDir }` once it listens. */
function parseServeLine(line) {
  try {
    const v = JSON.parse(line);
    return v && typeof v.url === 'string' ? v : null;
  } catch {
    return null;
  }
}

function die(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

function run(argv) {
  const headless = argv.includes('--headless') || process.env.TIDEMARK_HEADLESS === '1';
  const args = argv.filter((a) => a !== '--headless');
  const electron = headless ? { reason: '--headless was asked for' } : findElectron();
  const child = electron.path ? startDesktop(electron, args) : startHeadless(electron.reason, args);
  child.once('error', (e) => die(`could not start ${electron.path ?? 'tidemark serve'}: ${e.message}`));
  // Ctrl-C already reaches the child through the terminal's process group: passing SIGINT on as well
  // would be a second one and cut its clean shutdown short. A `kill` of this launcher is passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1)));
}

const signalNumber = (signal) => ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 })[signal];

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) run(process.argv.slice(2));
