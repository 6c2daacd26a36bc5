import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A backup allocates a megabyte-sized ArrayBuffer per chunk moved between threads. V8 frees them
// only when it collects, and with a small JS heap it rarely does, so tens of MiB of dead buffers pile
// up per thread. A young-generation collection after each pack (every ~16 MiB stored) frees them for
// about a millisecond; it keeps a 1 GiB backup well under 300 MiB.
type Gc = (opts?: { type: 'minor' | 'major' }) => void;
let gc: Gc | null | undefined;

export function collectYoung(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as Gc;
    } catch {
      gc = null;
    }
  }
  gc?.({ type: 'minor' });
}

/** The same, as source for the eval'd helper threads. */
export const COLLECT_SOURCE = `
let gcFn;
try { require('node:v8').setFlagsFromString('--expose-gc'); gcFn = require('node:vm').runInNewContext('gc'); } catch { gcFn = null; }
const collectYoung = () => gcFn && gcFn({ type: 'minor' });
`;
