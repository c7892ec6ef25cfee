/**
 * Allocation speed (issue 2). Run: npm run bench
 *
 * 1. In-process: 32,844 areas (one per English LSOA, 2011) with floor_scale damping and
 *    pence rounding, median of repeated runs. The table is SYNTHETIC (a seeded generator),
 *    for timing only: sizes and spreads like LSOA populations, not real figures.
 * 2. Cold CLI: wall time of `fairshare allocate` on the shipped example models, each a
 *    fresh Node process, median of repeated runs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseAreaTable, type AreaTable } from '../src/data/table.js';
import { allocate } from '../src/formula/allocate.js';
import type { Model } from '../src/model/schema.js';
import { toCsv } from '../src/report/write/csv.js';
import { mulberry32 } from '../src/stats/random.js';
import { median, time } from './timing.js';

const AREAS = 32_844;
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function syntheticCsv(): string {
  const next = mulberry32(20260213);
  const rows = Array.from({ length: AREAS }, (_, i) => {
    const population = 1000 + Math.floor(next() * 2000);
    const crime = Math.floor(next() * 400);
    const imd = +(next() * 60).toFixed(3);
    const prior = Math.round((24_000_000 / AREAS) * (0.7 + next() * 0.6) * 100) / 100;
    return [`E01${String(i).padStart(6, '0')}`, population, crime, imd, prior];
  });
  return toCsv(['code', 'population', 'crime', 'imd', 'prior'], rows);
}

const model: Model = {
  fairshare: 1,
  title: 'Benchmark: every English LSOA',
  data: { file: 'synthetic.csv', key: 'code' },
  pot: { total: 25_000_000.37, top_slices: [{ name: 'retained', share: 0.05 }] },
  indicators: {
    population: { column: 'population', weight: 0.5 },
    crime: { column: 'crime', weight: 0.3 },
    deprivation: { column: 'imd', scale_by: 'population', weight: 0.2 },
  },
  damping: { method: 'floor_scale', prior: 'prior', floor: -0.05 },
  rounding: 'penny',
};

const csv = syntheticCsv();
const spec = { key: 'code', numeric: ['population', 'crime', 'imd', 'prior'].map((column) => ({ column, usedBy: 'bench' })) };
const table: AreaTable = parseAreaTable(csv, 'synthetic.csv', spec);
time(5, () => allocate(model, table)); // warm-up: let the JIT settle
const engine = time(30, () => allocate(model, table));
const withParse = time(10, () => allocate(model, parseAreaTable(csv, 'synthetic.csv', spec)));
const check = allocate(model, table);
const total = check.areas.reduce((sum, area) => sum + area.allocationPence, 0);

const cli = (modelFile: string) =>
  median(
    time(15, () => {
      const run = spawnSync(process.execPath, [join(root, 'dist/fairshare.js'), 'allocate', modelFile], { cwd: root, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr);
    }),
  );
const nodeAlone = median(time(15, () => spawnSync(process.execPath, ['-e', '0'])));

const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`node ${process.version}, ${AREAS} areas, floor_scale, pence; total ${total} pence = distributable ${check.pot.distributablePence}`);
console.log(`in-process allocate (engine only), median of 30:   ${ms(median(engine))}   (target < 50 ms)`);
console.log(`in-process CSV parse + allocate, median of 10:      ${ms(median(withParse))}`);
console.log(`cold CLI, avon-and-somerset-2025-26.yaml, median of 15:            ${ms(cli('models/avon-and-somerset-2025-26.yaml'))}   (target < 400 ms)`);
console.log(`cold CLI, avon-and-somerset-2025-26-transition.yaml (expression): ${ms(cli('models/avon-and-somerset-2025-26-transition.yaml'))}`);
console.log(`for comparison, 'node -e 0' alone, median of 15:   ${ms(nodeAlone)}`);
