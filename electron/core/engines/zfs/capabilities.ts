import { zfsArgv, type ZfsHost, zfsRun } from './zfs-host.js';

import type { ZfsCapabilities } from '../../../../shared/contract/zfs.js';

/** What one host's zfs can do, found by trying harmless forms — never assumed from a version string. */
export type Capabilities = ZfsCapabilities;

const cache = new Map<string, Capabilities>();

export function cachedCapabilities(key: string): Capabilities | undefined {
  return cache.get(key);
}

/**
 * Probes `zfs` on a host against an existing dataset. Usage text is parsed for flags a command
 * accepts (zfs prints it on a bad invocation); properties are probed with real `zfs get` calls.
 */
export async function probeCapabilities(h: ZfsHost, dataset: string, cacheKey = `${h.exec.label} ${h.zfsPath}`): Promise<Capabilities> {
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  // Fails loudly (not found, permission, not running) before anything else is guessed.
  await zfsRun(h, ['get', '-H', '-o', 'value', 'guid', dataset]);
  const usage = async (args: string[]) => {
    const r = await h.exec.run(zfsArgv(h, args));
    return r.stdout + r.stderr;
  };
  const tryOk = async (args: string[]) => (await h.exec.run(zfsArgv(h, args))).code === 0;

  // independent and harmless: run them side by side (one SSH channel each)
  const [help, sendUsage, recvUsage, listParsable, getType, resumeToken, createtxg] = await Promise.all([
    usage(['help']),
    usage(['send']),
    usage(['receive']),
    tryOk(['list', '-p', '-H', '-o', 'name', '-d', '0', dataset]),
    tryOk(['get', '-H', '-t', 'filesystem', '-o', 'value', 'guid', dataset]),
    tryOk(['get', '-H', '-o', 'value', 'receive_resume_token', dataset]),
    tryOk(['get', '-H', '-o', 'value', 'createtxg', dataset]),
  ]);
  const probes = { listParsable, getType, resumeToken, createtxg };
  const caps = parseCapabilities(help, sendUsage, recvUsage, probes);
  cache.set(cacheKey, caps);
  return caps;
}

/** Reads what a zfs binary accepts from its usage texts, plus the results of real probe commands. */
export function parseCapabilities(help: string, sendUsage: string, recvUsage: string, probes: { listParsable: boolean; getType: boolean; resumeToken: boolean; createtxg: boolean }): Capabilities {
  const flags = (text: string, cmd: string) => (text.match(new RegExp(`^\\s*${cmd}\\s+(.*)$`, 'gm')) ?? []).join(' ');
  const sendFlags = flags(sendUsage, 'send');
  const recvFlags = flags(recvUsage, '(?:receive|recv)');
  const has = (fl: string, c: string) => new RegExp(`\\[-[A-Za-z]*${c}[A-Za-z]*\\]|-${c}\\b`).test(fl);
  const caps: Capabilities = {
    listParsable: probes.listParsable,
    getType: probes.getType,
    sendDryRun: has(sendFlags, 'n') && has(sendFlags, 'P'),
    recvResumable: probes.resumeToken && has(recvFlags, 's'),
    recvNoMount: has(recvFlags, 'u'),
    recvAbort: has(recvFlags, 'A'),
    // OpenZFS documents both forms in the destroy usage line: <filesystem|volume>@<snap>[%<snap>][,...]
    destroyRange: /destroy[^\n]*%/.test(help),
    destroyList: /destroy[^\n]*\[,\.\.\.\]/.test(help),
    bookmarks: /^\s*bookmark\b/m.test(help),
    holds: /^\s*hold\b/m.test(help) && /^\s*release\b/m.test(help),
    guid: true,
    createtxg: probes.createtxg,
    notes: [],
  };
  const notes: [keyof Capabilities, string][] = [
    ['sendDryRun', 'no size estimate before a transfer (progress shows bytes only)'],
    ['recvResumable', 'an interrupted transfer starts over (no resume tokens)'],
    ['recvNoMount', 'received datasets are mounted (no recv -u): Tidemark sets readonly=on on them'],
    ['destroyRange', 'snapshots are destroyed one by one (no a%b ranges)'],
    ['bookmarks', 'no bookmarks'],
    ['holds', 'no holds'],
  ];
  caps.notes = notes.filter(([k]) => !caps[k]).map(([, n]) => n);
  return caps;
}
