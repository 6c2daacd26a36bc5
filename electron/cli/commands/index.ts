import type { CliCommand } from '../command.js';
import { estimateCommands } from './estimate.js';
import { pruneCommands } from './prune.js';
import { retentionCommands } from './retention.js';
import { serveCommands } from './serve.js';
import { snapshotCommands } from './snapshots.js';
import { workloadCommands } from './workload.js';
import { casCommands } from './cas.js';
import { diskCommands } from './disk.js';
import { zfsCommands } from './zfs.js';

export function allCommands(): CliCommand[] {
  return [...workloadCommands, ...estimateCommands, ...snapshotCommands, ...pruneCommands, ...casCommands, ...zfsCommands, ...diskCommands, ...retentionCommands, ...serveCommands];
}
