// Opens the zfs or disk restore wizard for a workload (from the timeline's details or the overview's restore action).
import { useStore } from '../../../store/index.js';
import { DiskRestoreWizard } from '../disk/DiskRestoreWizard.js';
import { ZfsRestoreWizard } from './ZfsRestoreWizard.js';

export function EngineRestoreWizard({ workloadId, initial, onClose }: { workloadId: string; initial?: string; onClose(): void }) {
  const w = useStore((s) => s.workloads.find((x) => x.id === workloadId));
  if (w?.engine === 'zfs') return <ZfsRestoreWizard workload={w} {...(initial ? { initial } : {})} onClose={onClose} />;
  if (w?.engine === 'disk') return <DiskRestoreWizard workload={w} {...(initial ? { initial } : {})} onClose={onClose} />;
  return null;
}
