/**
 * The benchmark's national-scale table: 32,844 areas, one per English LSOA (2011), and its
 * model (floor_scale at -5%, a 5% top-slice, pence rounding). The table is SYNTHETIC (a
 * seeded generator), for timing only: sizes and spreads like LSOA populations, not real figures.
 */
import { parseAreaTable, type AreaTable } from '../src/data/table.js';
import type { Model } from '../src/model/schema.js';
import { toCsv } from '../src/report/write/csv.js';
import { mulberry32 } from '../src/stats/random.js';

export const LSOA_AREAS = 32_844;

export function lsoaCsv(): string {
  const next = mulberry32(20260213);
  const rows = Array.from({ length: LSOA_AREAS }, (_, i) => {
    const population = 1000 + Math.floor(next() * 2000);
    const crime = Math.floor(next() * 400);
    const imd = +(next() * 60).toFixed(3);
    const prior = Math.round((24_000_000 / LSOA_AREAS) * (0.7 + next() * 0.6) * 100) / 100;
    return [`E01${String(i).padStart(6, '0')}`, population, crime, imd, prior];
  });
  return toCsv(['code', 'population', 'crime', 'imd', 'prior'], rows);
}

export const LSOA_SPEC = { key: 'code', numeric: ['population', 'crime', 'imd', 'prior'].map((column) => ({ column, usedBy: 'bench' })) };

export function lsoaTable(csv = lsoaCsv()): AreaTable {
  return parseAreaTable(csv, 'synthetic.csv', LSOA_SPEC);
}

export const LSOA_MODEL: Model = {
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
