import type { Model } from '../model/schema.js';
import { compileExpression, type CompiledExpression } from './expression.js';

/** Compiled expressions of a model's expression indicators, by indicator name. */
export function compileIndicatorExpressions(model: Model): Map<string, CompiledExpression> {
  const compiled = new Map<string, CompiledExpression>();
  for (const [name, indicator] of Object.entries(model.indicators)) {
    if (indicator.expression !== undefined) {
      compiled.set(name, compileExpression(indicator.expression, `indicators.${name}.expression`));
    }
  }
  return compiled;
}

export interface NumericColumn {
  column: string;
  /** The model key that reads it, for messages. */
  usedBy: string;
}

/** Every data column the model reads as a number, in model order, each once. */
export function modelColumns(model: Model, expressions = compileIndicatorExpressions(model)): NumericColumn[] {
  const columns = new Map<string, string>();
  const add = (column: string, usedBy: string) => {
    if (!columns.has(column)) columns.set(column, usedBy);
  };
  for (const [name, indicator] of Object.entries(model.indicators)) {
    if (indicator.column !== undefined) add(indicator.column, `indicators.${name}.column`);
    for (const column of expressions.get(name)?.columns ?? []) add(column, `indicators.${name}.expression`);
    if (indicator.scale_by !== undefined) add(indicator.scale_by, `indicators.${name}.scale_by`);
  }
  if (model.damping) add(model.damping.prior, 'damping.prior');
  return [...columns].map(([column, usedBy]) => ({ column, usedBy }));
}
