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
import { LSOA_AREAS, LSOA_MODEL, LSOA_SPEC, lsoaCsv, lsoaTable } from './lsoa.js';
import { median, time } from './timing.js';

const AREAS = LSOA_AREAS;
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const model = LSOA_MODEL;
const csv = lsoaCsv();
const spec = LSOA_SPEC;
const table: AreaTable = lsoaTable(csv);
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
