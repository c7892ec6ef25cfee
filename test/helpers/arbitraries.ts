/** Random models and tables for property tests (synthetic data, for tests only). */
import fc from 'fast-check';
import type { AreaTable } from '../../src/data/table.js';
import type { Damping, Model } from '../../src/model/schema.js';

export interface Case {
  model: Model;
  table: AreaTable;
}

export interface CaseOptions {
  damping?: boolean | Damping['method'];
  minimum?: boolean;
  slices?: boolean;
  maxAreas?: number;
}

const keyArb = fc.stringMatching(/^[A-Z][0-9A-Z]{0,5}$/);

export function caseArb(options: CaseOptions = {}): fc.Arbitrary<Case> {
  const maxAreas = options.maxAreas ?? 25;
  return fc
    .record({
      keys: fc.uniqueArray(keyArb, { minLength: 1, maxLength: maxAreas }),
      indicatorCount: fc.integer({ min: 1, max: 4 }),
      rounding: fc.constantFrom('pound' as const, 'penny' as const),
      totalPounds: fc.integer({ min: 0, max: 50_000_000 }),
      pence: fc.integer({ min: 0, max: 99 }),
      seedValues: fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1000, noNaN: true })), { minLength: 30, maxLength: 30 }), { minLength: 5, maxLength: 5 }),
      rawWeights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 5, maxLength: 5 }),
      scaleFirst: fc.boolean(),
      sliceShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
      sliceAmount: fc.integer({ min: 0, max: 10_000 }),
      minimumFraction: fc.double({ min: 0, max: 0.9, noNaN: true }),
      priorNoise: fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 30, maxLength: 30 }),
      priorScale: fc.double({ min: 0.9, max: 1.1, noNaN: true }),
      method: options.damping === true || options.damping === undefined
        ? fc.constantFrom('floor_scale' as const, 'floor_ceiling' as const, 'equal_change' as const, 'transition' as const)
        : fc.constant(options.damping === false ? ('floor_scale' as const) : options.damping),
      floor: fc.double({ min: -0.25, max: 0.01, noNaN: true }),
      ceilingGap: fc.double({ min: 0.1, max: 0.6, noNaN: true }),
      years: fc.integer({ min: 1, max: 5 }),
    })
    .map((r): Case => {
      const n = r.keys.length;
      const names = Array.from({ length: r.indicatorCount }, (_, k) => `ind${k}`);
      const columns = new Map<string, Float64Array>();
      names.forEach((name, k) => {
        const values = Float64Array.from({ length: n }, (_, i) => r.seedValues[k]![i]!);
        if (values.every((v) => v === 0)) values[0] = 1; // a share needs a non-zero total
        columns.set(name, values);
      });
      const scale = Float64Array.from({ length: n }, (_, i) => 1 + (r.seedValues[4]![i]! % 1000));
      columns.set('scale', scale);
      const weightSum = r.rawWeights.slice(0, r.indicatorCount).reduce((a, b) => a + b, 0);
      const indicators: Model['indicators'] = {};
      names.forEach((name, k) => {
        indicators[name] = {
          column: name,
          weight: r.rawWeights[k]! / weightSum,
          ...(k === 0 && r.scaleFirst && { scale_by: 'scale' }),
        };
      });
      // Whole pence over 100: the double a model file's two-decimal amount reads as.
      const total = r.rounding === 'penny' ? (r.totalPounds * 100 + r.pence) / 100 : r.totalPounds;
      const slices = options.slices === false ? [] : [{ name: 'share slice', share: r.sliceShare }, { name: 'fixed slice', amount: Math.min(r.sliceAmount, Math.floor(total * 0.5)) }];
      const distributableGuess = total * (1 - r.sliceShare) - (slices[1]?.amount ?? 0);
      const useDamping = options.damping !== false && options.damping !== undefined;
      let damping: Damping | undefined;
      if (useDamping) {
        const priors = Float64Array.from({ length: n }, (_, i) => Math.round((distributableGuess / n) * r.priorNoise[i]! * r.priorScale * 100) / 100);
        columns.set('prior', priors);
        damping =
          r.method === 'floor_scale' ? { method: 'floor_scale', prior: 'prior', floor: r.floor }
          : r.method === 'floor_ceiling' ? { method: 'floor_ceiling', prior: 'prior', floor: r.floor, ceiling: r.floor + r.ceilingGap }
          : r.method === 'equal_change' ? { method: 'equal_change', prior: 'prior' }
          : { method: 'transition', prior: 'prior', years: r.years };
      }
      const minimum = options.minimum ? Math.floor((Math.max(0, distributableGuess) / n) * r.minimumFraction) : undefined;
      const model: Model = {
        fairshare: 1,
        title: 'property test',
        data: { file: 'synthetic.csv', key: 'key' },
        pot: { total, ...(slices.length > 0 && { top_slices: slices }) },
        indicators,
        ...(minimum !== undefined && { minimum }),
        ...(damping && { damping }),
        rounding: r.rounding,
      };
      const table: AreaTable = {
        file: 'synthetic.csv',
        header: ['key', ...columns.keys()],
        keys: r.keys,
        labels: r.keys.map((key) => `Area ${key}`),
        lines: r.keys.map((_, i) => i + 2),
        columns,
      };
      return { model, table };
    });
}

/** The same table with its rows in another order. */
export function permute(table: AreaTable, order: readonly number[]): AreaTable {
  return {
    ...table,
    keys: order.map((i) => table.keys[i]!),
    labels: order.map((i) => table.labels[i]!),
    lines: order.map((i) => table.lines[i]!),
    columns: new Map([...table.columns].map(([name, values]) => [name, Float64Array.from(order, (i) => values[i]!)])),
  };
}
