// The file-first wizard's line diff: the script must rebuild both sides exactly and be minimal.
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines } from '../../../electron/core/engines/cas/browse/line-diff.js';

/** Both sides rebuilt from the hunks plus the unchanged lines between them. */
function rebuild(a: string[], d: ReturnType<typeof diffLines>): { a: string[]; b: string[] } {
  const outA: string[] = [];
  const outB: string[] = [];
  let ia = 0;
  for (const h of d.hunks) {
    while (ia < h.aStart - 1) outA.push(a[ia]!), outB.push(a[ia++]!);
    for (const l of h.lines) {
      if (l.op !== '+') outA.push(l.text), ia++;
      if (l.op !== '-') outB.push(l.text);
    }
  }
  while (ia < a.length) outA.push(a[ia]!), outB.push(a[ia++]!);
  return { a: outA, b: outB };
}

function lcs(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
  return dp[a.length]![b.length]!;
}

let seed = 7;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);

describe('line diff', () => {
  it('rebuilds both sides and is minimal on random edits', () => {
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: rand(40) }, () => `l${rand(8)}`);
      const b = a.filter(() => rand(4) > 0).flatMap((l) => (rand(5) === 0 ? [l, `n${rand(8)}`] : [l]));
      const text = (l: string[]) => (l.length ? `${l.join('\n')}\n` : '');
      const d = diffLines(text(a), text(b));
      expect(rebuild(a, d)).toEqual({ a, b });
      expect(a.length - d.removed).toBe(lcs(a, b));
      expect(b.length - d.added).toBe(lcs(a, b));
    }
  });

  it('keeps 3 lines of context, merges close changes and cuts long outputs', () => {
    const a = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const b = a.map((l, i) => (i === 10 || i === 15 || i === 80 ? `${l}!` : l));
    const d = diffLines(a.join('\n'), b.join('\n'));
    expect(d.hunks.map((h) => [h.aStart, h.aLines, h.bStart, h.bLines])).toEqual([[8, 12, 8, 12], [78, 7, 78, 7]]);
    const many = diffLines(a.join('\n'), a.map((l) => `${l}?`).join('\n'), 50);
    expect(many.truncated).toBe(true);
    expect(many.hunks.flatMap((h) => h.lines).length).toBe(50);
    expect([many.added, many.removed]).toEqual([100, 100]);
  });

  it('falls back to remove-then-add past the edit cap, still exact', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    const d = diffLines(a.join('\n'), b.join('\n'), 10_000);
    expect(rebuild(a, d)).toEqual({ a, b });
    expect(splitLines('x\ny\n')).toEqual(['x', 'y']);
  });
});
