/** A worker thread that runs its share of a sensitivity analysis's draws (see sensitivity-cores.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import type { AreaTable } from '../data/table.js';
import { isUserError } from '../errors.js';
import { compileFormula } from '../formula/allocate.js';
import type { Model } from '../model/schema.js';
import { runDraws, type SensitivityOptions } from '../scenario/sensitivity.js';
import type { StreamPlace } from '../stats/stream.js';

export interface DrawJob {
  model: Model;
  table: AreaTable;
  options: Omit<SensitivityOptions, 'onProgress' | 'onDraw'>;
  from: number;
  to: number;
  place: StreamPlace;
}

const job = workerData as DrawJob;
const port = parentPort!;
try {
  // The same model and table compile to the same formula here as in the main thread.
  const share = runDraws(compileFormula(job.model, job.table), job.options, job.from, job.to, job.place, (draws) => port.postMessage({ draws }));
  const buffers = [share.allocations, share.weights, share.rankCounts, share.gains].map((array) => array.buffer as ArrayBuffer);
  port.postMessage({ share }, buffers);
} catch (error) {
  if (isUserError(error)) port.postMessage({ problems: [...error.problems] });
  else port.postMessage({ fault: (error as Error).stack ?? String(error) });
}
