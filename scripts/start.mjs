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
    return { reason: `electron ${version} was installed without its binary: ELECTRON_SKIP_BINARY_DOWNLOAD=1 or the download failed` };
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

function startHeadless(why, args) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'tidemark.js'), 'serve', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // `tidemark serve --json` prints `{ url, port, dataDir }` (over several lines) once it listens;
  // everything else passes through.
  let json = null; // the JSON text gathered so far, while it is being printed
  let announced = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (announced || (json === null && !line.trimStart().startsWith('{'))) return console.log(line);
    json = `${json ?? ''}${line}\n`;
    const info = parseJson(json);
    if (info && typeof info.url === 'string') {
      announced = true;
      console.log(`${why}: serving the same UI headless at ${info.url}`);
      console.log(`(data dir ${info.dataDir}; Ctrl-C to stop)`);
    } else if (info || json.length > 65536) {
      console.log(json.trimEnd());
      json = null;
    }
  });
  return child;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
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
  const electron = headless ? null : findElectron();
  const child = electron?.path
    ? startDesktop(electron, args)
    : startHeadless(electron ? `Electron is not installed here (${electron.reason})` : 'Headless mode asked for (--headless)', args);
  child.once('error', (e) => die(`could not start ${electron?.path ?? 'tidemark serve'}: ${e.message}`));
  // Ctrl-C already reaches the child through the terminal's process group: passing SIGINT on as well
  // would be a second one and cut its clean shutdown short. A `kill` of this launcher is passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1)));
}

const signalNumber = (signal) => ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 })[signal];

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) run(process.argv.slice(2));
