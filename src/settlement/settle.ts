/**
 * A settlement, year by year. Pure: each year's model and table in, the chained allocations
 * out. The first year is damped against the model's prior column; every later year against
 * the previous year's final allocation, area by area, so floors, ceilings and equal changes
 * chain like-for-like. A transition over N years converges within the settlement: in year k
 * an area moves 1/(N - k + 1) of its remaining distance, reaching its target in year N.
 */
import type { AreaTable } from '../data/table.js';
import { UserError } from '../errors.js';
import { allocate, type AllocationResult, type RunOptions } from '../formula/allocate.js';
import type { Model } from '../model/schema.js';

export interface SettlementYearInput {
  year: number;
  label: string;
  indicative: boolean;
  model: Model;
  table: AreaTable;
}

export interface SettledYear {
  year: number;
  label: string;
  indicative: boolean;
  result: AllocationResult;
}

export interface SettlementResult {
  title: string;
  period?: string;
  years: SettledYear[];
}

export { financialYear } from '../model/financial-year.js';

export function settle(title: string, inputs: readonly SettlementYearInput[], period?: string): SettlementResult {
  const years: SettledYear[] = [];
  const first = new Set(inputs[0]!.table.keys);
  inputs.forEach((input, k) => {
    // Every year shares the same areas: a change of areas is a different settlement.
    if (input.table.keys !== inputs[0]!.table.keys && !sameKeys(input.table.keys, first)) {
      const own = new Set(input.table.keys);
      const missing = [...first].filter((key) => !own.has(key)).sort();
      const added = [...own].filter((key) => !first.has(key)).sort();
      throw new UserError(
        `years.${k}: the ${input.label} data has other areas than the first year's (${[...(missing.length ? [`missing ${missing.slice(0, 5).join(', ')}`] : []), ...(added.length ? [`new ${added.slice(0, 5).join(', ')}`] : [])].join('; ')}); a settlement's areas are the same every year`,
      );
    }
    const previous = years.at(-1);
    const damping = input.model.damping;
    // Year 1 is the model as written; later years count the transition down.
    const transitionYears = damping?.method === 'transition' && k > 0 ? Math.max(1, damping.years - k) : undefined;
    let result: AllocationResult;
    try {
      result = allocate(input.model, input.table, {
        // From the typed allocations in file order: no per-area records are built to chain a year.
        ...(previous && damping && { prior: { pence: byKey(inputs[k - 1]!.table.keys, previous.result.allocationsPence), source: `the ${previous.label} allocation` } }),
        ...(transitionYears !== undefined && { transitionYears }),
        ...(previous?.result.streams && { streamPriors: streamPriors(previous, inputs[k - 1]!.table.keys) }),
      });
    } catch (error) {
      // Which year failed, and against what: a floor affordable in 2026/27 may not be in 2027/28.
      if (error instanceof UserError) throw new UserError(error.problems.map((p) => `years.${k} (${input.label}${previous ? `, damped against the ${previous.label} allocation` : ''}): ${p}`));
      throw error;
    }
    years.push({ year: input.year, label: input.label, indicative: input.indicative, result });
  });
  return { title, ...(period !== undefined && { period }), years };
}

/** Each damped formula stream's previous-year amounts, by area: its prior in a settlement. */
function streamPriors(previous: SettledYear, keys: readonly string[]): NonNullable<RunOptions['streamPriors']> {
  return new Map(
    (previous.result.streams ?? [])
      .filter((stream) => stream.result?.damping)
      .map((stream) => [stream.key, { pence: byKey(keys, stream.pence), source: `the ${previous.label} ${stream.name}` }]),
  );
}

/** Amounts in file order, by area key. */
function byKey(keys: readonly string[], pence: ArrayLike<number>): Map<string, number> {
  const out = new Map<string, number>();
  for (let row = 0; row < keys.length; row++) out.set(keys[row]!, pence[row]!);
  return out;
}

/** The same areas as the first year's (keys are unique in a table). */
function sameKeys(keys: readonly string[], first: ReadonlySet<string>): boolean {
  return keys.length === first.size && keys.every((key) => first.has(key));
}
