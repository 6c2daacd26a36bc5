import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CodedError } from '../../../../../shared/result.js';
import { DEFAULT_CHUNKER } from '../chunker.js';
import type { Storage } from '../storage/types.js';

export const REPO_VERSION = 1;
export const PACK_TARGET_SIZE = 16 * 1024 * 1024;

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));

export const repoConfigSchema = z.object({
  format: z.literal('tidemark-cas'),
  version: z.number().int(),
  id: hex(32),
  createdAt: z.string(),
  chunker: z.object({
    algorithm: z.literal('fastcdc-gear32-nc2'),
    minSize: z.number().int().positive(),
    avgSize: z.number().int().positive(),
    maxSize: z.number().int().positive(),
    // 'key' when encrypted: the seed is derived from the repository key so boundaries reveal nothing
    seed: z.union([hex(64), z.literal('key')]),
  }),
  compression: z.object({ algorithm: z.literal('zstd'), level: z.number().int() }),
  packSize: z.number().int().positive(),
  encryption: z.enum(['none', 'age']),
});
export type RepoConfig = z.infer<typeof repoConfigSchema>;

export function newConfig(encryption: 'none' | 'age', chunker: Partial<typeof DEFAULT_CHUNKER> = {}, packSize = PACK_TARGET_SIZE): RepoConfig {
  return {
    format: 'tidemark-cas',
    version: REPO_VERSION,
    id: randomBytes(16).toString('hex'),
    createdAt: new Date().toISOString(),
    chunker: { algorithm: 'fastcdc-gear32-nc2', ...DEFAULT_CHUNKER, ...chunker, seed: encryption === 'none' ? randomBytes(32).toString('hex') : 'key' },
    compression: { algorithm: 'zstd', level: 3 },
    packSize,
    encryption,
  };
}

export async function readConfig(storage: Storage): Promise<RepoConfig> {
  let raw: Buffer;
  try {
    raw = await storage.get('config');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CodedError('not-found', `${storage.location} is not a Tidemark repository (no config file)`);
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new CodedError('corrupt', `${storage.location}/config is not valid JSON`);
  }
  const r = repoConfigSchema.safeParse(parsed);
  if (!r.success) throw new CodedError('corrupt', `${storage.location}/config is not a Tidemark repository config`);
  if (r.data.version > REPO_VERSION) throw new CodedError('corrupt', `repository format version ${r.data.version} is newer than this Tidemark understands (${REPO_VERSION})`);
  return r.data;
}
