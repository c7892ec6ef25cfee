/**
 * The price of each binding constraint: how much need-weighted outcome one more pound of
 * room would buy. From the engine's duals where it reports them (HiGHS, on an LP);
 * otherwise by solving again with the bound relaxed by £1, which is exactly what the words
 * say. For a model with grant rounds, the prices are those of the LP with the funding
 * decisions held as chosen (a pound more cannot buy part of a whole-or-nothing grant).
 */
import { yearLabel } from './prepare.js';
import type { Programme, RowRole } from './build.js';
import type { LpSolution, SolveOptions, SolverEngine } from './engines/engine.js';
import { fixIntegers, isMip, rowActivities, type LinearProgram } from './lp.js';

export interface Binding {
  row: number;
  role: RowRole;
  /** Outcome units gained per pound the constraint is relaxed (never negative). */
  price: number;
  words: string;
}

const TOLERANCE = 1e-6;

/** Rows a user set whose bound holds with equality at the solution. */
export function bindingRows(programme: Programme, values: ArrayLike<number>): number[] {
  const activities = rowActivities(programme.lp, values);
  const out: number[] = [];
  programme.rows.forEach((role, i) => {
    if (role.internal) return;
    const row = programme.lp.rows[i]!;
    const bound = role.side === 'upper' ? row.upper : row.lower;
    if (Number.isFinite(bound) && Math.abs(activities[i]! - bound) <= TOLERANCE * Math.max(1, Math.abs(bound))) out.push(i);
  });
  return out;
}

function relaxed(lp: LinearProgram, row: number, side: 'upper' | 'lower'): LinearProgram {
  const rows = lp.rows.slice();
  const r = rows[row]!;
  rows[row] = side === 'upper' ? { ...r, upper: r.upper + 1 } : { ...r, lower: r.lower - 1 };
  return { columns: lp.columns, rows };
}

export async function shadowPrices(programme: Programme, solution: LpSolution, engine: SolverEngine, options: SolveOptions = {}): Promise<Binding[]> {
  const rows = bindingRows(programme, solution.values);
  if (rows.length === 0) return [];
  const mip = isMip(programme.lp);
  const pricing = mip ? fixIntegers(programme.lp, solution.values) : programme.lp;
  let duals = mip ? undefined : solution.rowDuals;
  let base = solution.objective;
  if (mip) {
    const fixed = await engine.solve(pricing, options);
    if (fixed.status === 'optimal') {
      duals = fixed.rowDuals;
      base = fixed.objective;
    }
  }
  const prices: number[] = [];
  for (const i of rows) {
    const side = programme.rows[i]!.side;
    if (duals) {
      // d objective / d bound: relaxing an upper bound raises it, a lower bound lowers it.
      prices.push(Math.max(0, side === 'upper' ? duals[i]! : -duals[i]!));
      continue;
    }
    const again = await engine.solve(relaxed(pricing, i, side), options);
    prices.push(again.status === 'optimal' ? Math.max(0, again.objective - base) : NaN);
  }
  return rows.map((i, k) => ({ row: i, role: programme.rows[i]!, price: prices[k]!, words: inWords(programme.rows[i]!, prices[k]!, programme.prepared.years) }));
}

const number = (x: number) => (Math.abs(x) >= 1e6 ? x.toExponential(4) : +x.toPrecision(6)).toString();

/** A binding constraint and its price, in a sentence for a budget paper. */
export function inWords(role: RowRole, price: number, years: readonly number[]): string {
  const year = role.year >= 0 ? ` in ${yearLabel(years[role.year]!)}` : '';
  if (Number.isNaN(price)) return `${capitalise(role.text)}: binding (its price could not be found).`;
  if (price <= 1e-9) return `${capitalise(role.text)}: binding, but one more pound of room would add nothing (another limit binds too).`;
  const gain = `${number(price)} outcome unit${price === 1 ? '' : 's'}`;
  switch (role.kind) {
    case 'pot':
      return `One more pound of ${role.subject} money${year} would add ${gain}.`;
    case 'commitment':
      return `The contract ${role.subject}${year} costs ${gain} a pound: each pound released from it would add that much.`;
    case 'area_share':
      return `The fair share for ${role.subject}${year} costs ${gain} for each pound it moves.`;
    case 'stability_up':
    case 'stability_down':
      return `The stability rule on ${role.subject}${year} costs ${gain} a pound.`;
    case 'request_cap':
      return `${role.subject}'s request${year} costs ${gain} a pound: each pound more it were given would add that much.`;
    case 'round_total':
      return `The cap on the ${role.subject} round costs ${gain} a pound: raising it by £1 would add that much.`;
    default:
      return role.side === 'upper'
        ? `The cap on ${role.subject}${year} costs ${gain} a pound: raising it by £1 would add that much.`
        : `The minimum on ${role.subject}${year} costs ${gain} a pound: lowering it by £1 would add that much.`;
  }
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
