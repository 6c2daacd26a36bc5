import type { RetentionPolicy, Schedule } from '../../../shared/domain.js';

export interface PolicyPreset {
  id: string;
  label: string;
  description: string;
  /** undefined: the server's default policy */
  policy: RetentionPolicy | undefined;
}

export const POLICY_PRESETS: PolicyPreset[] = [
  { id: 'default', label: 'Tidemark default', description: 'The built-in policy.', policy: undefined },
  { id: 'standard', label: 'Standard', description: '7 daily, 4 weekly, 12 monthly', policy: { keepLast: 3, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 } },
  { id: 'dense', label: 'Dense', description: '48 hourly, 14 daily, 8 weekly, 24 monthly, 5 yearly', policy: { keepLast: 5, keepHourly: 48, keepDaily: 14, keepWeekly: 8, keepMonthly: 24, keepYearly: 5 } },
  { id: 'last10', label: 'Last 10', description: 'the 10 newest backups', policy: { keepLast: 10 } },
];

export interface ScheduleOption {
  id: string;
  label: string;
  schedule: Schedule | null;
}

export const SCHEDULE_OPTIONS: ScheduleOption[] = [
  { id: 'manual', label: 'Only when I ask', schedule: null },
  { id: 'hourly', label: 'Every hour', schedule: { everyMinutes: 60, type: 'scheduled' } },
  { id: '6h', label: 'Every 6 hours', schedule: { everyMinutes: 360, type: 'scheduled' } },
  { id: 'daily', label: 'Every day', schedule: { everyMinutes: 1440, type: 'scheduled' } },
  { id: 'weekly', label: 'Every week', schedule: { everyMinutes: 10080, type: 'scheduled' } },
];

export function scheduleOptionFor(s: Schedule | null): string {
  if (!s) return 'manual';
  return SCHEDULE_OPTIONS.find((o) => o.schedule?.everyMinutes === s.everyMinutes)?.id ?? 'custom';
}

export function presetFor(p: RetentionPolicy | undefined): string {
  const key = JSON.stringify(p ?? null);
  return POLICY_PRESETS.find((x) => x.policy && JSON.stringify(x.policy) === key)?.id ?? 'custom';
}
