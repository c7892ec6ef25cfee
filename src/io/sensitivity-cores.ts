/**
 * A sensitivity analysis with its draws shared between worker threads, one per core: each
 * thread starts from the seeded stream's place at its first draw (see drawPlaces), so the
 * result is the same, byte for byte, whatever the number of threads.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AreaTable } from '../data/table.js';
import { UserError } from '../errors.js';
import type { CompiledFormula } from '../formula/allocate.js';
import { drawPlaces, sensitivity, summarise, type DrawShare, type SensitivityOptions, type SensitivityResult } from '../scenario/sensitivity.js';
import type { DrawJob } from './sensitivity-worker.js';

const workerUrl = new URL('./sensitivity-worker.js', import.meta.url);

/**
 * Below this many area-draws threads gain nothing (measured with the CLI, 296 areas: 10,000
 * draws 1.29 s on one thread and 1.35 s on two; 30,000 draws 2.89 s and 2.47 s): starting a
 * thread and compiling the formula in it, and the percentiles taken after, are not shared.
 */
const WORTH_A_THREAD = 5_000_000;

/** How many threads a run takes by default: one per core, when the draws are worth it. */
export function defaultJobs(c: CompiledFormula, draws: number): number {
  return draws * c.order.length >= WORTH_A_THREAD ? Math.min(availableParallelism(), draws) : 1;
}

export async function sensitivityOnCores(c: CompiledFormula, options: SensitivityOptions, jobs = defaultJobs(c, options.draws)): Promise<SensitivityResult> {
  const threads = Math.min(jobs, options.draws);
  // Workers run compiled JavaScript; from TypeScript sources (tests, tsx) the draws run in this thread.
  if (threads <= 1 || !existsSync(fileURLToPath(workerUrl))) return sensitivity(c, options);
  const bounds = Array.from({ length: threads + 1 }, (_, t) => Math.round((t * options.draws) / threads));
  const places = drawPlaces(c, options, bounds.slice(0, -1));
  const { onProgress, onDraw, ...plain } = options;
  const table: AreaTable = { ...c.table };
  let done = 0;
  const shares = await Promise.all(
    places.map(
      (place, t) =>
        new Promise<DrawShare>((resolve, reject) => {
          const job: DrawJob = { model: c.model, table, options: plain, from: bounds[t]!, to: bounds[t + 1]!, place };
          const worker = new Worker(workerUrl, { workerData: job });
          worker.on('message', (message: { draws?: number; share?: DrawShare; problems?: string[]; fault?: string }) => {
            if (message.draws !== undefined) onProgress?.((done += message.draws), options.draws);
            else if (message.share) resolve(message.share);
            else if (message.problems) reject(new UserError(message.problems));
            else reject(new Error(message.fault));
          });
          worker.on('error', reject);
          worker.on('exit', (code) => code !== 0 && reject(new Error(`a sensitivity worker stopped with code ${code}`)));
        }),
    ),
  );
  if (onDraw) {
    const n = c.order.length;
    for (const share of shares) for (let d = share.from; d < share.to; d++) onDraw(d, share.allocations.subarray((d - share.from) * n, (d - share.from + 1) * n));
  }
  return summarise(c, options, shares);
}
