import { type ZfsHost, zfsError } from './zfs-host.js';

import type { ZfsCapabilities } from '../../../../shared/contract/zfs.js';

/** What one host's zfs can do, found by trying harmless forms — never assumed from a version string. */
export type Capabilities = ZfsCapabilities;

const cache = new Map<string, Capabilities>();

export function cachedCapabilities(key: string): Capabilities | undefined {
  return cache.get(key);
}

// Every probe in ONE shell on the host: each command over SSH costs a new session (150-200 ms on a
// busy machine), while the commands themselves take milliseconds. The guid read goes first and
// fails loudly (not found, permission, ZFS not running); the rest only report what they print.
const PROBE_SCRIPT = [
  'z=$1 ds=$2',
  '"$z" get -H -o value guid "$ds" >/dev/null || exit $?',
  "p() { n=$1; shift; printf '\\n@@probe %s\\n' \"$n\"; \"$z\" \"$@\" 2>&1; printf '\\n@@rc %s\\n' \"$?\"; }",
  'p help help',
  'p send send',
  'p receive receive',
  'p listParsable list -p -H -o name -d 0 "$ds"',
  'p getType get -H -t filesystem -o value guid "$ds"',
  'p resumeToken get -H -o value receive_resume_token "$ds"',
  'p createtxg get -H -o value createtxg "$ds"',
].join('\n');

/** Probes `zfs` on a host against an existing dataset, never assuming from a version string. */
export async function probeCapabilities(h: ZfsHost, dataset: string, cacheKey = `${h.exec.label} ${h.zfsPath}`): Promise<Capabilities> {
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const r = await h.exec.run(['sh', '-c', PROBE_SCRIPT, 'sh', h.zfsPath, dataset]);
  if (r.code !== 0) throw zfsError(h, ['get', 'guid', dataset], r.code, r.stderr);
  const out = new Map<string, { text: string; ok: boolean }>();
  for (const m of r.stdout.matchAll(/@@probe (\w+)\n([\s\S]*?)\n@@rc (\d+)\n/g)) out.set(m[1]!, { text: m[2]!, ok: m[3] === '0' });
  const text = (k: string) => out.get(k)?.text ?? '';
  const ok = (k: string) => out.get(k)?.ok === true;
  const caps = parseCapabilities(text('help'), text('send'), text('receive'), { listParsable: ok('listParsable'), getType: ok('getType'), resumeToken: ok('resumeToken'), createtxg: ok('createtxg') });
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
