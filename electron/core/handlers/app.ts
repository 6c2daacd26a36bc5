import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PathCheck } from '../../../shared/contract/index.js';
import { CodedError } from '../../../shared/result.js';
import { checkAllowed } from '../paths.js';
import type { HandlerContext } from './context.js';
import type { HandlerMap } from './types.js';

const VERSION = '0.1.0';

export function appHandlers(ctx: HandlerContext): HandlerMap<'getAppInfo' | 'checkPath' | 'completePath' | 'pickPath'> {
  return {
    getAppInfo: async () => ({
      version: VERSION,
      dataDir: ctx.dataDir,
      transport: ctx.transport === 'electron' ? 'electron' : 'web',
      allowedRoots: ctx.allowedRoots(),
      platform: process.platform,
    }),
    // Electron main replaces this with a native dialog (ServicesOptions.overrides); other transports have none.
    pickPath: async () => {
      throw new CodedError('bad-input', 'a native file dialog exists only in the desktop app: type the path instead');
    },
    checkPath: async ({ path }) => inspectPath(path, ctx.allowedRoots()),
    completePath: async ({ path, directoriesOnly }) => {
      const dir = path.endsWith('/') ? path : dirname(path);
      const prefix = path.endsWith('/') ? '' : basename(path);
      try {
        ctx.allowPath(dir);
      } catch {
        return [];
      }
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      return entries
        .filter((e) => e.name.startsWith(prefix) && !e.name.startsWith('.') === !prefix.startsWith('.') && (!directoriesOnly || e.isDirectory()))
        .map((e) => join(dir, e.name) + (e.isDirectory() ? '/' : ''))
        .sort()
        .slice(0, 50);
    },
  };
}

export async function inspectPath(path: string, roots: string[]): Promise<PathCheck> {
  let allowed = true;
  let message: string | null = null;
  try {
    checkAllowed(path, roots);
  } catch (e) {
    allowed = false;
    message = (e as CodedError).message;
  }
  const st = await stat(path).catch(() => null);
  if (!st) return { path, exists: false, kind: null, readable: false, allowed, message: message ?? `${path} does not exist` };
  const kind = st.isDirectory() ? 'directory' : st.isFile() ? 'file' : st.isBlockDevice() ? 'block-device' : 'other';
  const readable = await access(path, constants.R_OK | (kind === 'directory' ? constants.X_OK : 0)).then(
    () => true,
    () => false,
  );
  if (!readable && !message) message = `${path} is not readable`;
  return { path, exists: true, kind, readable, allowed, message };
}
