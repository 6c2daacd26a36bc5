import { preloadable } from '../../lib/preloadable.js';

/** The add form, loaded when first opened (or ahead, in idle time): its checks bring the contract's schemas. */
export const addWorkloadForm = preloadable(() => import('./AddWorkloadForm.js').then((m) => m.AddWorkloadForm));
