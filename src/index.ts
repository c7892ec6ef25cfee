/** fairshare's public API: pure computation plus the file-loading edge the CLI uses. */
import type { AllocationResult, AreaAllocation } from './formula/allocate.js';
import { UserError } from './errors.js';
import { nearestKey } from './model/schema-keys.js';
import { formatAllocationCsv } from './report/csv.js';
import { formatAllocationJson } from './report/json.js';
import type { RunManifest } from './report/manifest.js';
import { formatAllocationTable } from './report/table.js';

export { UserError, isUserError } from './errors.js';
export { allocate } from './formula/allocate.js';
export type { AllocationResult, AreaAllocation, AreaIndicator, IndicatorSummary } from './formula/allocate.js';
export { compileExpression, ALLOWED_FUNCTIONS } from './formula/expression.js';
export { modelColumns } from './formula/columns.js';
export { parseAreaTable, parseNumberCell } from './data/table.js';
export type { AreaTable, TableSpec } from './data/table.js';
export { parseModel, parseOverride } from './model/load.js';
export type { Override } from './model/load.js';
export { ModelSchema } from './model/schema.js';
export type { Model, ModelInput, Indicator, TopSlice, Damping, DampingMethod } from './model/schema.js';
export { modelJsonSchema } from './model/json-schema.js';
export { largestRemainder } from './money/largest-remainder.js';
export { formatPounds, penceToDecimalPounds, poundsToPence, unitPence } from './money/units.js';
export type { RoundingUnit } from './money/units.js';
export { loadAllocation, runAllocation } from './io/load-allocation.js';
export type { LoadedAllocation } from './io/load-allocation.js';
export { writeFileAtomic, sha256 } from './io/files.js';
export { allocationJson, formatAllocationJson } from './report/json.js';
export { formatAllocationCsv, neutraliseFormula } from './report/csv.js';
export { formatAllocationTable } from './report/table.js';
export { workedExample } from './report/worked-example.js';
export type { RunManifest } from './report/manifest.js';

export function formatAllocation(result: AllocationResult, format: 'table' | 'csv' | 'json', manifest: RunManifest): string {
  if (format === 'json') return formatAllocationJson(result, manifest);
  if (format === 'csv') return formatAllocationCsv(result);
  return formatAllocationTable(result);
}

/** An area by key, or by name (case-insensitive); a clear error naming the nearest otherwise. */
export function findArea(result: AllocationResult, query: string): AreaAllocation {
  const wanted = query.trim().toLowerCase();
  const byKey = result.areas.find((area) => area.key === query.trim());
  if (byKey) return byKey;
  const byName = result.areas.filter((area) => area.label.toLowerCase() === wanted || area.key.toLowerCase() === wanted);
  if (byName.length === 1) return byName[0]!;
  const partial = result.areas.filter((area) => area.label.toLowerCase().includes(wanted));
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) {
    throw new UserError(`area '${query}' matches ${partial.length} areas: ${partial.slice(0, 10).map((a) => `${a.label} (${a.key})`).join(', ')}`);
  }
  const labels = result.areas.map((area) => area.label);
  const near = nearestKey(query, labels) ?? nearestKey(query, labels.map((label) => label.split(/[ ,]/)[0]!));
  const suggestion = near ? `did you mean '${labels.find((label) => label.startsWith(near)) ?? near}'?` : `the areas are ${labels.slice(0, 12).join('; ')}`;
  throw new UserError(`no area '${query}' in the data; ${suggestion}`);
}
