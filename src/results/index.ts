/**
 * Every kind of result fairshare publishes, one registry: its schema validates a saved result
 * (`fairshare chart result.json`) against the same types the engines' results are written
 * with, so a hand-edited or foreign file gets a clear message, never a wrong chart.
 */
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { AllocationJsonSchema, type AllocationJson } from './allocation.js';
import { ChangeJsonSchema, type ChangeJson } from './change.js';
import { CheckJsonSchema, type CheckJson } from './check.js';
import { ComparisonJsonSchema, type ComparisonJson } from './comparison.js';
import { GapJsonSchema, type GapJson } from './gap.js';
import { OptimisationJsonSchema, type OptimisationJson } from './optimisation.js';
import { SensitivityJsonSchema, type SensitivityJson } from './sensitivity.js';
import { SettlementJsonSchema, type SettlementJson } from './settlement.js';
import { SplitJsonSchema, type SplitJson } from './split.js';
import { DataTableJsonSchema, type DataTableJson } from './table.js';

export type { AllocationJson } from './allocation.js';
export type { ChangeJson } from './change.js';
export type { CheckJson } from './check.js';
export type { ComparisonJson } from './comparison.js';
export type { GapJson } from './gap.js';
export type { OptimisationJson } from './optimisation.js';
export type { SensitivityJson } from './sensitivity.js';
export type { SettlementJson } from './settlement.js';
export type { SplitJson } from './split.js';
export type { DataTableJson } from './table.js';
export type { Manifest, Names } from './common.js';
export { nameOf } from './common.js';

/** Each result kind's JSON type, by the value of its `result` key. */
export interface ResultJsonByKind {
  allocation: AllocationJson;
  split: SplitJson;
  optimisation: OptimisationJson;
  comparison: ComparisonJson;
  sensitivity: SensitivityJson;
  gap: GapJson;
  table: DataTableJson;
  settlement: SettlementJson;
  change: ChangeJson;
  check: CheckJson;
}

export type ResultKind = keyof ResultJsonByKind;
export type AnyResultJson = ResultJsonByKind[ResultKind];

export const RESULT_SCHEMAS: { [K in ResultKind]: z.ZodType<ResultJsonByKind[K]> } = {
  allocation: AllocationJsonSchema,
  split: SplitJsonSchema,
  optimisation: OptimisationJsonSchema,
  comparison: ComparisonJsonSchema,
  sensitivity: SensitivityJsonSchema,
  gap: GapJsonSchema,
  table: DataTableJsonSchema,
  settlement: SettlementJsonSchema,
  change: ChangeJsonSchema,
  check: CheckJsonSchema,
};

export const RESULT_KINDS = Object.keys(RESULT_SCHEMAS) as ResultKind[];

/** A saved result, checked against its kind's schema. `file` names it in messages. */
export function readResult(text: string, file: string): AnyResultJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const kind = raw && typeof raw === 'object' ? (raw as { result?: unknown }).result : undefined;
  if (typeof kind !== 'string' || !Object.hasOwn(RESULT_SCHEMAS, kind)) {
    throw new UserError(`${file}: not a fairshare result (its "result" should be one of ${RESULT_KINDS.join(', ')}; write one with --format json)`);
  }
  const parsed = RESULT_SCHEMAS[kind as ResultKind].safeParse(raw);
  if (!parsed.success) {
    throw new UserError(parsed.error.issues.slice(0, 10).map((issue) => `${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`));
  }
  return parsed.data;
}
