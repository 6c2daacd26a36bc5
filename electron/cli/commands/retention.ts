import type { z } from 'zod';
import { explainRetentionInput, simulateRetentionInput } from '../../../shared/contract/retention.js';
import { formatBytes } from '../../../shared/format.js';
import type { ExplainResult, PruneSafety, SimulationResult } from '../../../shared/retention/index.js';
import { CodedError } from '../../../shared/result.js';
import { retentionHandlers } from '../../core/handlers/retention.js';
import { UsageError, type CliCommand } from '../command.js';
import { readJsonFile } from '../read-json.js';

// `tidemark retention explain|simulate`: pure, so they never open the catalog or the data dir.
// Input goes through the contract's schemas, exactly as an IPC call would.

function required(v: Record<string, unknown>, name: string): string {
  const value = v[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** Schema errors name the file the bad value came from. */
function parseOrExplain<S extends z.ZodType>(schema: S, input: Record<string, unknown>, fileOf: Record<string, string>): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const [top, ...rest] = issue.path.map(String);
  const source = top && fileOf[top] ? `${fileOf[top]}` : top ? `--${top}` : 'input';
  const where = rest.length ? ` at ${rest.join('.')}` : '';
  throw new CodedError('bad-input', `${source}${where}: ${issue.message}`);
}

/** 1048576, 512KiB, 2G, 1.5GiB → bytes (binary units). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--size: "${text}" is not a size like 1073741824, 512MiB or 2GiB`);
  const scale = 1024 ** ' kmgt'.indexOf((m[2] || ' ').toLowerCase());
  return Math.round(Number(m[1]) * scale);
}

function explainTable(r: ExplainResult): string {
  const idWidth = Math.min(40, Math.max(2, ...r.items.map((i) => i.id.length)));
  const header = `${'id'.padEnd(idWidth)}  ${'created'.padEnd(25)}  ${'action'.padEnd(6)}  reasons`;
  const rows = r.items.map((i) => `${i.id.padEnd(idWidth)}  ${i.createdAt.padEnd(25)}  ${(i.keep ? 'KEEP' : 'delete').padEnd(6)}  ${i.reasons.join('; ')}`.trimEnd());
  return [header, ...rows].join('\n');
}

function totals(r: ExplainResult, safety: PruneSafety): string {
  const freed = r.bytesFreed !== undefined ? `, frees ${formatBytes(r.bytesFreed)}` : '';
  const lines = [`${r.kept} kept, ${r.deleted} deleted${freed} (calendar of ${r.timeZone})`];
  if (safety.needsConfirmation) lines.push(`a prune with this policy needs confirmation: ${safety.reasons.join('; ')}`);
  return lines.join('\n');
}

function simulationSummary(s: SimulationResult): string {
  const peakSize = s.peakStorageBytes !== undefined ? ` (peak ${formatBytes(s.peakStorageBytes)})` : '';
  const size = s.storageBytes !== undefined ? `, about ${formatBytes(s.storageBytes)}${peakSize}` : '';
  const oldest = s.oldest ? `${s.oldest.id} from ${s.oldest.createdAt} (${s.oldest.ageDays} days old)` : 'none';
  return [
    `simulated ${s.days} days from ${s.start} (calendar of ${s.timeZone}): ${s.created} created, ${s.deleted} pruned`,
    `steady state: ${s.total} snapshots${s.peak !== null ? ` (peak ${s.peak})` : ''}${size}`,
    `by type: ${Object.entries(s.byType).map(([t, n]) => `${t} ${n}`).join(', ') || 'none'}`,
    `by age: ${s.byAge.map((b) => `${b.label} ${b.count}`).join(', ')}`,
    `oldest restore point: ${oldest}`,
  ].join('\n');
}

export const retentionCommands: CliCommand[] = [
  {
    path: ['retention', 'explain'],
    summary: 'pure: keep or delete, with every reason, for each snapshot in a file',
    usage: 'retention explain --policy FILE --snapshots FILE [--now ISO] [--tz ZONE]',
    options: { policy: { type: 'string' }, snapshots: { type: 'string' }, now: { type: 'string' }, tz: { type: 'string' } },
    async run(ctx, { values: v }) {
      const policyFile = required(v, 'policy');
      const snapshotsFile = required(v, 'snapshots');
      const input = parseOrExplain(
        explainRetentionInput,
        {
          policy: readJsonFile(policyFile, 'policy'),
          snapshots: readJsonFile(snapshotsFile, 'snapshots'),
          ...(typeof v.now === 'string' ? { now: v.now } : {}),
          ...(typeof v.tz === 'string' ? { timeZone: v.tz } : {}),
        },
        { policy: policyFile, snapshots: snapshotsFile, timeZone: '--tz' },
      );
      const r = await retentionHandlers.explainRetention(input);
      ctx.printJson(r.items.map(({ id, keep, reasons }) => ({ id, keep, reasons })));
      ctx.print(`${explainTable(r)}\n${totals(r, r.safety)}`);
    },
  },
  {
    path: ['retention', 'simulate'],
    summary: 'pure: replay a schedule and policy for N days and show the steady state',
    usage: 'retention simulate --policy FILE --schedule FILE --days N [--size BYTES] [--tz ZONE] [--start ISO]',
    options: { policy: { type: 'string' }, schedule: { type: 'string' }, days: { type: 'string' }, size: { type: 'string' }, tz: { type: 'string' }, start: { type: 'string' } },
    async run(ctx, { values: v }) {
      const policyFile = required(v, 'policy');
      const scheduleFile = required(v, 'schedule');
      const daysText = required(v, 'days');
      if (!/^\d{1,5}$/.test(daysText)) throw new UsageError(`--days: "${daysText}" is not a whole number of days`);
      const input = parseOrExplain(
        simulateRetentionInput,
        {
          policy: readJsonFile(policyFile, 'policy'),
          schedule: readJsonFile(scheduleFile, 'schedule'),
          days: Number(daysText),
          ...(typeof v.size === 'string' ? { snapshotBytes: parseSize(v.size) } : {}),
          ...(typeof v.tz === 'string' ? { timeZone: v.tz } : {}),
          ...(typeof v.start === 'string' ? { start: v.start } : {}),
        },
        { policy: policyFile, schedule: scheduleFile },
      );
      const s = await retentionHandlers.simulateRetention(input);
      ctx.printJson(s);
      const list = s.snapshots.map((x) => `${x.id.padEnd(16)}  ${x.createdAt}  ${x.reasons.join('; ')}`);
      ctx.print(`${simulationSummary(s)}\n\nsnapshots at the end, newest first:\n${list.join('\n')}`);
    },
  },
];
