import { CodedError } from '../result.js';
import { compilePolicy, withinCutoff } from './compile.js';
import { decide } from './decide.js';
import { parseInstant, prepareAll } from './prepare.js';
import type { ExplainItem, ExplainOptions, ExplainResult, Protection, RetentionSnapshot } from './types.js';
import { isValidTimeZone, zoneFor } from './zone.js';

function toInstant(now: ExplainOptions['now']): number {
  if (now === undefined) return Date.now();
  const t = typeof now === 'number' ? now : now instanceof Date ? now.getTime() : parseInstant(now, 'now');
  if (!Number.isFinite(t)) throw new CodedError('bad-input', 'now: not a valid time');
  return t;
}

export function protectionMap(protections: readonly Protection[] | undefined): Map<string, string[]> | null {
  if (!protections?.length) return null;
  const m = new Map<string, string[]>();
  for (const p of protections) {
    const list = m.get(p.id);
    if (list) {
      if (!list.includes(p.reason)) list.push(p.reason);
    } else m.set(p.id, [p.reason]);
  }
  return m;
}

/**
 * For every snapshot: kept or deleted, and every reason it is kept. Pure: the engines' prune,
 * the CLI and the renderer's live preview all call this. Protections naming ids that are not
 * in `snapshots` are ignored (an engine may compute them over several locations).
 * Throws CodedError('bad-input') for a policy that keeps nothing, duplicate ids, bad times or zone.
 */
export function explain(snapshots: readonly RetentionSnapshot[], policy: unknown, options: ExplainOptions = {}): ExplainResult {
  const timeZone = options.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new CodedError('bad-input', `unknown time zone "${timeZone.slice(0, 64)}" (use an IANA name like Europe/Berlin or UTC)`);
  const cp = compilePolicy(policy);
  const zone = zoneFor(timeZone);
  const now = toInstant(options.now);
  const { keys, order } = prepareAll(zone, snapshots);

  let cutoff = -Infinity;
  if (cp.within && order.length) {
    // restic: the newest snapshot that is not in the future anchors keepWithin, not the clock
    let anchor = now;
    for (const x of order) {
      if (keys.t[x]! <= now) {
        anchor = keys.t[x]!;
        break;
      }
    }
    cutoff = withinCutoff(zone, anchor, cp.within.d);
  }
  const { keep, reasons } = decide(order, order.length, keys, snapshots, cp, cutoff, protectionMap(options.protections), true);

  const items: ExplainItem[] = new Array(order.length);
  let kept = 0;
  let bytesFreed = 0;
  let sizesKnown = false;
  let sizesMissing = false;
  for (let i = 0; i < order.length; i++) {
    const s = snapshots[order[i]!]!;
    const k = keep[i] === 1;
    items[i] = { id: s.id, createdAt: s.createdAt, keep: k, reasons: reasons![i] ?? [] };
    if (typeof s.bytes === 'number') sizesKnown = true;
    if (k) kept++;
    else if (typeof s.bytes === 'number') bytesFreed += s.bytes;
    else sizesMissing = true;
  }
  const result: ExplainResult = { timeZone, items, kept, deleted: order.length - kept };
  if (sizesKnown && !sizesMissing) result.bytesFreed = bytesFreed;
  return result;
}
