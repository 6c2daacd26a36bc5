import { CodedError } from '../../../../../shared/result.js';
import { plainSealer, type Sealer } from '../seal.js';
import type { Storage } from '../storage/types.js';
import type { RepoConfig } from './config.js';

export interface Opened {
  sealer: Sealer;
  chunkerSeed: string;
}

export async function createSealer(_storage: Storage, config: RepoConfig, _passphrase?: string): Promise<Opened> {
  if (config.encryption === 'none') return { sealer: plainSealer, chunkerSeed: config.chunker.seed };
  throw new CodedError('bad-input', 'encrypted repositories are not available in this build yet');
}

export async function openSealer(storage: Storage, config: RepoConfig, passphrase?: string): Promise<Opened> {
  return createSealer(storage, config, passphrase);
}
