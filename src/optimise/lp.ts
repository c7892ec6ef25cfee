/**
 * A linear (or mixed-integer) programme in a form every engine can take: named columns with
 * bounds, costs and integrality, and named rows `lower <= a.x <= upper` kept sparse.
 * Always a maximisation: fairshare maximises need-weighted outcome.
 *
 * Names are CPLEX LP-safe (letters, digits, `_` and `.`, not starting with a digit or a
 * period) and unique, so an exported model can be re-solved by any other solver.
 */

export interface LpColumn {
  name: string;
  cost: number;
  lower: number;
  upper: number;
  integer: boolean;
}

export interface LpRow {
  name: string;
  lower: number;
  upper: number;
  /** Column indices, each once, with their coefficients. */
  indices: number[];
  values: number[];
}

export interface LinearProgram {
  columns: LpColumn[];
  rows: LpRow[];
}

/** Make a name safe for the CPLEX LP format. */
export function lpName(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9_.]+/g, '_').replace(/_+/g, '_');
  // Not a digit or period first, nor e/E then a digit or e (read as an exponent), nor a keyword.
  return /^[A-Za-z_]/.test(safe) && !/^[eE][0-9eE]/.test(safe) && !/^(free|inf|infinity)$/i.test(safe) ? safe : `n_${safe}`;
}

/** Builds a programme with unique LP-safe names; coefficients on the same column are summed. */
export class LpBuilder {
  readonly columns: LpColumn[] = [];
  readonly rows: LpRow[] = [];
  private readonly used = new Set<string>();

  private unique(text: string): string {
    const base = lpName(text);
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  addColumn(name: string, cost: number, lower = 0, upper = Infinity, integer = false): number {
    this.columns.push({ name: this.unique(name), cost, lower, upper, integer });
    return this.columns.length - 1;
  }

  addRow(name: string, lower: number, upper: number, terms: Iterable<readonly [number, number]>): number {
    const merged = new Map<number, number>();
    for (const [column, value] of terms) merged.set(column, (merged.get(column) ?? 0) + value);
    const indices: number[] = [];
    const values: number[] = [];
    for (const [column, value] of merged) {
      if (value === 0) continue;
      indices.push(column);
      values.push(value);
    }
    this.rows.push({ name: this.unique(name), lower, upper, indices, values });
    return this.rows.length - 1;
  }

  build(): LinearProgram {
    return { columns: this.columns, rows: this.rows };
  }
}

/** Row activities a.x for a solution. */
export function rowActivities(lp: LinearProgram, values: ArrayLike<number>): Float64Array {
  return Float64Array.from(lp.rows, (row) => {
    let sum = 0;
    for (let k = 0; k < row.indices.length; k++) sum += row.values[k]! * values[row.indices[k]!]!;
    return sum;
  });
}

export function objectiveValue(lp: LinearProgram, values: ArrayLike<number>): number {
  let sum = 0;
  lp.columns.forEach((column, j) => (sum += column.cost * values[j]!));
  return sum;
}

export interface Violation {
  kind: 'row' | 'column' | 'integrality';
  name: string;
  value: number;
  lower: number;
  upper: number;
}

/**
 * Every constraint a solution breaks by more than `tolerance` (relative to the bound's size,
 * at least absolute): computed here from the programme alone, independently of any solver.
 */
export function violations(lp: LinearProgram, values: ArrayLike<number>, tolerance = 1e-6): Violation[] {
  const out: Violation[] = [];
  const outside = (value: number, lower: number, upper: number) =>
    value < lower - tolerance * Math.max(1, Math.abs(lower)) || value > upper + tolerance * Math.max(1, Math.abs(upper));
  const activities = rowActivities(lp, values);
  lp.rows.forEach((row, i) => {
    if (outside(activities[i]!, row.lower, row.upper)) out.push({ kind: 'row', name: row.name, value: activities[i]!, lower: row.lower, upper: row.upper });
  });
  lp.columns.forEach((column, j) => {
    const value = values[j]!;
    if (!Number.isFinite(value) || outside(value, column.lower, column.upper)) out.push({ kind: 'column', name: column.name, value, lower: column.lower, upper: column.upper });
    if (column.integer && Math.abs(value - Math.round(value)) > tolerance) out.push({ kind: 'integrality', name: column.name, value, lower: column.lower, upper: column.upper });
  });
  return out;
}

/** The same programme with its integer columns fixed at a solution's values: an LP whose duals price the constraints. */
export function fixIntegers(lp: LinearProgram, values: ArrayLike<number>): LinearProgram {
  return {
    rows: lp.rows,
    columns: lp.columns.map((column, j) => {
      if (!column.integer) return column;
      const value = Math.round(values[j]!);
      return { ...column, lower: value, upper: value, integer: false };
    }),
  };
}

export const isMip = (lp: LinearProgram): boolean => lp.columns.some((column) => column.integer);

/** The largest breach of any bound or row (relative to the bound's size, at least absolute); 0 when feasible. */
export function largestBreach(lp: LinearProgram, values: ArrayLike<number>): number {
  let worst = 0;
  const check = (value: number, lower: number, upper: number) => {
    if (value < lower) worst = Math.max(worst, (lower - value) / Math.max(1, Math.abs(lower)));
    if (value > upper) worst = Math.max(worst, (value - upper) / Math.max(1, Math.abs(upper)));
  };
  const activities = rowActivities(lp, values);
  lp.rows.forEach((row, i) => check(activities[i]!, row.lower, row.upper));
  lp.columns.forEach((column, j) => {
    check(values[j]!, column.lower, column.upper);
    if (column.integer) worst = Math.max(worst, Math.abs(values[j]! - Math.round(values[j]!)));
  });
  return worst;
}
