import { realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { CodedError } from '../../shared/result.js';

/** `--data-dir`, else TIDEMARK_DATA_DIR, else the platform's app-data dir (Electron's userData is the same place). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TIDEMARK_DATA_DIR) return resolve(env.TIDEMARK_DATA_DIR);
  switch (process.platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'tidemark');
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'tidemark');
    default:
      return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'tidemark');
  }
}

/**
 * Where the renderer may point Tidemark. The renderer is untrusted: every path it sends is resolved
 * (symlinks included) and must fall under one of these roots. Extra roots: TIDEMARK_ALLOWED_ROOTS
 * (colon-separated) or the `allowedRoots` setting.
 */
export function defaultAllowedRoots(dataDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.TIDEMARK_ALLOWED_ROOTS ?? '').split(':').filter(Boolean);
  return [...new Set([homedir(), '/mnt', '/media', '/srv', '/data', '/dev', tmpdir(), dataDir, ...extra].map((p) => resolve(p)))];
}

/** Resolves symlinks of the longest existing prefix, so `/home/u/link-to-etc/passwd` is judged as `/etc/passwd`. */
export function realPathOf(p: string): string {
  let head = resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...tail.reverse());
    } catch {
      const parent = resolve(head, '..');
      if (parent === head) return resolve(p);
      tail.push(head.slice(parent.length).replace(/^\//, ''));
      head = parent;
    }
  }
}

export function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function checkAllowed(path: string, roots: string[]): string {
  const real = realPathOf(path);
  const realRoots = roots.map(realPathOf);
  if (!realRoots.some((r) => isUnder(real, r))) {
    throw new CodedError('forbidden', `${path} is outside the folders Tidemark may use (${roots.join(', ')}); add it under Settings → Allowed folders`);
  }
  return real;
}
