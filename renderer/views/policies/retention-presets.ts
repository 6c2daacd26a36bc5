import type { RetentionPolicy } from '../../../shared/domain.js';

/** Starting points for the editor; every rule stays editable after picking one. */
export const RETENTION_PRESETS: { id: string; label: string; hint: string; policy: RetentionPolicy }[] = [
  { id: 'workstation', label: 'Workstation', hint: 'a day of hourlies, a week of dailies, then weeks and months', policy: { keepLast: 3, keepHourly: 24, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 } },
  { id: 'server', label: 'Server', hint: 'two days of hourlies, two weeks of dailies, a year of months', policy: { keepLast: 5, keepHourly: 48, keepDaily: 14, keepWeekly: 8, keepMonthly: 12, keepYearly: 2 } },
  { id: 'archive', label: 'Archive', hint: 'few recent points, years of monthly history', policy: { keepLast: 2, keepWithin: '7d', keepMonthly: 36, keepYearly: 10, keepTags: ['release'] } },
];

export const COUNT_RULES = [
  { key: 'keepLast', label: 'Newest', unit: 'snapshots' },
  { key: 'keepHourly', label: 'Hourly', unit: 'hours' },
  { key: 'keepDaily', label: 'Daily', unit: 'days' },
  { key: 'keepWeekly', label: 'Weekly', unit: 'weeks' },
  { key: 'keepMonthly', label: 'Monthly', unit: 'months' },
  { key: 'keepYearly', label: 'Yearly', unit: 'years' },
] as const;

export type CountRule = (typeof COUNT_RULES)[number]['key'];
