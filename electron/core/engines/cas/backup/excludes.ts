// Exclude patterns (restic/gitignore-like): `*` and `?` stay within one name, `**` crosses
// directories; a pattern without '/' matches a name at any depth, one starting with '/' is
// anchored at the source root; a match on a directory excludes everything below it.

function globToRegExp(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return re;
}

export type ExcludeFn = (relPath: string) => boolean;

export function compileExcludes(patterns: string[]): ExcludeFn {
  if (patterns.length === 0) return () => false;
  const res = patterns.map((p) => {
    const trimmed = p.replace(/\/+$/, '');
    const anchored = trimmed.startsWith('/');
    const body = globToRegExp(anchored ? trimmed.slice(1) : trimmed);
    return new RegExp(anchored || trimmed.includes('/') ? `^${body}$` : `(?:^|/)${body}$`);
  });
  return (rel) => res.some((r) => r.test(rel));
}

export const CACHEDIR_SIGNATURE = 'Signature: 8a477f597d28d172789f06886806bc55';
