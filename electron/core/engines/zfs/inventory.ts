import type { Capabilities } from './capabilities.js';
import { relName, type DatasetInv, type SideInventory, type SnapInfo } from './model.js';
import { type ZfsHost, zfsRun } from './zfs-host.js';
import { CodedError } from '../../../../shared/result.js';

const PROPS = ['guid', 'createtxg', 'creation', 'used', 'userrefs'];

/**
 * All datasets under `root` with their snapshots, in ONE `zfs get -r` per root (not one command per
 * dataset). `zfs get -Hp` works on every ZFS we know, unlike `zfs list -p`.
 */
export async function inventory(h: ZfsHost, root: string, caps?: Capabilities): Promise<SideInventory> {
  const props = [...PROPS];
  if (caps?.recvResumable) props.push('receive_resume_token');
  const args = ['get', '-Hp', '-r'];
  if (caps?.getType) args.push('-t', 'filesystem,volume,snapshot');
  args.push('-o', 'name,property,value', props.join(','), root);
  let out: string;
  try {
    out = await zfsRun(h, args, { timeoutMs: 300_000 });
  } catch (e) {
    if (e instanceof CodedError && e.code === 'not-found') return { root, exists: false, datasets: [] };
    throw e;
  }
  return parseInventory(root, out);
}

export function parseInventory(root: string, out: string): SideInventory {
  const datasets = new Map<string, DatasetInv>();
  const snaps = new Map<string, Partial<SnapInfo> & { ds: string }>();
  const dataset = (rel: string) => {
    let d = datasets.get(rel);
    if (!d) datasets.set(rel, (d = { rel, snapshots: [] }));
    return d;
  };
  for (const line of out.split('\n')) {
    if (!line) continue;
    // names may contain spaces but never tabs: split on the last two tabs
    const t2 = line.lastIndexOf('\t');
    const t1 = line.lastIndexOf('\t', t2 - 1);
    if (t1 < 0) continue;
    const name = line.slice(0, t1);
    const prop = line.slice(t1 + 1, t2);
    const value = line.slice(t2 + 1);
    const at = name.indexOf('@');
    if (at < 0) {
      const rel = relName(root, name);
      if (rel === undefined) continue;
      const d = dataset(rel);
      if (prop === 'receive_resume_token' && value !== '-' && value !== '') d.resumeToken = value;
      continue;
    }
    const rel = relName(root, name.slice(0, at));
    if (rel === undefined) continue;
    dataset(rel);
    let s = snaps.get(name);
    if (!s) snaps.set(name, (s = { ds: rel, name: name.slice(at + 1), userrefs: 0, used: 0 }));
    const num = value === '-' ? 0 : Number(value);
    if (prop === 'guid') s.guid = value;
    else if (prop === 'createtxg') s.createtxg = num;
    else if (prop === 'creation') s.creation = num;
    else if (prop === 'used') s.used = num;
    else if (prop === 'userrefs') s.userrefs = num;
  }
  for (const s of snaps.values()) {
    if (s.guid === undefined || s.createtxg === undefined || s.creation === undefined) continue;
    const { ds, ...info } = s;
    dataset(ds).snapshots.push(info as SnapInfo);
  }
  const list = [...datasets.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const d of list) d.snapshots.sort((a, b) => a.createtxg - b.createtxg || a.creation - b.creation);
  return { root, exists: datasets.has(''), datasets: list };
}
