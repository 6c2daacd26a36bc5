// Entry point of the job worker bundle (dist/worker.js).
import { jobHandlers } from './registry.js';
import { runWorker } from './worker-main.js';

runWorker(jobHandlers);
