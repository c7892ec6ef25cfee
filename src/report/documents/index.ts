/**
 * Every result kind becomes the one table form here: one builder per kind, in a registry the
 * compiler checks is complete (a new result kind cannot be left without its tables).
 */
import type { AnyResultJson, ResultJsonByKind, ResultKind } from '../../results/index.js';
import type { ResultDocument } from '../form.js';
import { allocationDocument } from './allocation.js';
import { changeDocument } from './change.js';
import { checkDocument } from './check.js';
import { comparisonDocument } from './comparison.js';
import { gapDocument } from './gap.js';
import { optimisationDocument } from './optimisation.js';
import { sensitivityDocument } from './sensitivity.js';
import { settlementDocument } from './settlement.js';
import { splitDocument } from './split.js';
import { dataTableDocument } from './table.js';

export const DOCUMENTS: { [K in ResultKind]: (json: ResultJsonByKind[K]) => ResultDocument } = {
  allocation: allocationDocument,
  split: splitDocument,
  optimisation: optimisationDocument,
  comparison: comparisonDocument,
  sensitivity: sensitivityDocument,
  gap: gapDocument,
  table: dataTableDocument,
  settlement: settlementDocument,
  change: changeDocument,
  check: checkDocument,
};

/** Any result in the table form. */
export function resultDocument(json: AnyResultJson): ResultDocument {
  return (DOCUMENTS[json.result] as (json: AnyResultJson) => ResultDocument)(json);
}

export { cashFlowTable } from './split.js';
