/** A worker thread that tallies its share of the police.uk files (see crime-files.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { CrimeTally, parseMonths } from '../data/police-uk/tally.js';
import { isUserError } from '../errors.js';
import { tallyFile } from './crime-files.js';

interface Job {
  files: string[];
  lsoaIndex: [string, number][];
  unplaced: [string, string][];
  types?: string[];
  monthsText?: string;
  byMonth: boolean;
}

const job = workerData as Job;
const port = parentPort!;
const tally = new CrimeTally({
  lsoaIndex: new Map(job.lsoaIndex),
  unplaced: new Map(job.unplaced),
  ...(job.types && { types: new Set(job.types) }),
  ...(job.monthsText !== undefined && { months: parseMonths(job.monthsText) }),
  byMonth: job.byMonth,
});
let pending = 0;
const report = (bytes: number) => {
  // Batch progress messages: one per 16 MiB read.
  pending += bytes;
  if (pending >= 1 << 24) {
    port.postMessage({ bytes: pending });
    pending = 0;
  }
};
try {
  for (const file of job.files) await tallyFile(file, tally, report);
  if (pending) port.postMessage({ bytes: pending });
  port.postMessage({ state: tally.state() });
} catch (error) {
  if (isUserError(error)) port.postMessage({ problems: [...error.problems] });
  else port.postMessage({ fault: (error as Error).stack ?? String(error) });
}
