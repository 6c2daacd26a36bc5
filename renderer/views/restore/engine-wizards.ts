import type { Engine } from '../../../shared/domain.js';
import { preloadable } from '../../lib/preloadable.js';

export const hasEngineWizard = (engine: Engine): boolean => engine === 'zfs' || engine === 'disk';

/** The zfs and disk restore wizards, loaded when first opened (or ahead, in idle time): they bring forms and schemas. */
export const engineRestoreWizard = preloadable(() => import('./zfs/EngineRestoreWizard.js').then((m) => m.EngineRestoreWizard));
