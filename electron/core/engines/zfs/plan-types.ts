// The plan's types live in the shared contract (the renderer shows plans); these are the engine's names for them.
export type {
  ZfsOpKind as OpKind,
  ZfsOperation as Operation,
  ZfsTargetItem as TargetItem,
  ZfsDatasetPlan as DatasetPlan,
  ZfsPlan as Plan,
} from '../../../../shared/contract/zfs.js';
