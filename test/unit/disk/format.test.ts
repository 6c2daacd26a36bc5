import { describe, expect, it } from 'vitest';
import { encodeHeader, goTimestamp, parseHeader, PLACEHOLDER_CHECKSUM, type ImageMeta } from '../../../electron/core/engines/disk/format.js';
import { goJson } from '../../../electron/core/engines/disk/go-json.js';

const meta: ImageMeta = {
  name: 'vm-1',
  size_bytes: 8192,
  filesystem: 'ext4',
  timestamp: '2026-06-04T12:00:00.12Z',
  checksum: PLACEHOLDER_CHECKSUM,
  version: 1,
};

// What Go's json.Marshal writes for miren's Meta struct with these values (field order = struct order).
const GO_JSON = `{"name":"vm-1","size_bytes":8192,"filesystem":"ext4","timestamp":"2026-06-04T12:00:00.12Z","checksum":"${'0'.repeat(64)}","version":1}`;

function header(json: string, { magic = 'MIRN', version = 1, len = Buffer.byteLength(json) } = {}): Buffer {
  const h = Buffer.alloc(12);
  h.write(magic, 0, 'latin1');
  h.writeUInt32BE(version, 4);
  h.writeUInt32BE(len, 8);
  return Buffer.concat([h, Buffer.from(json)]);
}

describe('miren header: the bytes', () => {
  it('is MIRN, BE u32 1, BE u32 length, then Go-marshalled JSON in miren field order', () => {
    const b = encodeHeader(meta);
    expect(b.subarray(0, 12).toString('hex')).toBe('4d49524e' + '00000001' + Buffer.byteLength(GO_JSON).toString(16).padStart(8, '0'));
    expect(b.subarray(12).toString('utf8')).toBe(GO_JSON);
    expect(b.length).toBe(12 + 181);
  });

  it('keeps the same length when the placeholder checksum is replaced by the real one (miren rewrites in place)', () => {
    const real = encodeHeader({ ...meta, checksum: 'ab'.repeat(32) });
    expect(real.length).toBe(encodeHeader(meta).length);
  });

  it("puts Tidemark's own fields after miren's, so miren's prefix is unchanged", () => {
    const b = encodeHeader({ ...meta, tidemark: { workload_id: 'w1', type: 'manual', tags: ['a'], notes: '' } }).subarray(12).toString();
    expect(b.startsWith(GO_JSON.slice(0, -1) + ',"tidemark":{"workload_id":"w1","type":"manual","tags":["a"],"notes":""}')).toBe(true);
  });

  it('escapes strings like Go: HTML characters, U+2028/9, lone surrogates', () => {
    expect(goJson('a<b>&"\\\n\t\u0001\u2028\u2029')).toBe('"a\\u003cb\\u003e\\u0026\\"\\\\\\n\\t\\u0001\\u2028\\u2029"');
    expect(goJson('x\ud800y')).toBe('"x\ufffdy"');
    expect(goJson('é')).toBe('"é"');
  });

  it('formats time as Go RFC3339Nano in UTC: fraction trimmed, absent when zero', () => {
    expect(goTimestamp(new Date('2026-06-04T12:00:00.120Z'))).toBe('2026-06-04T12:00:00.12Z');
    expect(goTimestamp(new Date('2026-06-04T12:00:00.000Z'))).toBe('2026-06-04T12:00:00Z');
    expect(goTimestamp(new Date('2026-06-04T12:00:00.001Z'))).toBe('2026-06-04T12:00:00.001Z');
  });

  it('parses what it writes, and reports where the data starts', () => {
    const b = encodeHeader({ ...meta, checksum: 'AB'.repeat(32) });
    const p = parseHeader(Buffer.concat([b, Buffer.from([0x28, 0xb5, 0x2f, 0xfd])]), 'x');
    expect(p.dataStart).toBe(b.length);
    expect(p.meta).toEqual({ ...meta, checksum: 'ab'.repeat(32) });
  });

  it('reads a Go timestamp with nanoseconds and an offset', () => {
    const p = parseHeader(header(GO_JSON.replace('2026-06-04T12:00:00.12Z', '2026-06-04T14:00:00.123456789+02:00')), 'x');
    expect(new Date(p.meta.timestamp).toISOString()).toBe('2026-06-04T12:00:00.123Z');
  });
});

describe('miren header: bad input, one clear message each', () => {
  const bad = (b: Buffer) => {
    try {
      parseHeader(b, '/r/img.mirn');
    } catch (e) {
      expect((e as { code: string }).code).toBe('corrupt');
      expect((e as Error).message).not.toContain('\n');
      return (e as Error).message;
    }
    throw new Error('parsed');
  };
  it('truncated before the length', () => expect(bad(Buffer.from('MIRN\0\0'))).toMatch(/^\/r\/img\.mirn: truncated: 6 bytes/));
  it('truncated in the metadata', () => expect(bad(header(GO_JSON).subarray(0, 40))).toMatch(/truncated in the metadata \(28 of 181 bytes\)/));
  it('wrong magic', () => expect(bad(header(GO_JSON, { magic: 'PK\x03\x04' }))).toMatch(/not a miren image \(it starts with 50 4b 03 04, not "MIRN"\)$/));
  it('unsupported version', () => expect(bad(header(GO_JSON, { version: 2 }))).toMatch(/unsupported image format version 2/));
  it('metadata length over 1 MiB', () => expect(bad(header('{}', { len: (1 << 20) + 1 }))).toMatch(/metadata length 1048577 is over the 1 MiB limit/));
  it('exactly 1 MiB of metadata is allowed', () => {
    const pad = ' '.repeat((1 << 20) - GO_JSON.length);
    expect(parseHeader(header(GO_JSON + pad), 'x').meta.name).toBe('vm-1');
  });
  it('malformed JSON', () => expect(bad(header(GO_JSON.slice(0, -1)))).toMatch(/not valid JSON/));
  it('JSON that is not an object', () => expect(bad(header('[1]'))).toMatch(/not a JSON object/));
  it('missing checksum', () => expect(bad(header(GO_JSON.replace(/"checksum":"0+",/, '')))).toMatch(/"checksum" is missing/));
  it('checksum not hex', () => expect(bad(header(GO_JSON.replace(/"checksum":"0+"/, '"checksum":"xyz"')))).toMatch(/not a SHA-256/));
  it('negative size', () => expect(bad(header(GO_JSON.replace('8192', '-1')))).toMatch(/size_bytes/));
  it('bad timestamp', () => expect(bad(header(GO_JSON.replace('2026-06-04T12:00:00.12Z', 'yesterday')))).toMatch(/not RFC 3339/));
});
