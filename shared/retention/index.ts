// The retention engine: one pure model for every engine, the CLI and the renderer's preview.
export { durationSchema, parseDuration, retentionPolicySchema, isEmptyPolicy, keepsNothing, KEEPS_NOTHING_MESSAGE, type RetentionPolicy, type Duration } from './policy.js';
export { explain } from './explain.js';
export { pruneSafety, type PruneSafety } from './safety.js';
export { simulate, MAX_SIMULATED_SNAPSHOTS, type SimulateInput, type SimulationResult, type SimulatedSnapshot } from './simulate.js';
export { scheduleEntrySchema, scheduleSpecSchema, type ScheduleEntry, type ScheduleSpec } from './schedule.js';
export { isValidTimeZone } from './zone.js';
export { NO_POLICY_REASON } from './decide.js';
export { zfsSnapshotType, type ExplainItem, type ExplainOptions, type ExplainResult, type Protection, type RetentionSnapshot } from './types.js';
