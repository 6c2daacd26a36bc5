// The remote end of an SSH exec runs the command through the user's login shell, so every
// argument must survive word splitting and expansion: POSIX single quotes do, with `'` spelled `'\''`.
export function shQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('an argument cannot contain NUL bytes');
  if (/^[A-Za-z0-9_./:=@%,+-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shJoin(argv: readonly string[]): string {
  return argv.map(shQuote).join(' ');
}
