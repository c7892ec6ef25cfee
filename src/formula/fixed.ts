/**
 * Areas kept outside the formula with a fixed sum (the Isles of Scilly, a protected council,
 * or 0 to exclude one): the other areas share what is left by the formula, with its minimum,
 * damping and rounding; the fixed areas take their sums as they are. Pure.
 */
import type { AreaTable } from '../data/table.js';
import { UserError } from '../errors.js';
import { formatPounds, unitPence } from '../money/units.js';
import { nearestKey } from '../model/schema-keys.js';
import type { Model } from '../model/schema.js';
import { allocateFormula, type AllocationResult, type AreaAllocation, type RunOptions } from './allocate.js';
import { splitPot } from './pot.js';

export function allocateWithFixed(model: Model, table: AreaTable, options: RunOptions = {}): AllocationResult {
  const fixed = model.fixed ?? [];
  const unit = unitPence(model.rounding);
  const rowOf = new Map(table.keys.map((key, row) => [key, row]));
  const problems: string[] = [];
  const byRow = new Map<number, { pence: number; reason?: string }>();
  fixed.forEach((entry, i) => {
    const row = rowOf.get(entry.area);
    if (row === undefined) {
      const near = nearestKey(entry.area, table.keys);
      problems.push(`fixed.${i}.area: no area '${entry.area}' in ${table.file}${near ? `; did you mean '${near}'?` : ''}`);
    } else if (byRow.has(row)) problems.push(`fixed.${i}.area: '${entry.area}' is fixed twice`);
    else byRow.set(row, { pence: Math.round(entry.amount * 100), ...(entry.reason !== undefined && { reason: entry.reason }) });
  });
  if (problems.length > 0) throw new UserError(problems);
  if (byRow.size === table.keys.length) throw new UserError('fixed: every area is fixed, so there is nothing for the formula to share');
  const reserved = [...byRow.values()].reduce((s, f) => s + f.pence, 0);
  const distributable = splitPot(model).distributablePence;
  if (reserved > distributable) {
    throw new UserError(`fixed: the fixed allocations take ${formatPounds(reserved)}, ${formatPounds(reserved - distributable)} more than the distributable pot of ${formatPounds(distributable)}`);
  }

  // The formula's areas: the table without the fixed rows.
  const rows = table.keys.map((_, row) => row).filter((row) => !byRow.has(row));
  const sub: AreaTable = {
    ...table,
    keys: rows.map((row) => table.keys[row]!),
    labels: rows.map((row) => table.labels[row]!),
    lines: rows.map((row) => table.lines[row]!),
    columns: new Map([...table.columns].map(([name, values]) => [name, Float64Array.from(rows, (row) => values[row]!)])),
  };
  // A listed prior adjustment for a fixed area moves only the prior shown beside it.
  const adjustments = model.damping?.adjustments;
  const fixedKeys = new Set([...byRow.keys()].map((row) => table.keys[row]!));
  const formulaModel: Model =
    model.damping && Array.isArray(adjustments) ? { ...model, damping: { ...model.damping, adjustments: adjustments.filter((a) => !fixedKeys.has(a.area)) } } : model;
  const inner = allocateFormula(formulaModel, sub, { ...options, reservedUnits: reserved / unit });
  const priorColumn = model.damping ? table.columns.get(model.damping.prior) : undefined;
  const adjustmentColumn = typeof adjustments === 'string' ? table.columns.get(adjustments) : undefined;
  const priorOf = (row: number): NonNullable<AreaAllocation['damping']> | undefined => {
    if (!model.damping) return undefined;
    const key = table.keys[row]!;
    const base = options.prior ? options.prior.pence.get(key) : priorColumn ? Math.round(priorColumn[row]! * 100) : undefined;
    if (base === undefined) return undefined;
    const listed = Array.isArray(adjustments) ? adjustments.filter((a) => a.area === key) : [];
    const adjustment = listed.reduce((s, a) => s + Math.round(a.amount * 100), 0) + (adjustmentColumn ? Math.round(adjustmentColumn[row]! * 100) : 0);
    const reason = listed.map((a) => a.reason).filter(Boolean).join('; ');
    return {
      priorPence: base + adjustment,
      ...(adjustment !== 0 && { adjustment: { pence: adjustment, ...(reason && { reason }), source: adjustmentColumn ? `column ${adjustments}` : 'damping.adjustments' } }),
      outcome: 'fixed outside the formula',
    };
  };
  const fixedAreas = [...byRow].map(([row, f]): [number, AreaAllocation] => {
    const damping = priorOf(row);
    const prior = damping?.priorPence;
    return [
      row,
      {
        key: table.keys[row]!,
        label: table.labels[row]!,
        line: table.lines[row]!,
        indicators: {},
        needShare: 0,
        formulaPence: f.pence,
        targetPence: f.pence,
        exactPence: f.pence,
        rounding: { floorPence: f.pence, remainder: 0, adjustment: 0, rank: 0 },
        allocationPence: f.pence,
        // Not damped, but its prior is shown: the change and the totals read like-for-like.
        ...(damping && { damping }),
        change: prior !== undefined && prior > 0 ? (f.pence - prior) / prior : null,
        fixed: f.reason !== undefined ? { reason: f.reason } : {},
      },
    ];
  });
  const fixedBy = new Map(fixedAreas);
  let areas: AreaAllocation[] | undefined;
  const allocationsPence = new Float64Array(table.keys.length);
  let k = 0;
  table.keys.forEach((_, row) => {
    allocationsPence[row] = fixedBy.get(row)?.allocationPence ?? inner.allocationsPence[k++]!;
  });
  return {
    ...inner,
    fixed: { totalPence: reserved, areas: byRow.size },
    allocationsPence,
    get areas() {
      if (!areas) {
        let next = 0;
        const formula = inner.areas;
        areas = table.keys.map((_, row) => fixedBy.get(row) ?? formula[next++]!);
      }
      return areas;
    },
  };
}
