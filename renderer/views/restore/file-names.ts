// Paths on this machine for the file-first wizard: where a snapshot path came from, and the name
// a restored version gets next to it ("report.txt" → "report (2026-11-20 14.00).txt").

/** `source` + the snapshot-relative `path`, with one slash between them. */
export function originalPath(source: string, path: string): string {
  return `${source.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function splitFile(abs: string): { dir: string; name: string } {
  const i = abs.lastIndexOf('/');
  return { dir: i <= 0 ? '/' : abs.slice(0, i), name: abs.slice(i + 1) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date and time, with a dot in the time: a colon is not allowed in names on Windows and shows as "/" in Finder. */
export function stamp(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}.${pad(d.getMinutes())}`;
}

/** The stamp goes before the extension, so the copy still opens with the same program; dotfiles keep their leading dot. */
export function versionName(name: string, iso: string): string {
  const dot = name.lastIndexOf('.');
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return `${base} (${stamp(iso)})${ext}`;
}

/** What the server's file-name check refuses, said before asking it. */
export function fileNameProblem(name: string): string | null {
  if (!name.trim()) return 'Type a file name.';
  if (name.includes('/')) return 'A file name cannot contain "/".';
  if (name === '.' || name === '..') return 'Not a file name.';
  if (new TextEncoder().encode(name).length > 255) return 'At most 255 bytes.';
  return null;
}
