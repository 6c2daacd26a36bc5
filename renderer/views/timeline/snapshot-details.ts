import { preloadable } from '../../lib/preloadable.js';

// Only once a snapshot is opened: its details bring the restore forms (and their schemas) along.
export const snapshotDetails = preloadable(() => import('./SnapshotDetails.js').then((m) => m.SnapshotDetails));
