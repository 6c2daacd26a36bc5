import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { probeCapabilities, type Capabilities } from './capabilities.js';
import type { ZfsHost } from './zfs-host.js';

// Every job runs in a fresh worker, so the in-memory cache alone would probe on every sync
// (8 zfs commands per host, seconds on a busy machine). Probes are kept for an hour in
// <dataDir>/zfs-capabilities.json: long enough to help, short enough to notice a zfs upgrade.
const TTL_MS = 60 * 60 * 1000;

type Entries = Record<string, { at: number; caps: Capabilities }>;

function read(file: string): Entries {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' ? (v as Entries) : {};
  } catch {
    return {};
  }
}

export async function cachedProbe(h: ZfsHost, dataset: string, dataDir: string, now = Date.now()): Promise<Capabilities> {
  const file = join(dataDir, 'zfs-capabilities.json');
  const key = `${h.exec.label} ${h.zfsPath}`;
  const hit = read(file)[key];
  if (hit && now - hit.at < TTL_MS && hit.caps && typeof hit.caps.sendDryRun === 'boolean') return hit.caps;
  const caps = await probeCapabilities(h, dataset, key);
  try {
    const all = read(file);
    all[key] = { at: now, caps };
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, JSON.stringify(all, null, 1));
    renameSync(tmp, file);
  } catch {
    // a cache that cannot be written only costs the next probe
  }
  return caps;
}
