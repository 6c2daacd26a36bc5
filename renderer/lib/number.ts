import { once } from './once.js';

// shared/format's formatCount uses toLocaleString, which builds a formatter per call; hot paths
// (virtualized rows re-rendered on every scroll frame) use this cached one, with the same output.
// (made on first use, as lib/time's formatters)
const INT = once(() => new Intl.NumberFormat('en-US'));

export function formatInt(n: number): string {
  return INT().format(n);
}
