// The miren `snapshot` image format (docs/disk-format.md): MIRN, BE u32 version, BE u32 meta length, JSON meta, one zstd stream.
import { CodedError } from '../../../../shared/result.js';
import { goJson } from './go-json.js';

export const MAGIC = Buffer.from('MIRN', 'ascii');
export const FORMAT_VERSION = 1;
export const MAX_META_BYTES = 1 << 20;
/** miren writes this placeholder before the data pass, then rewrites the header: the real checksum has the same length. */
export const PLACEHOLDER_CHECKSUM = '0'.repeat(64);

/** What Tidemark adds to the miren meta (after miren's fields, so miren's bytes come first and unchanged). */
export interface TidemarkExtra {
  workload_id: string;
  type: string;
  tags: string[];
  notes: string;
}

export interface ImageMeta {
  name: string;
  size_bytes: number;
  filesystem: string;
  /** RFC 3339 as Go's time.Time marshals it (UTC, trailing fraction zeros trimmed) */
  timestamp: string;
  checksum: string;
  version: number;
  tidemark?: TidemarkExtra;
}

export interface ParsedHeader {
  meta: ImageMeta;
  /** offset of the zstd stream */
  dataStart: number;
}

/** Go's RFC3339Nano for a UTC time: fraction digits only when non-zero, trailing zeros dropped. */
export function goTimestamp(d: Date): string {
  const iso = d.toISOString(); // 2026-01-02T03:04:05.678Z
  const [main, frac = ''] = iso.slice(0, -1).split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${main}${trimmed ? `.${trimmed}` : ''}Z`;
}

export function encodeHeader(meta: ImageMeta): Buffer {
  // Field order is miren's struct order; extras last. JSON.stringify would order by insertion too, but Go escapes differently.
  const fields: [string, unknown][] = [
    ['name', meta.name],
    ['size_bytes', meta.size_bytes],
    ['filesystem', meta.filesystem],
    ['timestamp', meta.timestamp],
    ['checksum', meta.checksum],
    ['version', meta.version],
  ];
  if (meta.tidemark) fields.push(['tidemark', meta.tidemark]);
  const json = Buffer.from(`{${fields.map(([k, v]) => `${goJson(k)}:${goJson(v)}`).join(',')}}`, 'utf8');
  if (json.length > MAX_META_BYTES) throw new CodedError('bad-input', `image metadata is ${json.length} bytes, over the 1 MiB limit`);
  const head = Buffer.alloc(12);
  MAGIC.copy(head, 0);
  head.writeUInt32BE(FORMAT_VERSION, 4);
  head.writeUInt32BE(json.length, 8);
  return Buffer.concat([head, json]);
}

const corrupt = (what: string, msg: string) => new CodedError('corrupt', `${what}: ${msg}`);

/**
 * Parses a header from the first bytes of a file. `avail` is how many bytes the file has in total,
 * so a short read is reported as truncation rather than as bad JSON.
 */
export function parseHeader(buf: Buffer, what: string): ParsedHeader {
  if (buf.length < 12) throw corrupt(what, `truncated: ${buf.length} bytes, a miren image header needs at least 12`);
  if (!buf.subarray(0, 4).equals(MAGIC)) throw corrupt(what, `not a miren image (it starts with ${buf.subarray(0, 4).toString('hex').replace(/(..)(?!$)/g, '$1 ')}, not "MIRN")`);
  const version = buf.readUInt32BE(4);
  if (version !== FORMAT_VERSION) throw corrupt(what, `unsupported image format version ${version} (this Tidemark reads version ${FORMAT_VERSION})`);
  const len = buf.readUInt32BE(8);
  if (len > MAX_META_BYTES) throw corrupt(what, `metadata length ${len} is over the 1 MiB limit`);
  if (buf.length < 12 + len) throw corrupt(what, `truncated in the metadata (${buf.length - 12} of ${len} bytes)`);
  let raw: unknown;
  try {
    raw = JSON.parse(buf.subarray(12, 12 + len).toString('utf8'));
  } catch (e) {
    throw corrupt(what, `metadata is not valid JSON (${(e as Error).message})`);
  }
  return { meta: checkMeta(raw, what), dataStart: 12 + len };
}

function checkMeta(raw: unknown, what: string): ImageMeta {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw corrupt(what, 'metadata is not a JSON object');
  const m = raw as Record<string, unknown>;
  const str = (k: string) => {
    if (typeof m[k] !== 'string') throw corrupt(what, `metadata field "${k}" is missing or not a string`);
    return m[k] as string;
  };
  const size = m.size_bytes;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw corrupt(what, 'metadata field "size_bytes" is not a non-negative integer');
  const checksum = str('checksum').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(checksum)) throw corrupt(what, 'metadata field "checksum" is not a SHA-256 hex digest');
  const timestamp = str('timestamp');
  if (Number.isNaN(Date.parse(timestamp))) throw corrupt(what, `metadata timestamp ${JSON.stringify(timestamp)} is not RFC 3339`);
  const meta: ImageMeta = { name: str('name'), size_bytes: size, filesystem: str('filesystem'), timestamp, checksum, version: typeof m.version === 'number' ? m.version : FORMAT_VERSION };
  const extra = m.tidemark;
  if (extra && typeof extra === 'object' && !Array.isArray(extra)) {
    const e = extra as Record<string, unknown>;
    meta.tidemark = {
      workload_id: typeof e.workload_id === 'string' ? e.workload_id : '',
      type: typeof e.type === 'string' ? e.type : 'manual',
      tags: Array.isArray(e.tags) ? e.tags.filter((t): t is string => typeof t === 'string') : [],
      notes: typeof e.notes === 'string' ? e.notes : '',
    };
  }
  return meta;
}
