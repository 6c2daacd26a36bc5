import { useMemo, useRef } from 'react';
import type { ExplainItem, ExplainResult } from '../../../shared/retention/index.js';
import { formatDateTime } from '../../lib/time.js';
import { useElementSize } from '../timeline/useElementSize.js';

const BIN_PX = 6;
/** kept grow up from the middle line, deleted grow down: a few kept among thousands stay visible */
const HALF = 30;
const H = HALF * 2 + 1;
/** up to this many snapshots in a column, hovering lists each with all its reasons */
const LISTED = 6;

/** `daily 2026-11-20 (2/7)` → `daily`, `last 2/3` → `last`, `type hourly (5/24)` → `type hourly`; others as they are. */
function ruleOf(reason: string): string {
  const r = reason.replace(/ \(\d+\/\d+\)$/, '');
  if (/^(hourly|daily|weekly|monthly|yearly) /.test(r) || /^last \d+\/\d+$/.test(r)) return r.slice(0, r.indexOf(' '));
  return r;
}

/** What hovering a column says: each snapshot and why, or for a dense column how many each rule keeps. */
function binTitle(b: { keep: number; del: number; first: string; last: string; items: ExplainItem[] }): string {
  const head = `${formatDateTime(b.first)} – ${formatDateTime(b.last)}: ${b.keep} kept, ${b.del} deleted`;
  if (b.items.length <= LISTED) return [head, ...b.items.map((i) => `${formatDateTime(i.createdAt)}: ${i.keep ? `kept — ${i.reasons.join('; ')}` : 'deleted — no rule keeps it'}`)].join('\n');
  const byRule = new Map<string, number>();
  for (const i of b.items) for (const r of i.reasons) byRule.set(ruleOf(r), (byRule.get(ruleOf(r)) ?? 0) + 1);
  return [head, ...[...byRule].map(([rule, n]) => `kept by ${rule}: ${n}`)].join('\n');
}

/**
 * The workload's history as columns over time: what the policy keeps above the line in the accent
 * colour, what it would delete below in red, so "what goes" is visible at a glance for any count.
 */
export function PreviewStrip({ result }: { result: ExplainResult }) {
  const ref = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(ref);
  const bins = useMemo(() => {
    const items = result.items;
    if (!items.length || width <= 0) return [];
    const times = items.map((i) => Date.parse(i.createdAt));
    const min = Math.min(...times);
    const max = Math.max(...times);
    const n = Math.max(1, Math.floor(width / BIN_PX));
    const span = Math.max(1, max - min);
    const out = Array.from({ length: n }, () => ({ keep: 0, del: 0, first: '', last: '', items: [] as ExplainItem[] }));
    items.forEach((it, i) => {
      const b = out[Math.min(n - 1, Math.floor(((times[i]! - min) / span) * (n - 1)))]!;
      if (it.keep) b.keep++;
      else b.del++;
      b.items.push(it);
      if (!b.last || it.createdAt > b.last) b.last = it.createdAt;
      if (!b.first || it.createdAt < b.first) b.first = it.createdAt;
    });
    return out.map((b) => ({ ...b, title: b.items.length ? binTitle(b) : '' }));
  }, [result, width]);
  const peak = Math.max(1, ...bins.map((b) => Math.max(b.keep, b.del)));
  const scale = (n: number) => (n === 0 ? 0 : Math.max(3, (Math.log(n + 1) / Math.log(peak + 1)) * HALF));
  return (
    <div ref={ref} className="preview-strip" data-testid="preview-strip">
      <svg width={width} height={H} role="img" aria-label={`${result.kept} kept, ${result.deleted} deleted, oldest on the left`}>
        <line className="mid" x1={0} x2={width} y1={HALF + 0.5} y2={HALF + 0.5} />
        {bins.map((b, i) => {
          if (b.keep + b.del === 0) return null;
          const kh = scale(b.keep);
          const dh = scale(b.del);
          const x = i * BIN_PX;
          return (
            <g key={i}>
              <title>{b.title}</title>
              {b.keep > 0 && <rect className="keep" x={x} y={HALF - kh} width={BIN_PX - 1} height={kh} />}
              {b.del > 0 && <rect className="del" x={x} y={HALF + 1} width={BIN_PX - 1} height={dh} />}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
