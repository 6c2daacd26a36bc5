// A line diff (Myers' O(ND) algorithm) cut into hunks with context, for the file-first restore wizard.

export interface DiffLine {
  op: ' ' | '+' | '-';
  text: string;
}
export interface Hunk {
  aStart: number;
  aLines: number;
  bStart: number;
  bLines: number;
  lines: DiffLine[];
}
export interface LineDiff {
  added: number;
  removed: number;
  hunks: Hunk[];
  /** the hunks stop after `maxLines` lines */
  truncated: boolean;
}

/**
 * Above this many differing lines the exact script costs too much memory (the trace is O(D²));
 * the rest of the middle is then shown as removed-then-added, which is correct, only not minimal.
 */
const MAX_EDITS = 2000;
const CONTEXT = 3;

export const splitLines = (text: string): string[] => {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** The edit script of a vs b (already trimmed of their common ends) as ops, or null when it needs more than MAX_EDITS edits. */
function myers(a: number[], b: number[]): (' ' | '+' | '-')[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], dEnd: number, n: number, m: number): (' ' | '+' | '-')[] {
  const ops: (' ' | '+' | '-')[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    // trace[d] is V before step d, stored from k = -d-1; index of k is k + d + 1
    const vd = trace[d]!;
    const at = (k: number) => vd[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    while (x > px + (down ? 0 : 1) && y > py + (down ? 1 : 0)) ops.push(' '), x--, y--;
    ops.push(down ? '+' : '-');
    x = px;
    y = py;
  }
  while (x > 0 && y > 0) ops.push(' '), x--, y--;
  return ops.reverse();
}

export function diffLines(aText: string, bText: string, maxLines = 5000): LineDiff {
  const a = splitLines(aText);
  const b = splitLines(bText);
  const ids = new Map<string, number>();
  const id = (s: string) => ids.get(s) ?? (ids.set(s, ids.size), ids.size - 1);
  const ai = a.map(id);
  const bi = b.map(id);
  let pre = 0;
  while (pre < a.length && pre < b.length && ai[pre] === bi[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && ai[a.length - 1 - suf] === bi[b.length - 1 - suf]) suf++;
  const midA = ai.slice(pre, a.length - suf);
  const midB = bi.slice(pre, b.length - suf);
  const middle = myers(midA, midB) ?? [...midA.map(() => '-' as const), ...midB.map(() => '+' as const)];
  const ops = [...new Array<' '>(pre).fill(' '), ...middle, ...new Array<' '>(suf).fill(' ')];
  return toHunks(ops, a, b, maxLines);
}

function toHunks(ops: (' ' | '+' | '-')[], a: string[], b: string[], maxLines: number): LineDiff {
  const out: LineDiff = { added: 0, removed: 0, hunks: [], truncated: false };
  let shown = 0;
  let cur: Hunk | null = null;
  let ia = 0;
  let ib = 0;
  let lastChange = -Infinity;
  const changeAt: number[] = [];
  ops.forEach((op, i) => op !== ' ' && changeAt.push(i));
  let next = 0; // index into changeAt of the next change at or after i
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    while (next < changeAt.length && changeAt[next]! < i) next++;
    const nearNext = next < changeAt.length && changeAt[next]! - i <= CONTEXT;
    if (op !== ' ') lastChange = i;
    const inHunk = op !== ' ' || nearNext || i - lastChange <= CONTEXT;
    if (inHunk && !out.truncated) {
      if (!cur) out.hunks.push((cur = { aStart: ia + 1, aLines: 0, bStart: ib + 1, bLines: 0, lines: [] }));
      if (shown++ >= maxLines) out.truncated = true;
      else {
        cur.lines.push({ op, text: op === '+' ? b[ib]! : a[ia]! });
        if (op !== '+') cur.aLines++;
        if (op !== '-') cur.bLines++;
      }
    } else if (!inHunk) cur = null;
    if (op === '+') (out.added++, ib++);
    else if (op === '-') (out.removed++, ia++);
    else (ia++, ib++);
  }
  return out;
}
