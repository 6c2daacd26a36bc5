import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { b64decode, b64encode } from './base64.js';
import { corrupt } from './errors.js';

// The age v1 header (https://age-encryption.org/v1): a version line, one stanza per recipient, and a
// MAC line whose HMAC covers everything before it, keyed from the file key.

export interface Stanza {
  /** args[0] is the stanza type (`X25519`, `scrypt`, …). */
  args: string[];
  body: Buffer;
}

export interface ParsedHeader {
  stanzas: Stanza[];
  /** The header bytes the MAC covers: up to and including the `---` of the MAC line. */
  macInput: Buffer;
  mac: Buffer;
  /** Offset of the first byte after the header (the payload nonce). */
  length: number;
}

const VERSION_LINE = 'age-encryption.org/v1';
const BODY_COLUMNS = 64;

export function encodeHeader(stanzas: Stanza[], fileKey: Buffer): Buffer {
  const lines = [VERSION_LINE + '\n'];
  for (const s of stanzas) {
    lines.push('-> ' + s.args.join(' ') + '\n');
    const body = b64encode(s.body);
    for (let i = 0; i < body.length; i += BODY_COLUMNS) lines.push(body.slice(i, i + BODY_COLUMNS) + '\n');
    // A stanza body ends with a short line; a body filling whole lines needs an empty one.
    if (body.length % BODY_COLUMNS === 0) lines.push('\n');
  }
  lines.push('---');
  const macInput = Buffer.from(lines.join(''), 'latin1');
  const mac = headerMac(fileKey, macInput);
  return Buffer.concat([macInput, Buffer.from(' ' + b64encode(mac) + '\n', 'latin1')]);
}

export function headerMac(fileKey: Buffer, macInput: Buffer): Buffer {
  const key = Buffer.from(hkdfSync('sha256', fileKey, Buffer.alloc(0), 'header', 32));
  return createHmac('sha256', key).update(macInput).digest();
}

export function verifyHeaderMac(header: ParsedHeader, fileKey: Buffer): void {
  if (!timingSafeEqual(headerMac(fileKey, header.macInput), header.mac)) throw corrupt('age header MAC mismatch: the header was altered');
}

/** Parses the header at the start of `file`; the file key is needed afterwards to check the MAC. */
export function parseHeader(file: Buffer): ParsedHeader {
  let pos = 0;
  const nextLine = (): { text: string; start: number } => {
    const end = file.indexOf(0x0a, pos);
    if (end < 0) throw corrupt('not an age file: header is truncated');
    const start = pos;
    for (let i = start; i < end; i++) {
      const c = file[i]!;
      if (c < 0x20 || c > 0x7e) throw corrupt('not an age file: header contains a non-printable byte');
    }
    pos = end + 1;
    return { text: file.toString('latin1', start, end), start };
  };

  if (file.length < VERSION_LINE.length + 1 || file.toString('latin1', 0, VERSION_LINE.length + 1) !== VERSION_LINE + '\n') {
    throw corrupt('not an age file (no age-encryption.org/v1 header)');
  }
  nextLine();
  const stanzas: Stanza[] = [];
  for (;;) {
    const line = nextLine();
    if (line.text.startsWith('-> ')) {
      stanzas.push({ args: parseArgs(line.text.slice(3)), body: readBody(nextLine) });
    } else if (line.text.startsWith('--- ')) {
      const mac = b64decode(line.text.slice(4));
      if (mac === null || mac.length !== 32) throw corrupt('age header has a malformed MAC line');
      return { stanzas, macInput: file.subarray(0, line.start + 3), mac, length: pos };
    } else {
      throw corrupt('age header has a malformed line');
    }
  }
}

function parseArgs(text: string): string[] {
  const args = text.split(' ');
  if (args.some((a) => a.length === 0)) throw corrupt('age header has a malformed stanza line');
  return args;
}

function readBody(nextLine: () => { text: string }): Buffer {
  const parts: Buffer[] = [];
  for (;;) {
    const { text } = nextLine();
    const bytes = text.length <= BODY_COLUMNS ? b64decode(text) : null;
    if (bytes === null) throw corrupt('age header has a malformed stanza body');
    parts.push(bytes);
    if (text.length < BODY_COLUMNS) return Buffer.concat(parts);
  }
}
