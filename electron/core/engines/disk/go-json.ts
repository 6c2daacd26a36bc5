// JSON as Go's encoding/json.Marshal writes it, so a Tidemark header is byte-identical to miren's for the same meta.
// Differences from JSON.stringify: Go escapes <, >, & (HTML-safe), U+2028/U+2029, and replaces
// invalid UTF-16 (lone surrogates; invalid UTF-8 in Go) with U+FFFD.

function goString(s: string): string {
  return JSON.stringify(s.toWellFormed())
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Strings, safe integers, booleans, null, arrays and plain objects (in insertion order, like Go struct fields). */
export function goJson(v: unknown): string {
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`goJson: only safe integers are encoded (${v})`);
    return String(v);
  }
  if (typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${goString(k)}:${goJson(x)}`)
      .join(',')}}`;
  }
  throw new Error(`goJson: cannot encode ${typeof v}`);
}
