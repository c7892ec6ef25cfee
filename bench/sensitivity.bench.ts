/**
 * Sensitivity speed (issue 6). Run: npm run bench:sensitivity
 *
 * About 300 areas (the English districts: 296 on 2023 boundaries) with four indicators,
 * a 5% top-slice, floor_scale damping at -5% and rounding to the pound; 1,000, 10,000 and
 * 100,000 draws, in one process, to show linear scaling. The table is SYNTHETIC (a seeded
 * generator), for timing only. Each draw goes through the whole formula.
 */
import { compileFormula } from '../src/formula/allocate.js';
import { parseAreaTable } from '../src/data/table.js';
import type { Model } from '../src/model/schema.js';
import { toCsv } from '../src/report/write/csv.js';
import { sensitivity, type SensitivityOptions } from '../src/scenario/sensitivity.js';
import { mulberry32 } from '../src/stats/random.js';
import { availableParallelism } from 'node:os';
import { sensitivityOnCores } from '../src/io/sensitivity-cores.js';
import { median, time, timeAsync } from './timing.js';

const AREAS = 296;
const next = mulberry32(20261123);
const rows = Array.from({ length: AREAS }, (_, i) => {
  const population = 25_000 + Math.floor(next() * 1_100_000);
  return [`E0${String(7000000 + i)}`, population, Math.floor(population * (0.03 + next() * 0.1)), Math.floor(population * next() * 0.02), +(5 + next() * 40).toFixed(3), Math.round((48_000_000 / AREAS) * (0.6 + next() * 0.8))];
});
const csv = toCsv(['code', 'population', 'crime', 'asb', 'imd', 'prior'], rows);
const model: Model = {
  fairshare: 1,
  title: 'Benchmark: English districts (synthetic)',
  data: { file: 'synthetic.csv', key: 'code' },
  pot: { total: 50_000_000, top_slices: [{ name: 'retained', share: 0.05 }] },
  indicators: {
    population: { column: 'population', weight: 0.5 },
    crime: { column: 'crime', weight: 0.25 },
    asb: { column: 'asb', weight: 0.15 },
    deprivation: { column: 'imd', scale_by: 'population', weight: 0.1 },
  },
  damping: { method: 'floor_scale', prior: 'prior', floor: -0.05 },
  rounding: 'pound',
};
const table = parseAreaTable(csv, 'synthetic.csv', { key: 'code', numeric: ['population', 'crime', 'asb', 'imd', 'prior'].map((column) => ({ column, usedBy: 'bench' })) });
const compiled = compileFormula(model, table);

console.log(`node ${process.version}; ${AREAS} areas, floor_scale -5%, rounding to the pound; Dirichlet concentration 100`);
for (const [label, errors] of [
  ['weights only', {}],
  ['weights and data (5% error on every indicator)', { population: 0.05, crime: 0.05, asb: 0.05, deprivation: 0.05 }],
] as const) {
  console.log(`\n${label}`);
  sensitivity(compiled, { draws: 1000, seed: 1, concentration: 100, errors }); // warm-up
  for (const [draws, runs] of [[1_000, 7], [10_000, 5], [100_000, 3]] as const) {
    const times = time(runs, () => sensitivity(compiled, { draws, seed: 1, concentration: 100, errors }));
    const ms = median(times);
    console.log(`  ${draws.toLocaleString('en-GB').padStart(7)} draws: median of ${runs} ${ms.toFixed(0).padStart(6)} ms  (${((ms * 1000) / draws).toFixed(1)} us a draw; runs ${times.map((t) => t.toFixed(0)).join(', ')})${draws === 10_000 ? '   target < 1,000 ms' : ''}`);
  }
}

// Item 6 of issue 14: the draws shared between worker threads (one per core), whole calls
// timed (threads started, the formula compiled in each, results merged); the output is
// checked to be the same whatever the number of threads.
const cores = availableParallelism();
console.log(`\nspread over the cores (${cores}), whole sensitivityOnCores calls, median of 3`);
for (const [label, errors] of [
  ['weights only', {}],
  ['weights and data', { population: 0.05, crime: 0.05, asb: 0.05, deprivation: 0.05 }],
] as [string, Record<string, number>][]) {
  for (const draws of [10_000, 100_000]) {
    const options: SensitivityOptions = { draws, seed: 1, concentration: 100, errors };
    const serial = JSON.stringify(sensitivity(compiled, options));
    const line: string[] = [];
    for (const jobs of [1, cores]) {
      if (JSON.stringify(await sensitivityOnCores(compiled, options, jobs)) !== serial) throw new Error(`${jobs} threads gave a different result`);
      const ms = median(await timeAsync(3, () => sensitivityOnCores(compiled, options, jobs)));
      line.push(`${jobs} thread${jobs > 1 ? 's' : ''} ${ms.toFixed(0).padStart(6)} ms`);
    }
    console.log(`  ${label.padEnd(16)} ${draws.toLocaleString('en-GB').padStart(7)} draws: ${line.join('   ')}   (same result)`);
  }
}
