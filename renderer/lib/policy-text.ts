import type { RetentionPolicy } from '../../shared/domain.js';

const UNIT: Record<string, string> = { h: 'hour', d: 'day', w: 'week', m: 'month', y: 'year' };

function within(d: string): string {
  const n = Number(d.slice(0, -1));
  const u = UNIT[d.slice(-1)] ?? d.slice(-1);
  return `everything from the last ${n} ${u}${n === 1 ? '' : 's'}`;
}

/** A policy as short human rules, in the order the retention engine applies them. */
export function policyRules(p: RetentionPolicy): string[] {
  const out: string[] = [];
  if (p.keepLast) out.push(`last ${p.keepLast}`);
  if (p.keepWithin) out.push(within(p.keepWithin));
  if (p.keepHourly) out.push(`${p.keepHourly} hourly`);
  if (p.keepDaily) out.push(`${p.keepDaily} daily`);
  if (p.keepWeekly) out.push(`${p.keepWeekly} weekly`);
  if (p.keepMonthly) out.push(`${p.keepMonthly} monthly`);
  if (p.keepYearly) out.push(`${p.keepYearly} yearly`);
  for (const [type, n] of Object.entries(p.keepByType ?? {})) out.push(`${n} of type “${type}”`);
  for (const tag of p.keepTags ?? []) out.push(`every “${tag}” tag`);
  return out;
}
