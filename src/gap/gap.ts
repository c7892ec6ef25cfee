/**
 * Gap analysis: need against provision, by priority and area. Pure.
 *
 * - Demand in an area is the sum of its demand terms: column (or expression) x rate x scale.
 * - Capacity in an area is what services serving that area meet, plus its share of the
 *   services that serve every area, shared in proportion to demand (a force-wide service
 *   goes where the demand is).
 * - Unmet demand is demand less capacity, never below zero: a surplus in one area does not
 *   meet need in another. Its cost is unmet demand x unit cost, in whole pence per area; a
 *   priority's cost is the sum of its areas', so the figures reconcile.
 * - Gaps are ranked by the cost of unmet demand, the largest first.
 */
import type { AreaTable } from '../data/table.js';
import { ModelProblems, type KeyPath } from '../errors.js';
import { compileExpression, type CompiledExpression } from '../formula/expression.js';
import type { Needs } from './schema.js';

export interface AreaGap {
  priority: string;
  key: string;
  label: string;
  demand: number;
  capacity: number;
  unmet: number;
  unmetCostPence: number;
  /** Among every priority and area, by the cost of unmet demand (1 = the largest). */
  rank: number;
}

export interface PriorityGap {
  name: string;
  unit: string;
  unitCostPence: number;
  demand: number;
  capacity: number;
  unmet: number;
  /** Unmet as a share of demand (null when there is no demand). */
  unmetShare: number | null;
  unmetCostPence: number;
  rank: number;
  provision: { name: string; capacity: number; area?: string }[];
}

export interface GapResult {
  title: string;
  period?: string;
  /** Priorities, ranked by the cost of unmet demand. */
  priorities: PriorityGap[];
  /** Priority x area, in the priorities' order, then the data file's. */
  areas: AreaGap[];
}

/** Expressions of every demand term, compiled once, by "priority.index". */
export function compileDemand(needs: Needs): Map<string, CompiledExpression> {
  const compiled = new Map<string, CompiledExpression>();
  for (const [name, need] of Object.entries(needs.priorities)) {
    need.demand.forEach((term, i) => {
      if (term.expression !== undefined) compiled.set(`${name}.${i}`, compileExpression(term.expression, `priorities.${name}.demand.${i}.expression`));
    });
  }
  return compiled;
}

/** Every numeric data column the needs file reads, with the key path that reads it. */
export function needsColumns(needs: Needs, expressions = compileDemand(needs)): { column: string; usedBy: string }[] {
  const columns = new Map<string, string>();
  const add = (column: string, usedBy: string) => !columns.has(column) && columns.set(column, usedBy);
  for (const [name, need] of Object.entries(needs.priorities)) {
    need.demand.forEach((term, i) => {
      if (term.column !== undefined) add(term.column, `priorities.${name}.demand.${i}.column`);
      for (const column of expressions.get(`${name}.${i}`)?.columns ?? []) add(column, `priorities.${name}.demand.${i}.expression`);
    });
    need.provision.forEach((p, i) => p.capacity_column !== undefined && add(p.capacity_column, `priorities.${name}.provision.${i}.capacity_column`));
  }
  return [...columns].map(([column, usedBy]) => ({ column, usedBy }));
}

const byCost = <T extends { unmetCostPence: number }>(items: T[], name: (item: T) => string) =>
  items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => b.item.unmetCostPence - a.item.unmetCostPence || (name(a.item) < name(b.item) ? -1 : 1))
    .map(({ item }) => item);

export function gapAnalysis(needs: Needs, table: AreaTable, expressions = compileDemand(needs)): GapResult {
  const n = table.keys.length;
  const column = (name: string) => table.columns.get(name)!;
  const areaIndex = new Map(table.keys.map((key, a) => [key, a]));
  const problems: { path: KeyPath; message: string }[] = [];
  const areas: AreaGap[] = [];
  const priorities: PriorityGap[] = [];

  // Every area, for an aggregate over all of them; one object, so each aggregate is computed once.
  const all = { count: table.keys.length, row: (i: number) => (col: string) => column(col)[i]! };
  for (const [name, need] of Object.entries(needs.priorities)) {
    const demand = new Float64Array(n);
    need.demand.forEach((term, i) => {
      const expression = expressions.get(`${name}.${i}`);
      const source = term.column === undefined ? undefined : column(term.column);
      for (let a = 0; a < n; a++) {
        const value = source ? source[a]! : expression!.evaluate((col) => column(col)[a]!, all);
        if (!Number.isFinite(value) || value < 0) {
          problems.push({ path: ['priorities', name, 'demand', i, 'expression'], message: `gives ${value} for area '${table.keys[a]}' (${table.file}:${table.lines[a]}); demand must be a finite number of zero or more` });
          return;
        }
        demand[a] = demand[a]! + value * term.rate * term.scale;
      }
    });
    const totalDemand = demand.reduce((s, d) => s + d, 0);
    const capacity = new Float64Array(n);
    need.provision.forEach((p, i) => {
      if (p.capacity_column !== undefined) {
        const values = column(p.capacity_column);
        for (let a = 0; a < n; a++) capacity[a] = capacity[a]! + values[a]!;
      } else if (p.area !== undefined) {
        const a = areaIndex.get(p.area);
        if (a === undefined) problems.push({ path: ['priorities', name, 'provision', i, 'area'], message: `no area '${p.area}' in ${table.file}` });
        else capacity[a] = capacity[a]! + p.capacity!;
      } else if (totalDemand > 0) {
        for (let a = 0; a < n; a++) capacity[a] = capacity[a]! + (p.capacity! * demand[a]!) / totalDemand;
      }
    });
    const unitCostPence = Math.round(need.unit_cost * 100);
    let unmetTotal = 0;
    let costTotal = 0;
    for (let a = 0; a < n; a++) {
      const unmet = Math.max(0, demand[a]! - capacity[a]!);
      const unmetCostPence = Math.round(unmet * unitCostPence);
      unmetTotal += unmet;
      costTotal += unmetCostPence;
      areas.push({ priority: name, key: table.keys[a]!, label: table.labels[a]!, demand: demand[a]!, capacity: capacity[a]!, unmet, unmetCostPence, rank: 0 });
    }
    priorities.push({
      name,
      unit: need.unit,
      unitCostPence,
      demand: totalDemand,
      capacity: need.provision.reduce((s, p) => s + (p.capacity ?? 0), 0) + need.provision.filter((p) => p.capacity_column !== undefined).reduce((s, p) => s + column(p.capacity_column!).reduce((x, y) => x + y, 0), 0),
      unmet: unmetTotal,
      unmetShare: totalDemand > 0 ? unmetTotal / totalDemand : null,
      unmetCostPence: costTotal,
      rank: 0,
      provision: need.provision.map((p) => ({ name: p.name, capacity: p.capacity ?? column(p.capacity_column!).reduce((x, y) => x + y, 0), ...(p.area !== undefined && { area: p.area }) })),
    });
  }
  if (problems.length > 0) throw new ModelProblems(problems);
  byCost(priorities, (p) => p.name).forEach((p, i) => (p.rank = i + 1));
  byCost(areas, (a) => `${a.priority}|${a.key}`).forEach((a, i) => (a.rank = i + 1));
  return {
    title: needs.title,
    ...(needs.period !== undefined && { period: needs.period }),
    priorities: [...priorities].sort((a, b) => a.rank - b.rank),
    areas,
  };
}
