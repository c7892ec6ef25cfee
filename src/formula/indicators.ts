/**
 * Indicator amounts per area, in key order: the column's value or the expression's result,
 * times the scale_by column where there is one, and each indicator's total over all areas.
 */
import type { AreaTable } from '../data/table.js';
import { UserError } from '../errors.js';
import type { Model } from '../model/schema.js';
import { compileIndicatorExpressions } from './columns.js';

export interface IndicatorSummary {
  name: string;
  column?: string;
  expression?: string;
  scaleBy?: string;
  weight: number;
  /** Sum of the indicator's amounts over all areas. */
  total: number;
}

export interface IndicatorValues {
  names: string[];
  /** Per indicator, per area in key order: the column's value or the expression's result. */
  values: Float64Array[];
  /** value x scale_by (or value): what the share is taken of. */
  amounts: Float64Array[];
  summaries: IndicatorSummary[];
}

export function computeIndicators(
  model: Model,
  table: AreaTable,
  order: readonly number[],
  column: (name: string) => Float64Array,
): IndicatorValues {
  const n = order.length;
  const expressions = compileIndicatorExpressions(model);
  const names = Object.keys(model.indicators);
  // Every area of the table, for an aggregate over all of them (min_all and the like): one
  // object for the run, so each aggregate is computed once.
  const all = { count: table.keys.length, row: (i: number) => (name: string) => column(name)[i]! };
  const values = names.map(() => new Float64Array(n));
  const amounts = names.map(() => new Float64Array(n));
  const summaries: IndicatorSummary[] = names.map((name, k) => {
    const indicator = model.indicators[name]!;
    const expression = expressions.get(name);
    const scale = indicator.scale_by === undefined ? undefined : column(indicator.scale_by);
    const source = indicator.column === undefined ? undefined : column(indicator.column);
    let total = 0;
    for (let j = 0; j < n; j++) {
      const row = order[j]!;
      let value: number;
      if (source) value = source[row]!;
      else {
        value = expression!.evaluate((name) => column(name)[row]!, all);
        if (!Number.isFinite(value) || value < 0) {
          throw new UserError(
            `indicators.${name}.expression gives ${value} for area '${table.keys[row]}' (${table.file}:${table.lines[row]}); ` +
              'an indicator must be a finite number of zero or more',
          );
        }
      }
      values[k]![j] = value;
      const amount = scale ? value * scale[row]! : value;
      if (!Number.isFinite(amount)) {
        throw new UserError(`indicators.${name}: ${value} x ${scale?.[row]} (scale_by) for area '${table.keys[row]}' (${table.file}:${table.lines[row]}) is beyond the largest number there is`);
      }
      amounts[k]![j] = amount;
      total += amount;
    }
    if (!Number.isFinite(total)) {
      throw new UserError(`indicators.${name}: the values sum to more than the largest number there is (about 1.8e308); no share of such a total can be exact`);
    }
    if (!(total > 0) && indicator.weight > 0) {
      throw new UserError(`indicators.${name}: the values sum to zero over all ${n} areas, so no area has a share of it`);
    }
    return {
      name,
      ...(indicator.column !== undefined && { column: indicator.column }),
      ...(indicator.expression !== undefined && { expression: indicator.expression }),
      ...(indicator.scale_by !== undefined && { scaleBy: indicator.scale_by }),
      weight: indicator.weight,
      total,
    };
  });
  return { names, values, amounts, summaries };
}
