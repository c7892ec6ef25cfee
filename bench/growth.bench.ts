/**
 * How reading a table and allocating grow from 1,000 to 1,000,000 areas, beside numpy
 * (issue 14, items 2, 3 and 7). Run: npm run bench:growth
 *
 * Each table is SYNTHETIC (the seeded generator of bench/lsoa.ts, for timing only), written
 * to a temp folder sorted by key and again shuffled. fairshare, in this process: reading the
 * file (bytes to table, `parseAreaTable`), the engine on a table it has not seen (key order
 * and compile included) and warm (the same model and table again: what a what-if does).
 * numpy, in one python3 process (bench/numpy_allocate.py): `loadtxt` and the same formula
 * vectorised. Every area's allocation is compared between the two, to the penny.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAreaTable } from '../src/data/table.js';
import { allocate } from '../src/formula/allocate.js';
import { toCsv } from '../src/report/write/csv.js';
import { mulberry32 } from '../src/stats/random.js';
import { LSOA_MODEL, LSOA_SPEC } from './lsoa.js';
import { median, time } from './timing.js';

const SIZES = [1_000, 10_000, 32_844, 100_000, 1_000_000];
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const folder = mkdtempSync(join(tmpdir(), 'fairshare-growth-'));

function rows(n: number): (string | number)[][] {
  const next = mulberry32(20260213);
  return Array.from({ length: n }, (_, i) => {
    const population = 1000 + Math.floor(next() * 2000);
    const crime = Math.floor(next() * 400);
    const imd = +(next() * 60).toFixed(3);
    const prior = Math.round((24_000_000 / n) * (0.7 + next() * 0.6) * 100) / 100;
    return [`E${String(i).padStart(8, '0')}`, population, crime, imd, prior];
  });
}

function shuffled<T>(items: T[]): T[] {
  const next = mulberry32(7);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const header = ['code', 'population', 'crime', 'imd', 'prior'];
const read = (file: string) => parseAreaTable(readFileSync(join(folder, file), 'utf8'), file, LSOA_SPEC);
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));

try {
  const results: Record<string, string | number>[] = [];
  let distributable = 0;
  // The first size twice: its first pass only warms the compiler, and is dropped.
  for (const n of [SIZES[0]!, ...SIZES]) {
    // Written in a block of their own: the million row arrays must not stay alive (and be
    // marked by every collection) while the readings are timed.
    {
      const table = rows(n);
      writeFileSync(join(folder, `sorted-${n}.csv`), toCsv(header, table));
      writeFileSync(join(folder, `shuffled-${n}.csv`), toCsv(header, shuffled(table)));
    }
    const runs = n >= 1_000_000 ? 3 : n >= 100_000 ? 5 : 15;
    const line: Record<string, string | number> = { areas: n };
    for (const order of ['sorted', 'shuffled'] as const) {
      const file = `${order}-${n}.csv`;
      read(file); // warm-up
      line[`read ${order}`] = median(time(runs, () => read(file)));
      const cold: number[] = [];
      for (let i = 0; i < runs; i++) {
        const fresh = read(file);
        cold.push(...time(1, () => allocate(LSOA_MODEL, fresh)));
      }
      line[`engine new table, ${order}`] = median(cold);
      const loaded = read(file);
      const first = allocate(LSOA_MODEL, loaded);
      line[`engine warm, ${order}`] = median(time(runs * 4, () => allocate(LSOA_MODEL, loaded)));
      if (order === 'sorted') {
        distributable = first.pot.distributablePence;
        writeFileSync(join(folder, `${file}.fairshare`), Array.from(first.allocationsPence, String).join('\n') + '\n');
      }
    }
    if (results.length === 1 && results[0]!.areas === n) results.pop();
    results.push(line);
  }

  const peer = spawnSync('python3', [join(root, 'bench/numpy_allocate.py'), folder, String(distributable), ...SIZES.map((n) => `sorted-${n}.csv`)], { encoding: 'utf8' });
  if (peer.status !== 0) throw new Error(`numpy did not run: ${peer.stderr}`);
  const numpy = new Map(peer.stdout.trim().split('\n').map((text) => {
    const row = JSON.parse(text) as { file: string; read_ms: number; read_with_keys_ms: number; engine_ms: number };
    return [row.file, row];
  }));

  console.log(`node ${process.version}; python3 with numpy; synthetic tables (seeded), LSOA_MODEL: floor_scale -5%, pence; ms, medians`);
  console.log('| areas | read, fairshare | read, numpy loadtxt (numbers only / with keys) | ratio | engine warm, fairshare (sorted / shuffled) | engine, numpy | ratio | engine on a new table (sorted / shuffled) | allocations equal |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const line of results) {
    const n = line.areas as number;
    const theirs = numpy.get(`sorted-${n}.csv`)!;
    const ours = readFileSync(join(folder, `sorted-${n}.csv.fairshare`), 'utf8').trim().split('\n');
    const them = readFileSync(join(folder, `sorted-${n}.csv.numpy`), 'utf8').trim().split('\n');
    const equal = ours.filter((pence, i) => pence === them[i]).length;
    const [readOurs, warm, warmShuffled] = [line['read sorted'] as number, line['engine warm, sorted'] as number, line['engine warm, shuffled'] as number];
    console.log(
      `| ${n.toLocaleString('en-GB')} | ${ms(readOurs)} (shuffled ${ms(line['read shuffled'] as number)}) | ${ms(theirs.read_ms)} / ${ms(theirs.read_with_keys_ms)} | ${(readOurs / theirs.read_ms).toFixed(1)} | ` +
        `${ms(warm)} / ${ms(warmShuffled)} | ${ms(theirs.engine_ms)} | ${(warm / theirs.engine_ms).toFixed(1)} | ` +
        `${ms(line['engine new table, sorted'] as number)} / ${ms(line['engine new table, shuffled'] as number)} | ${equal.toLocaleString('en-GB')} of ${n.toLocaleString('en-GB')} |`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
