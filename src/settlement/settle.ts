/**
 * A settlement, year by year. Pure: each year's model and table in, the chained allocations
 * out. The first year is damped against the model's prior column; every later year against
 * the previous year's final allocation, area by area, so floors, ceilings and equal changes
 * chain like-for-like. A transition over N years converges within the settlement: in year k
 * an area moves 1/(N - k + 1) of its remaining distance, reaching its target in year N.
 */
import type { AreaTable } from '../data/table.js';
import { UserError } from '../errors.js';
import { allocate, type AllocationResult } from '../formula/allocate.js';
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

/** "2026/27" for 2026. */
export const financialYear = (year: number): string => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

export function settle(title: string, inputs: readonly SettlementYearInput[], period?: string): SettlementResult {
  const years: SettledYear[] = [];
  const keys = [...inputs[0]!.table.keys].sort();
  inputs.forEach((input, k) => {
    // Every year shares the same areas: a change of areas is a different settlement.
    const own = [...input.table.keys].sort();
    if (own.join('\u0000') !== keys.join('\u0000')) {
      const missing = keys.filter((key) => !own.includes(key));
      const added = own.filter((key) => !keys.includes(key));
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
        ...(previous && damping && { prior: { pence: new Map(previous.result.areas.map((a) => [a.key, a.allocationPence])), source: `the ${previous.label} allocation` } }),
        ...(transitionYears !== undefined && { transitionYears }),
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
