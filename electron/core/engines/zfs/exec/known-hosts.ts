import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// Tidemark pins SSH host keys in its own file, <dataDir>/known_hosts, in OpenSSH's unhashed
// known_hosts format ("host key-type base64-blob", "[host]:port …" for non-22 ports), so the user
// can read it, and `ssh -o UserKnownHostsFile=…` can use it too.

export function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The SHA256 fingerprint as OpenSSH prints it: base64 of the blob's digest, without padding. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type is the first string of the SSH wire-format blob. */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const n = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + n).toString('latin1');
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** The pinned key blobs for this host (any key type). */
export function pinnedKeys(file: string, host: string, port: number): Buffer[] {
  const pattern = hostPattern(host, port);
  const keys: Buffer[] = [];
  for (const line of readLines(file)) {
    const [hosts, , b64] = line.trim().split(/\s+/);
    if (!hosts || !b64 || hosts.startsWith('#')) continue;
    if (hosts.split(',').includes(pattern)) keys.push(Buffer.from(b64, 'base64'));
  }
  return keys;
}

export function pinKey(file: string, host: string, port: number, blob: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const lines = readLines(file).filter((l) => l.trim() !== '');
  lines.push(`${hostPattern(host, port)} ${keyType(blob)} ${blob.toString('base64')}`);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, lines.join('\n') + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}

export type HostKeyVerdict =
  | { kind: 'pinned'; fingerprint: string }
  | { kind: 'accepted'; fingerprint: string }
  | { kind: 'unknown'; fingerprint: string }
  | { kind: 'changed'; fingerprint: string; pinned: string[] };

/** Decides what to do with the key a host presented; pins it when the caller accepted exactly this fingerprint. */
export function checkHostKey(file: string, host: string, port: number, blob: Buffer, acceptHostKey?: string): HostKeyVerdict {
  const fp = fingerprint(blob);
  const pinned = pinnedKeys(file, host, port);
  if (pinned.some((k) => k.equals(blob))) return { kind: 'pinned', fingerprint: fp };
  if (pinned.length > 0) return { kind: 'changed', fingerprint: fp, pinned: pinned.map(fingerprint) };
  if (acceptHostKey !== undefined && acceptHostKey === fp) {
    pinKey(file, host, port, blob);
    return { kind: 'accepted', fingerprint: fp };
  }
  return { kind: 'unknown', fingerprint: fp };
}
