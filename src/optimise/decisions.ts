/**
 * Why a grant application was not funded, in the panel's terms. A panel ranks bids by score;
 * the optimiser funds the set of bids that does most for the money (outcome counts score x
 * pounds awarded), so a higher-scored bid can lose to lower-scored ones. For each eligible
 * bid left out, the model is solved again with that bid funded: what would have to give way,
 * and what the outcome would lose, is then exact, not a guess.
 */
import { formatPounds, poundsToPence } from '../money/units.js';
import type { Programme } from './build.js';
import type { LpSolution, SolveOptions, SolverEngine } from './engines/engine.js';
import { roundRanks } from './result.js';

/** Re-solves per round at most: beyond them, a left-out bid gets the general reason. */
export const MOST_COUNTERFACTUALS = 10;

const ordinal = (n: number) => {
  const tens = n % 100;
  return `${n}${tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};
/** Outcome units: two decimals, or two significant figures when smaller (a loss of 0.00075 is not 0.00). */
const units = (x: number) => (Math.abs(x) >= 0.01 ? x.toLocaleString('en-GB', { maximumFractionDigits: 2, minimumFractionDigits: 2 }) : String(Number(x.toPrecision(2))));
const score = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/** The reasons, by "round.application", for every eligible application the solution leaves out. */
export async function explainDecisions(programme: Programme, solution: LpSolution, engine: SolverEngine, limit: SolveOptions): Promise<Map<string, string>> {
  const { prepared, columns, lp } = programme;
  const selectOf = new Map<string, number>();
  columns.forEach((role, j) => {
    if (role.kind === 'select') selectOf.set(`${role.round}.${role.application}`, j);
  });
  const funded = (key: string) => (solution.values[selectOf.get(key) ?? -1] ?? 0) > 0.5;
  const reasons = new Map<string, string>();
  for (const [r, round] of prepared.rounds.entries()) {
    const n = round.applications.length;
    const ranks = roundRanks(round.applications.map((a) => a.score));
    const scored = (i: number) => `${score(round.applications[i]!.score * round.scoreScale)} of ${round.scoreScale}, ${ordinal(ranks[i]!)} of ${n}`;
    const left = round.applications
      .map((a, i) => i)
      .filter((i) => !round.applications[i]!.ineligible && !funded(`${r}.${i}`) && selectOf.has(`${r}.${i}`))
      .sort((a, b) => ranks[a]! - ranks[b]!);
    for (const [k, i] of left.entries()) {
      const application = round.applications[i]!;
      const key = `${r}.${i}`;
      const below = round.applications.map((_, j) => j).filter((j) => ranks[j]! > ranks[i]! && funded(`${r}.${j}`));
      // The score and rank are in the decision too, so it reads whole wherever it is quoted.
      const lead = `not funded (${scored(i)})`;
      if (k >= MOST_COUNTERFACTUALS) {
        reasons.set(key, below.length ? `${lead}: lower-scored bids were funded because together they do more for the money` : `${lead}: the money ran out before it`);
        continue;
      }
      // Solve again with this bid funded.
      const forced = { columns: lp.columns.map((c, j) => (j === selectOf.get(key) ? { ...c, lower: 1 } : c)), rows: lp.rows };
      const other = await engine.solve(forced, limit);
      if (other.status === 'infeasible') {
        reasons.set(key, `${lead}: it cannot be funded with the other limits met; its ${formatPounds(poundsToPence(application.request), true)} is more than can be found for it`);
        continue;
      }
      if (other.status !== 'optimal') {
        reasons.set(key, `${lead}: funding it instead was not worked out (${other.status.replace('_', ' ')})`);
        continue;
      }
      const loss = solution.objective - other.objective;
      const givesWay = round.applications.map((_, j) => j).filter((j) => j !== i && funded(`${r}.${j}`) && (other.values[selectOf.get(`${r}.${j}`) ?? -1] ?? 0) < 0.5);
      const named = givesWay.map((j) => `${round.applications[j]!.id} (${scored(j)})`);
      if (loss <= 1e-9 * Math.max(1, Math.abs(solution.objective))) {
        reasons.set(key, `${lead}: funding it instead gives the same outcome (a tie between equally good choices)`);
      } else if (givesWay.length > 0) {
        const lower = givesWay.every((j) => ranks[j]! > ranks[i]!);
        reasons.set(key, `${lead}: to fund it, ${named.join(' and ')} would have to give way${lower ? ' although scored lower' : ''}, and the need-weighted outcome would fall by ${units(loss)} units`);
      } else {
        reasons.set(key, `${lead}: funding it would take ${formatPounds(poundsToPence(application.request), true)} from spending that does more, lowering the need-weighted outcome by ${units(loss)} units`);
      }
    }
  }
  return reasons;
}
