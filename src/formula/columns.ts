import type { Model } from '../model/schema.js';
import { compileExpression, type CompiledExpression } from './expression.js';

/** Compiled expressions of a model's expression indicators, by indicator name (under a stream's path, for a stream's). */
export function compileIndicatorExpressions(model: Pick<Model, 'indicators'>, path = 'indicators'): Map<string, CompiledExpression> {
  const compiled = new Map<string, CompiledExpression>();
  for (const [name, indicator] of Object.entries(model.indicators)) {
    if (indicator.expression !== undefined) {
      compiled.set(name, compileExpression(indicator.expression, `${path}.${name}.expression`));
    }
  }
  return compiled;
}

export interface NumericColumn {
  column: string;
  /** The model key that reads it, for messages. */
  usedBy: string;
  /** May be negative (and empty is zero): adjustments. */
  signed?: boolean;
}

/** Every data column the model reads as a number, in model order, each once. */
export function modelColumns(model: Model, expressions = compileIndicatorExpressions(model)): NumericColumn[] {
  const columns = new Map<string, string>();
  const signed = new Set<string>();
  const add = (column: string, usedBy: string) => {
    if (!columns.has(column)) columns.set(column, usedBy);
  };
  const formula = (indicators: Model['indicators'], damping: Model['damping'], path: string, compiled: Map<string, CompiledExpression>) => {
    for (const [name, indicator] of Object.entries(indicators)) {
      if (indicator.column !== undefined) add(indicator.column, `${path}indicators.${name}.column`);
      for (const column of compiled.get(name)?.columns ?? []) add(column, `${path}indicators.${name}.expression`);
      if (indicator.scale_by !== undefined) add(indicator.scale_by, `${path}indicators.${name}.scale_by`);
    }
    if (damping) add(damping.prior, `${path}damping.prior`);
    if (typeof damping?.adjustments === 'string') {
      add(damping.adjustments, `${path}damping.adjustments`);
      signed.add(damping.adjustments);
    }
  };
  formula(model.indicators, undefined, '', expressions);
  for (const [key, stream] of Object.entries(model.streams ?? {})) {
    const path = `streams.${key}.`;
    if (stream.rule === 'formula') formula(stream.indicators, stream.damping, path, compileIndicatorExpressions(stream, `${path}indicators`));
    else if (stream.rule === 'fixed') add(stream.column, `${path}column`);
    else add(stream.prior, `${path}prior`);
  }
  formula({}, model.damping, '', expressions);
  return [...columns].map(([column, usedBy]) => ({ column, usedBy, ...(signed.has(column) && usedBy.endsWith('damping.adjustments') && { signed: true }) }));
}
