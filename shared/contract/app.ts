import { z } from 'zod';
import { absPathSchema } from '../domain.js';
import { method } from './define.js';

export interface AppInfo {
  version: string;
  dataDir: string;
  transport: 'electron' | 'web';
  allowedRoots: string[];
  platform: string;
}

export interface PathCheck {
  path: string;
  exists: boolean;
  kind: 'directory' | 'file' | 'block-device' | 'other' | null;
  readable: boolean;
  allowed: boolean;
  message: string | null;
}

export const appMethods = {
  getAppInfo: method<AppInfo>()(z.object({}).strict()),
  /** Server-side check of a path typed in the browser (the Electron build uses the native dialog). */
  checkPath: method<PathCheck>()(z.object({ path: absPathSchema }).strict()),
  /** Completion for a path field: entries of the directory part that start with the last segment. */
  /** The desktop app's native open dialog; null when the user cancelled. The browser types paths instead. */
  pickPath: method<string | null>()(
    z.object({ title: z.string().max(200), directory: z.boolean(), defaultPath: absPathSchema.optional() }).strict(),
  ),
  completePath: method<string[]>()(z.object({ path: absPathSchema, directoriesOnly: z.boolean().optional() }).strict()),
};
