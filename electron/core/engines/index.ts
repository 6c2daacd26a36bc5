import type { Engine, Workload } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/result.js';
import { casAdapter } from './cas/adapter.js';
import { diskAdapter } from './disk/adapter.js';
import type { EngineAdapter } from './types.js';
import { zfsAdapter } from './zfs/adapter.js';

// One adapter per engine; each engine's folder owns its adapter.
const adapters: Partial<Record<Engine, EngineAdapter<never>>> = {
  cas: casAdapter as EngineAdapter<never>,
  zfs: zfsAdapter as EngineAdapter<never>,
  disk: diskAdapter as EngineAdapter<never>,
};

export function adapterFor<W extends Workload>(w: Pick<W, 'engine'>): EngineAdapter<W> {
  const a = adapters[w.engine];
  if (!a) throw new CodedError('bad-input', `the ${w.engine} engine cannot do this yet`);
  return a as unknown as EngineAdapter<W>;
}

export function hasAdapter(engine: Engine): boolean {
  return adapters[engine] !== undefined;
}
